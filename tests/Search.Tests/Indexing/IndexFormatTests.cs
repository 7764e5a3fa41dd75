using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Search.Indexing;

namespace Search.Tests.Indexing;

public class IndexFormatTests
{
    public static TheoryData<string> OtherFormats => ["fingerprint", "version", "none"];

    [Theory]
    [MemberData(nameof(OtherFormats))]
    public async Task Open_IndexOfAnotherFormat_IsRefusedReadOnlyAndWritableWithoutChangingIt(string change)
    {
        using var folder = new TempFolder();
        await IndexTwoDocuments(folder.Path);
        ChangeFormat(folder.Path, change);
        IDictionary<string, string> before = CommitData(folder.Path);

        var readOnly = Assert.Throws<IndexUnavailableException>(() => SearchIndex.Open(folder.Path, new SearchIndexOptions { ReadOnly = true }));
        var writable = Assert.Throws<IndexUnavailableException>(() => SearchIndex.Open(folder.Path));

        foreach (IndexUnavailableException refused in new[] { readOnly, writable })
        {
            Assert.True(refused.IsOtherFormat);
            Assert.Equal(folder.Path, refused.IndexPath);
            Assert.Contains("written by another version of Search", refused.Message, StringComparison.Ordinal);
            Assert.Contains("--rebuild", refused.Message, StringComparison.Ordinal);
            Assert.Contains("SearchIndexOptions.Rebuild = true", refused.Message, StringComparison.Ordinal);
        }
        Assert.Equal(before, CommitData(folder.Path));
        Assert.False(SearchIndex.IsLocked(folder.Path));
    }

    [Fact]
    public async Task Open_CurrentIndex_ReopensWithoutAnExtraCommit()
    {
        using var folder = new TempFolder();
        await IndexTwoDocuments(folder.Path);
        long generation = Generation(folder.Path);

        using (SearchIndex.Open(folder.Path))
        {
        }
        using SearchIndex readOnly = SearchIndex.Open(folder.Path, new SearchIndexOptions { ReadOnly = true });

        Assert.Equal(generation, Generation(folder.Path));
        Assert.Equal(2, readOnly.Count);
        Assert.Equal("kabul", readOnly.Search(new SearchRequest("kabul")).Hits.Single().Id);
    }

    [Fact]
    public async Task Commits_OfEveryKind_RecordTheFormat()
    {
        using var folder = new TempFolder();
        using var docs = new TempFolder();
        docs.Write("a.txt", "First\n\nalpha");
        docs.Write("b.txt", "Second\n\nbeta");

        using (SearchIndex.Open(folder.Path))
            Assert.True(IndexFormat.IsCurrent(CommitData(folder.Path))); // the empty first commit
        using (SearchIndex paced = SearchIndex.Open(folder.Path, new SearchIndexOptions { CommitEveryDocuments = 1 }))
            await paced.IndexDirectoryAsync(docs.Path);
        Assert.True(IndexFormat.IsCurrent(CommitData(folder.Path)));
        using (SearchIndex rebuilt = SearchIndex.Open(folder.Path, new SearchIndexOptions { Rebuild = true }))
            await rebuilt.IndexDirectoryAsync(docs.Path);
        Assert.True(IndexFormat.IsCurrent(CommitData(folder.Path)));
        using SearchIndex reopened = SearchIndex.Open(folder.Path, new SearchIndexOptions { ReadOnly = true });
        Assert.Equal(2, reopened.Count);
    }

    [Theory]
    [MemberData(nameof(OtherFormats))]
    public async Task Rebuild_IndexOfAnotherFormat_KeepsItUntilTheFirstCommitThenReplacesIt(string change)
    {
        using var folder = new TempFolder();
        using var docs = new TempFolder();
        docs.Write("kabul.txt", " date 2021-08-15 Kabul falls\n\nThe capital was taken.");
        docs.Write("doha.txt", "Doha talks\n\nNegotiators met.");
        using (SearchIndex index = SearchIndex.Open(folder.Path))
            await index.IndexDirectoryAsync(docs.Path);
        ChangeFormat(folder.Path, change);
        IDictionary<string, string> old = CommitData(folder.Path);

        using (SearchIndex rebuild = SearchIndex.Open(folder.Path, new SearchIndexOptions { Rebuild = true }))
        {
            Assert.Equal(old, CommitData(folder.Path)); // the old index is untouched until the rebuild commits
            IndexReport report = await rebuild.IndexDirectoryAsync(docs.Path);
            Assert.Equal(2, report.Added);
        }

        Assert.True(IndexFormat.IsCurrent(CommitData(folder.Path)));
        using SearchIndex reopened = SearchIndex.Open(folder.Path, new SearchIndexOptions { ReadOnly = true });
        Assert.Equal(2, reopened.Count);
        SearchHit hit = reopened.Search(new SearchRequest("capital")).Hits.Single();
        Assert.Equal(("kabul", "Kabul falls", new DateOnly(2021, 8, 15)), (hit.Id, hit.Title, hit.Date));
    }

