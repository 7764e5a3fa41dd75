using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Search.Indexing;

/// <summary>Runs Lucene's <see cref="CheckIndex"/> read-only on the last commit of an index folder. It never repairs:
/// fixing drops documents, and the documents' source folders are the place to rebuild from.</summary>
/// <remarks>Another process may be writing the index meanwhile, and its writer deletes the files of every commit it
/// supersedes (segments merged away). The check therefore pins one commit (<see cref="PinnedCommitDirectory"/>) and
/// reads only that, so a file vanishing under it can never pass for damage.</remarks>
internal static class IndexChecker
{
    /// <summary>How many commits in a row may be replaced while being pinned before the check gives up. Pinning takes
    /// milliseconds, so even a writer committing every few documents rarely replaces one commit, let alone this many.</summary>
    public const int MaxAttempts = 10;

    public static IndexCheckReport Check(string path)
    {
        string fullPath = System.IO.Path.GetFullPath(path);
        if (!IndexFolder.Exists(fullPath))
            throw new IndexUnavailableException(fullPath, $"There is no index at '{fullPath}' to check.");
        using var directory = new PositionalReadDirectory(fullPath);
        return Check(directory);
    }

    /// <summary>Checks the last commit in <paramref name="directory"/>, which must hold one.</summary>
    public static IndexCheckReport Check(LuceneDirectory directory)
    {
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            long generation = SegmentInfos.GetLastCommitGeneration(directory);
            PinnedCommitDirectory? commit;
            try
            {
                commit = PinnedCommitDirectory.TryPin(directory);
            }
            catch (IOException) when (SegmentInfos.GetLastCommitGeneration(directory) != generation)
            {
                continue; // the commit was replaced while its segments file was being read
            }
            catch (IOException)
            {
                // No commit can be read at all: CheckIndex on the folder itself says how (missing or unreadable segments file).
                return Run(directory);
            }
            if (commit is null)
                continue;
            using (commit)
                return Run(commit);
        }
        return Changing(MaxAttempts);
    }

    private static IndexCheckReport Run(LuceneDirectory directory)
    {
        using var details = new StringWriter(CultureInfo.InvariantCulture);
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
        // Sound to Lucene, but not searchable by this build: rebuilding is the remedy, as for damage.
        bool otherFormat = status.UserData is not null && !IndexFormat.IsCurrent(status.UserData);
        if (otherFormat)
            problems.Add(IndexFormat.CheckProblem);

        return new IndexCheckReport
        {
            Healthy = status.Clean && !otherFormat,
            Segments = status.NumSegments,
            Documents = documents,
            Problems = problems,
            Details = details.ToString(),
        };
    }

    private static IndexCheckReport Changing(int times)
    {
        string problem = string.Create(CultureInfo.InvariantCulture,
            $"The index changed {times} times while being checked (another process is writing it), so no commit could be read whole; try again.");
        return new IndexCheckReport
        {
            Healthy = false,
            Inconclusive = true,
            Segments = 0,
            Documents = 0,
            Problems = [problem],
            Details = problem,
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
