using System.Diagnostics;

namespace Search.Tests.Telemetry;

/// <summary><see cref="SearchTelemetry"/>: the spans and measurements that searches, syncs and writes report to listeners.</summary>
public sealed class SearchTelemetryTests
{
    private static string Seed(string title, string body) => $" date 2021-08-14 {title}\n\n{body}\n";

    private static Task<SearchIndex> SmallIndex() => TestDocs.IndexOf(
        TestDocs.Doc("a", "Flood in the valley", "The river flooded the town.", "2021-08-14"),
        TestDocs.Doc("b", "Flood warning", "More rain is expected.", "2021-08-15"),
        TestDocs.Doc("c", "Harvest", "A dry summer.", "2021-08-16"));

    [Fact]
    public async Task Search_WithListener_RecordsSpanWithTagsDurationAndHits()
    {
        using SearchIndex index = await SmallIndex();
        using var capture = new TelemetryCapture();

        SearchResults results = index.Search(new SearchRequest("flood") { Syntax = QuerySyntax.Simple, Sort = SearchSort.DateDescending });

        Activity span = Assert.Single(capture.Spans("search"));
        Assert.Equal(capture.Root.SpanId, span.ParentSpanId);
        Assert.Equal("simple", span.GetTagItem("search.syntax"));
        Assert.Equal("date_descending", span.GetTagItem("search.sort"));
        Assert.Equal(2L, span.GetTagItem("search.total_hits"));
        Assert.Equal(false, span.GetTagItem("search.partial"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.DoesNotContain(span.TagObjects, tag => tag.Value is string text && text.Contains("flood", StringComparison.OrdinalIgnoreCase));

        TelemetryCapture.Measurement duration = Assert.Single(capture.Measurements("search.duration"));
        Assert.Equal("ms", duration.Unit);
        Assert.Equal(results.Took.TotalMilliseconds, duration.Value);
        Assert.Equal(2, Assert.Single(capture.Measurements("search.hits")).Value);
        Assert.Empty(capture.Measurements("search.failures"));
    }

    [Fact]
    public async Task Search_SyntaxError_RecordsQueryFailureAndErrorStatusWithoutTheQuery()
    {
        using SearchIndex index = await SmallIndex();
        using var capture = new TelemetryCapture();

        Assert.Throws<QuerySyntaxException>(() => index.Search(new SearchRequest("privateword nope:x")));

        Activity span = Assert.Single(capture.Spans("search"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.False(string.IsNullOrEmpty(span.StatusDescription));
        Assert.DoesNotContain("privateword", span.StatusDescription, StringComparison.Ordinal);
        Assert.DoesNotContain("nope", span.StatusDescription, StringComparison.Ordinal);
        Assert.Equal(typeof(QuerySyntaxException).FullName, span.GetTagItem("error.type"));
        TelemetryCapture.Measurement failure = Assert.Single(capture.Measurements("search.failures"));
        Assert.Equal(1, failure.Value);
        Assert.Equal("search", failure.Tags["operation"]);
        Assert.Equal("query", failure.Tags["kind"]);
        Assert.Empty(capture.Measurements("search.duration"));
        Assert.Empty(capture.Measurements("search.hits"));
    }

    [Fact]
    public async Task Search_ValueOutOfRange_RecordsArgumentFailure()
    {
        using SearchIndex index = await SmallIndex();
        using var capture = new TelemetryCapture();

        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(new SearchRequest("flood") { Size = -1 }));

        TelemetryCapture.Measurement failure = Assert.Single(capture.Measurements("search.failures"));
        Assert.Equal(("search", "argument"), (failure.Tags["operation"], failure.Tags["kind"]));
    }

    [Fact]
    public async Task IndexDirectory_WithListener_RecordsSyncSpanCommitChildrenAndDocumentsIndexed()
    {
        using var folder = new TempFolder();
        folder.Write("one.txt", Seed("First", "alpha"));
        folder.Write("two.txt", Seed("Second", "beta"));
        folder.Write("three.txt", Seed("Third", "gamma"));
        folder.WriteBytes("bad.txt", [0x00, 0x01]);
        // A commit after every document: the sync's paced commits are spans too, under its own.
        using SearchIndex index = SearchIndex.InMemory(new SearchIndexOptions { CommitEveryDocuments = 1, IndexingThreads = 1 });
        using var capture = new TelemetryCapture();

        IndexReport report = await index.IndexDirectoryAsync(folder.Path);

        Assert.Equal((3, 1), (report.Added, report.Failures.Count));
        Activity sync = Assert.Single(capture.Spans("sync"));
        Assert.Equal(folder.Path, sync.GetTagItem("search.sync.folder"));
        Assert.Equal(3, sync.GetTagItem("search.sync.added"));
        Assert.Equal(0, sync.GetTagItem("search.sync.updated"));
        Assert.Equal(0, sync.GetTagItem("search.sync.unchanged"));
        Assert.Equal(0, sync.GetTagItem("search.sync.deleted"));
        Assert.Equal(1, sync.GetTagItem("search.sync.failed"));
        IReadOnlyList<Activity> commits = capture.Spans("commit");
        Assert.True(commits.Count >= 2, $"Expected paced commits and a final one, got {commits.Count} commit spans.");
        Assert.All(commits, commit => Assert.Equal(sync.SpanId, commit.ParentSpanId));

        TelemetryCapture.Measurement indexed = Assert.Single(capture.Measurements("search.documents.indexed"));
        Assert.Equal(report.Added + report.Updated, indexed.Value);
        Assert.Equal("sync", indexed.Tags["operation"]);
    }

    [Fact]
    public async Task IndexDirectory_ChangedFile_CountsTheUpdateOnly()
    {
        using var folder = new TempFolder();
        folder.Write("one.txt", Seed("First", "alpha"));
        folder.Write("two.txt", Seed("Second", "beta"));
        using SearchIndex index = SearchIndex.InMemory();
        await index.IndexDirectoryAsync(folder.Path);
        folder.Write("two.txt", Seed("Second", "changed"));
        using var capture = new TelemetryCapture();

        IndexReport report = await index.IndexDirectoryAsync(folder.Path);

        Assert.Equal((0, 1, 1), (report.Added, report.Updated, report.Unchanged));
        Assert.Equal(1, Assert.Single(capture.Measurements("search.documents.indexed")).Value);
        Assert.Equal(1, Assert.Single(capture.Spans("sync")).GetTagItem("search.sync.updated"));
    }

    [Fact]
    public async Task IndexDirectory_MissingFolder_RecordsSyncFailureAndErrorStatus()
    {
        using var folder = new TempFolder();
        using SearchIndex index = SearchIndex.InMemory();
        using var capture = new TelemetryCapture();

        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => index.IndexDirectoryAsync(folder.Combine("missing")));

        Activity sync = Assert.Single(capture.Spans("sync"));
        Assert.Equal(ActivityStatusCode.Error, sync.Status);
        Assert.Contains("does not exist", sync.StatusDescription, StringComparison.Ordinal);
        TelemetryCapture.Measurement failure = Assert.Single(capture.Measurements("search.failures"));
        Assert.Equal(("sync", "error"), (failure.Tags["operation"], failure.Tags["kind"]));
        Assert.Empty(capture.Measurements("search.documents.indexed"));
    }

    [Fact]
    public async Task IndexDirectory_Cancelled_IsNoFailure()
    {
        using var folder = new TempFolder();
        folder.Write("one.txt", Seed("First", "alpha"));
        using SearchIndex index = SearchIndex.InMemory();
        using var capture = new TelemetryCapture();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => index.IndexDirectoryAsync(folder.Path, cancellationToken: new CancellationToken(canceled: true)));

        Assert.Equal(ActivityStatusCode.Error, Assert.Single(capture.Spans("sync")).Status);
        Assert.Empty(capture.Measurements("search.failures"));
        Assert.Empty(capture.Measurements("search.documents.indexed"));
    }

    [Fact]
    public async Task UpsertAndCommit_WithListener_CountUpsertsAndRecordCommitSpan()
    {
        using SearchIndex index = SearchIndex.InMemory();
        using var capture = new TelemetryCapture();

        await index.UpsertAsync(TestDocs.Doc("a", "First", "alpha"));
        await index.UpsertAsync(TestDocs.Doc("b", "Second", "beta"));
        await index.CommitAsync();

        IReadOnlyList<TelemetryCapture.Measurement> indexed = capture.Measurements("search.documents.indexed");
        Assert.Equal(2, indexed.Count);
        Assert.All(indexed, m => Assert.Equal((1.0, "upsert"), (m.Value, m.Tags["operation"])));
        Activity commit = Assert.Single(capture.Spans("commit"));
        Assert.Equal(capture.Root.SpanId, commit.ParentSpanId);
        Assert.Equal(ActivityStatusCode.Unset, commit.Status);
    }

    [Fact]
    public async Task Complete_WithListener_RecordsSpanWithCountButNotTheText()
    {
        using SearchIndex index = await SmallIndex();
        using var capture = new TelemetryCapture();

        IReadOnlyList<Completion> completions = index.Complete("flo");

        Activity span = Assert.Single(capture.Spans("complete"));
        Assert.NotEmpty(completions);
        Assert.Equal(completions.Count, span.GetTagItem("search.completions"));
        Assert.DoesNotContain(span.TagObjects, tag => tag.Value is string);
    }
}