    [Fact]
    public async Task Rebuild_IndexOfAnotherFormat_DoesNotCopyOldDocumentsOfFilesItCannotRead()
    {
        using var folder = new TempFolder();
        using var docs = new TempFolder();
        docs.Write("good.txt", "Good\n\nreadable");
        string bad = docs.Write("bad.txt", "Bad\n\nreadable for now");
        using (SearchIndex index = SearchIndex.Open(folder.Path))
            await index.IndexDirectoryAsync(docs.Path);
        ChangeFormat(folder.Path, "fingerprint");
        File.WriteAllText(bad, string.Empty); // an empty file is a failure, whose old document a rebuild of this format would keep

        using (SearchIndex rebuild = SearchIndex.Open(folder.Path, new SearchIndexOptions { Rebuild = true }))
        {
            IndexReport report = await rebuild.IndexDirectoryAsync(docs.Path);
            Assert.Equal("bad", report.Failures.Single().Id);
        }

        using SearchIndex reopened = SearchIndex.Open(folder.Path, new SearchIndexOptions { ReadOnly = true });
        Assert.NotNull(reopened.Get("good"));
        Assert.Null(reopened.Get("bad"));
    }

    [Fact]
    public async Task Search_ReadOnlyIndexThatAnotherVersionRewrites_IsRefusedOnceItSeesTheNewCommit()
    {
        using var folder = new TempFolder();
        await IndexTwoDocuments(folder.Path);
        using SearchIndex readOnly = SearchIndex.Open(folder.Path, new SearchIndexOptions { ReadOnly = true });
        Assert.Equal(1, readOnly.Search(new SearchRequest("kabul")).TotalHits);

        // Another version writes: a reader sees a new commit only when documents change, not its data alone.
        ChangeFormat(folder.Path, "fingerprint", addDocument: true);

        // A read-only index looks for new commits at most once a second.
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        IndexUnavailableException? refused = null;
        while (refused is null && DateTime.UtcNow < deadline)
        {
            try
            {
                readOnly.Search(new SearchRequest("kabul"));
                await Task.Delay(50);
            }
            catch (IndexUnavailableException e)
            {
                refused = e;
            }
        }
        Assert.NotNull(refused);
        Assert.True(refused.IsOtherFormat);
    }

    [Fact]
    public async Task Check_IndexOfAnotherFormat_IsNotHealthyAndSaysWhy()
    {
        using var folder = new TempFolder();
        await IndexTwoDocuments(folder.Path);
        Assert.True(SearchIndex.Check(folder.Path).Healthy);
        ChangeFormat(folder.Path, "fingerprint");

        IndexCheckReport report = SearchIndex.Check(folder.Path);

        Assert.False(report.Healthy);
        Assert.False(report.Inconclusive);
        Assert.Equal(2, report.Documents);
        Assert.Contains(report.Problems, p => p.Contains("written by another version of Search", StringComparison.Ordinal));
    }

    [Fact]
    public void Fingerprint_IsWhatThisBuildWrites()
    {
        string computed = IndexFormat.FingerprintOf(IndexFormat.Describe());

        // On failure: the schema or the analysis changed, so indexes written before are of another format. Set
        // IndexFormat.Fingerprint to the computed value; such indexes are then refused for search and rebuilt by a sync.
        Assert.True(computed == IndexFormat.Fingerprint, $"The index format changed: IndexFormat.Fingerprint is now \"{computed}\".");
    }

    [Fact]
    public void Fingerprint_IsTheSameInEveryCulture()
    {
        string fingerprint = IndexFormat.Fingerprint;
        string[] cultures = ["tr-TR", "ar-SA", "sv-FI", "zh-CN", ""];
        string[] computed = cultures.Select(name => InCulture(name, () => IndexFormat.FingerprintOf(IndexFormat.Describe()))).ToArray();

        Assert.Matches("^[0-9a-f]{32}$", fingerprint);
        Assert.All(computed, value => Assert.Equal(fingerprint, value));
    }

