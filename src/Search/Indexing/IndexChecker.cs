using Lucene.Net.Index;
using Lucene.Net.Store;

namespace Search.Indexing;

/// <summary>Runs Lucene's <see cref="CheckIndex"/> read-only on the last commit of an index folder. It never repairs:
/// fixing drops documents, and the documents' source folders are the place to rebuild from.</summary>
internal static class IndexChecker
{
    public static IndexCheckReport Check(string path)
    {
        string fullPath = System.IO.Path.GetFullPath(path);
        if (!IndexFolder.Exists(fullPath))
            throw new IndexUnavailableException(fullPath, $"There is no index at '{fullPath}' to check.");
        using var directory = new NIOFSDirectory(fullPath);
        using var details = new StringWriter();
        var checker = new CheckIndex(directory) { InfoStream = details };
        CheckIndex.Status status = checker.DoCheckIndex();

        var problems = new List<string>();
        if (status.MissingSegments)
            problems.Add("The commit's segments file is missing or unreadable.");
        if (status.CantOpenSegments)
            problems.Add("The commit's segments file cannot be opened.");
        long documents = 0;
        foreach (CheckIndex.Status.SegmentInfoStatus segment in status.SegmentInfos)
        {
            if (!segment.OpenReaderPassed)
                problems.Add($"Segment {segment.Name} cannot be opened.");
            foreach ((string part, Exception? error) in Parts(segment))
            {
                if (error is not null)
                    problems.Add($"Segment {segment.Name}: {part} are damaged ({ExceptionText.Summary(error)}).");
            }
            documents += segment.DocCount - segment.NumDeleted;
        }
        if (status.TotLoseDocCount > 0)
            problems.Add($"{status.TotLoseDocCount} documents are in damaged segments.");
        if (!status.Clean && problems.Count == 0)
            problems.Add("CheckIndex reports the index as not clean; see the details.");

        return new IndexCheckReport
        {
            Healthy = status.Clean,
            Segments = status.NumSegments,
            Documents = documents,
            Problems = problems,
            Details = details.ToString(),
        };
    }

    private static IEnumerable<(string Part, Exception? Error)> Parts(CheckIndex.Status.SegmentInfoStatus segment)
    {
        yield return ("norms", segment.FieldNormStatus?.Error);
        yield return ("postings", segment.TermIndexStatus?.Error);
        yield return ("stored fields", segment.StoredFieldStatus?.Error);
        yield return ("term vectors", segment.TermVectorStatus?.Error);
        yield return ("doc values", segment.DocValuesStatus?.Error);
    }
}