    [Fact]
    public void Describe_NamesEveryFieldTheStopListAndTheAnalysis()
    {
        string description = IndexFormat.Describe();

        foreach (string field in new[] { IndexSchema.Id, IndexSchema.Title, IndexSchema.Body, IndexSchema.Date, IndexSchema.Origin, IndexSchema.Extension })
            Assert.Contains($"field {field} ", description, StringComparison.Ordinal);
        Assert.Contains($"step={IndexSchema.DatePrecisionStep}", description, StringComparison.Ordinal);
        Assert.Contains("number:" + new DateOnly(2021, 8, 14).DayNumber.ToString(CultureInfo.InvariantCulture), description, StringComparison.Ordinal);
        Assert.Contains(" must ", description.Split('\n').Single(line => line.StartsWith("stopwords ", StringComparison.Ordinal)) + " ", StringComparison.Ordinal);
        Assert.Contains("analysis body ", description, StringComparison.Ordinal);
        Assert.Contains(" taliban/", description, StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprint_ChangesWithTheStopListAFieldTheAnalyzerOrThePrecisionStep()
    {
        string Fingerprint(IEnumerable<IIndexableField> fields, Analyzer analyzer, IEnumerable<string> stopWords) =>
            IndexFormat.FingerprintOf(IndexFormat.Describe(fields, analyzer, stopWords, new BM25Similarity()));

        string[] stopWords = [.. Ranking.StopWords.Select(word => word.ToString()!)];
        IIndexableField[] fields = [.. Sample().Fields];
        using Analyzer analyzer = IndexSchema.CreateAnalyzer();
        using Analyzer other = new SimpleAnalyzer(LuceneVersion.LUCENE_48);
        string baseline = Fingerprint(fields, analyzer, stopWords);

        var unstoredBody = fields.Select(f => f.Name == IndexSchema.Body ? new TextField(IndexSchema.Body, f.GetStringValue(CultureInfo.InvariantCulture), Field.Store.NO) : f);
        var coarserDates = fields.Select(f => f.Name == IndexSchema.Date && f is Int64Field
            ? new Int64Field(IndexSchema.Date, f.GetInt64Value()!.Value, new FieldType(Int64Field.TYPE_STORED) { NumericPrecisionStep = 16 })
            : f);

        Assert.Equal(baseline, Fingerprint(fields, analyzer, stopWords.Reverse()));
        Assert.NotEqual(baseline, Fingerprint(fields, analyzer, [.. stopWords, "news"]));
        Assert.NotEqual(baseline, Fingerprint(unstoredBody, analyzer, stopWords));
        Assert.NotEqual(baseline, Fingerprint(coarserDates, analyzer, stopWords));
        Assert.NotEqual(baseline, Fingerprint(fields, other, stopWords));
    }

    private static Document Sample() =>
        new IndexSchema.ReusableDocument().Fill(TestDocs.Doc("a", "Kabul falls", "The capital was taken.", "2021-08-15"),
            new FileOrigin("/docs", "/docs/a.txt", 42));

    private static async Task IndexTwoDocuments(string path)
    {
        using SearchIndex index = SearchIndex.Open(path);
        await index.UpsertAsync(TestDocs.Doc("kabul", "Kabul falls", "The capital was taken.", "2021-08-15"));
        await index.UpsertAsync(TestDocs.Doc("doha", "Doha talks", "Negotiators met."));
        await index.CommitAsync();
    }

    /// <summary>Rewrites the last commit's format record as another build would have left it, with raw Lucene.</summary>
    internal static void ChangeFormat(string path, string change, bool addDocument = false)
    {
        using var directory = new NIOFSDirectory(path);
        using var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new KeywordAnalyzer()) { OpenMode = OpenMode.APPEND });
        var data = new Dictionary<string, string>(writer.CommitData);
        switch (change)
        {
            case "fingerprint":
                data[IndexFormat.FingerprintKey] = new string('0', 32);
                break;
            case "version":
                data[IndexFormat.VersionKey] = (IndexFormat.Version + 1).ToString(CultureInfo.InvariantCulture);
                break;
            default:
                data.Remove(IndexFormat.FingerprintKey);
                data.Remove(IndexFormat.VersionKey);
                break;
        }
        writer.SetCommitData(data);
        if (addDocument)
            writer.AddDocument([new StringField(IndexSchema.Id, "other", Field.Store.YES)]);
        writer.Commit();
    }

    private static IDictionary<string, string> CommitData(string path)
    {
        using var directory = new NIOFSDirectory(path);
        return LastCommit.UserData(directory)!;
    }

    private static long Generation(string path)
    {
        using var directory = new NIOFSDirectory(path);
        return SegmentInfos.GetLastCommitGeneration(directory);
    }

    private static T InCulture<T>(string name, Func<T> run)
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
        try
        {
            return run();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
