namespace Search.Tests.Indexing;

public class IndexLifecycleTests
{
    [Fact]
    public async Task Open_AfterDisposeAndReopen_KeepsCommittedDocuments()
    {
        using var folder = new TempFolder();
        using (SearchIndex index = SearchIndex.Open(folder.Path))
        {
            await index.UpsertAsync(TestDocs.Doc("a", "Kabul airport", "Crowds gathered.", "2021-08-16"));
            await index.UpsertAsync(TestDocs.Doc("b", "Doha talks", "Negotiators met."));
            await index.CommitAsync();
        }

        using SearchIndex reopened = SearchIndex.Open(folder.Path);

        Assert.Equal(2, reopened.Count);
        Assert.Equal(TestDocs.Doc("a", "Kabul airport", "Crowds gathered.", "2021-08-16"), reopened.Get("a"));
        Assert.Equal("a", reopened.Search(new SearchRequest("kabul")).Hits.Single().Id);
    }

    [Fact]
    public async Task Dispose_WithUncommittedUpserts_CommitsThem()
    {
        using var folder = new TempFolder();
        using (SearchIndex index = SearchIndex.Open(folder.Path))
            await index.UpsertAsync(TestDocs.Doc("pending", "Pending", "not yet committed"));

        using SearchIndex reopened = SearchIndex.Open(folder.Path);

        Assert.NotNull(reopened.Get("pending"));
    }

    [Fact]
    public async Task Upsert_BeforeCommit_IsInvisibleAndAfterCommitVisible()
    {
        using SearchIndex index = SearchIndex.InMemory();
        await index.UpsertAsync(TestDocs.Doc("a", "Title", "body text"));

        Assert.Equal(0, index.Search(new SearchRequest("body")).TotalHits);
        await index.CommitAsync();
        Assert.Equal(1, index.Search(new SearchRequest("body")).TotalHits);
    }

    [Fact]
    public async Task Upsert_SameIdTwice_ReplacesTheDocument()
    {
        using SearchIndex index = await TestDocs.IndexOf(TestDocs.Doc("a", "First", "old text"));

        await index.UpsertAsync(TestDocs.Doc("a", "Second", "new text"));
        await index.CommitAsync();

        Assert.Equal(1, index.Count);
        Assert.Equal("Second", index.Get("a")?.Title);
        Assert.Equal(0, index.Search(new SearchRequest("old")).TotalHits);
    }

    [Fact]
    public async Task Delete_ExistingAndMissing_ReportsWhetherItExisted()
    {
        using SearchIndex index = await TestDocs.IndexOf(TestDocs.Doc("a", "A", "text"));
        await index.UpsertAsync(TestDocs.Doc("uncommitted", "U", "text"));

        Assert.True(await index.DeleteAsync("a"));
        Assert.True(await index.DeleteAsync("uncommitted"));
        Assert.False(await index.DeleteAsync("never"));
        await index.CommitAsync();

        Assert.Equal(0, index.Count);
        Assert.Null(index.Get("a"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public async Task Upsert_EmptyId_ThrowsArgumentException(string? id)
    {
        using SearchIndex index = SearchIndex.InMemory();

        ArgumentException error = await Assert.ThrowsAnyAsync<ArgumentException>(() => index.UpsertAsync(new SeedDocument(id!, "t", "b")));

        Assert.Equal("document.Id", error.ParamName);
        Assert.StartsWith(id is null ? "document.Id must be set (was null)." : "document.Id must not be empty (was \"\").", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAndDelete_IdOverTheLimit_ThrowNamingTheLengthAndTheLimit()
    {
        using SearchIndex index = SearchIndex.InMemory();
        string id = new('x', 4_097);

        ArgumentException upsert = await Assert.ThrowsAsync<ArgumentException>(() => index.UpsertAsync(new SeedDocument(id, "t", "b")));
        ArgumentException delete = await Assert.ThrowsAsync<ArgumentException>(() => index.DeleteAsync(id));

        Assert.StartsWith("document.Id may be at most 4,096 characters long (was 4,097).", upsert.Message, StringComparison.Ordinal);
        Assert.StartsWith("id may be at most 4,096 characters long (was 4,097).", delete.Message, StringComparison.Ordinal);
        await index.UpsertAsync(new SeedDocument(new string('x', 4_096), "t", "b"));
        await index.CommitAsync();
        Assert.Equal(1, index.Count);
    }

    [Theory]
    [InlineData("document.Title")]
    [InlineData("document.Body")]
    public async Task Upsert_NullTitleOrBody_NamesIt(string property)
    {
        using SearchIndex index = SearchIndex.InMemory();
        SeedDocument document = property == "document.Title" ? new SeedDocument("a", null!, "b") : new SeedDocument("a", "t", null!);

        ArgumentNullException error = await Assert.ThrowsAsync<ArgumentNullException>(() => index.UpsertAsync(document));

        Assert.Equal(property, error.ParamName);
        Assert.StartsWith($"{property} must be set (was null).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenReadOnly_SeesCommitsMadeLaterByTheWriter()
    {
        using var folder = new TempFolder();
        using SearchIndex writer = SearchIndex.Open(folder.Path);
        await writer.UpsertAsync(TestDocs.Doc("a", "First", "text"));
        await writer.CommitAsync();
        using SearchIndex reader = SearchIndex.Open(folder.Path, new SearchIndexOptions { ReadOnly = true });
        Assert.Equal(1, reader.Count);

        await writer.UpsertAsync(TestDocs.Doc("b", "Second", "text"));
        await writer.CommitAsync();

        await WaitUntil(() => reader.Count == 2);
        Assert.NotNull(reader.Get("b"));
    }

    [Fact]
    public async Task OpenReadOnly_Write_ThrowsInvalidOperation()
    {
        using var folder = new TempFolder();
        SearchIndex.Open(folder.Path).Dispose();
        using SearchIndex reader = SearchIndex.Open(folder.Path, new SearchIndexOptions { ReadOnly = true });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => reader.UpsertAsync(TestDocs.Doc("a", "t", "b")));

        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenReadOnly_FolderWithoutIndex_ThrowsIndexUnavailable()
    {
        using var folder = new TempFolder();

        var error = Assert.Throws<IndexUnavailableException>(() => SearchIndex.Open(folder.Path, new SearchIndexOptions { ReadOnly = true }));

        Assert.Contains(folder.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NonEmptyFolderThatIsNoIndex_RefusesAndLeavesFilesAlone()
    {
        using var folder = new TempFolder();
        string precious = folder.Write("precious.txt", "keep me");

        var error = Assert.Throws<IndexUnavailableException>(() => SearchIndex.Open(folder.Path));

        Assert.Contains("not empty", error.Message, StringComparison.Ordinal);
        Assert.Equal(folder.Path, error.IndexPath);
        Assert.Equal("keep me", File.ReadAllText(precious));
        Assert.Equal([precious], Directory.GetFiles(folder.Path).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)));
    }

    [Fact]
    public void Open_PathIsAFile_ThrowsIndexUnavailable()
    {
        using var folder = new TempFolder();
        string file = folder.Write("file.txt", "x");

        Assert.Throws<IndexUnavailableException>(() => SearchIndex.Open(file));
    }

    [Fact]
    public void Open_CorruptSegmentsFile_ThrowsIndexUnavailableNamingTheFolder()
    {
        using var folder = new TempFolder();
        SearchIndex.Open(folder.Path).Dispose();
        string segments = Directory.GetFiles(folder.Path, "segments_*").Single();
        File.WriteAllBytes(segments, [1, 2, 3, 4, 5, 6, 7, 8]);

        var error = Assert.Throws<IndexUnavailableException>(() => SearchIndex.Open(folder.Path));

        Assert.Contains(folder.Path, error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(segments));
    }

    [Fact]
    public async Task Dispose_Twice_IsHarmlessAndLaterCallsThrowObjectDisposed()
    {
        SearchIndex index = await TestDocs.IndexOf(TestDocs.Doc("a", "A", "text"));

        index.Dispose();
        index.Dispose();

        Assert.Throws<ObjectDisposedException>(() => index.Search(new SearchRequest("text")));
        Assert.Throws<ObjectDisposedException>(() => index.Count);
    }

    [Fact]
    public async Task GetStats_ReportsDocumentsDateRangeSizeAndSegments()
    {
        using var folder = new TempFolder();
        using SearchIndex index = SearchIndex.Open(folder.Path);
        await index.UpsertAsync(TestDocs.Doc("a", "A", "text", "2021-08-14"));
        await index.UpsertAsync(TestDocs.Doc("b", "B", "text", "1987-02-26"));
        await index.UpsertAsync(TestDocs.Doc("c", "C", "undated text"));
        await index.CommitAsync();

        IndexStats stats = index.GetStats();

        Assert.Equal(3, stats.Documents);
        Assert.Equal(new DateOnly(1987, 2, 26), stats.DateFrom);
        Assert.Equal(new DateOnly(2021, 8, 14), stats.DateTo);
        Assert.True(stats.Segments >= 1);
        Assert.Equal(Directory.GetFiles(folder.Path).Sum(f => new FileInfo(f).Length), stats.SizeBytes);
    }

    [Fact]
    public async Task GetStats_AfterDeletingTheEarliestAndLatest_ReportsTheRemainingDateRange()
    {
        using SearchIndex index = SearchIndex.InMemory();
        await index.UpsertAsync(TestDocs.Doc("a", "A", "text", "2021-08-14"));
        await index.UpsertAsync(TestDocs.Doc("b", "B", "text", "1987-02-26"));
        await index.UpsertAsync(TestDocs.Doc("c", "C", "text", "2000-01-01"));
        await index.CommitAsync();
        await index.DeleteAsync("a");
        await index.DeleteAsync("b");
        await index.CommitAsync();

        IndexStats stats = index.GetStats();

        Assert.Equal((1L, (DateOnly?)new DateOnly(2000, 1, 1), (DateOnly?)new DateOnly(2000, 1, 1)), (stats.Documents, stats.DateFrom, stats.DateTo));
    }

    [Fact]
    public void GetStats_EmptyIndex_HasNoDates()
    {
        using SearchIndex index = SearchIndex.InMemory();

        IndexStats stats = index.GetStats();

        Assert.Equal((0L, (DateOnly?)null, (DateOnly?)null), (stats.Documents, stats.DateFrom, stats.DateTo));
    }

    [Fact]
    public void Exists_ForMissingEmptyAndIndexFolders_TellsThemApart()
    {
        using var folder = new TempFolder();
        string index = folder.Combine("index");

        Assert.False(SearchIndex.Exists(folder.Combine("missing")));
        Assert.False(SearchIndex.Exists(folder.Path));
        SearchIndex.Open(index).Dispose();
        Assert.True(SearchIndex.Exists(index));
    }

    [Fact]
    public async Task Open_WithRebuild_KeepsOldDocumentsUntilTheFirstCommitThenReplacesThem()
    {
        using var folder = new TempFolder();
        using (SearchIndex index = SearchIndex.Open(folder.Path))
        {
            await index.UpsertAsync(TestDocs.Doc("old", "Old", "old text"));
            await index.CommitAsync();
        }

        using (SearchIndex rebuilt = SearchIndex.Open(folder.Path, new SearchIndexOptions { Rebuild = true }))
        {
            using (SearchIndex reader = SearchIndex.Open(folder.Path, new SearchIndexOptions { ReadOnly = true }))
                Assert.NotNull(reader.Get("old"));
            await rebuilt.UpsertAsync(TestDocs.Doc("new", "New", "new text"));
            await rebuilt.CommitAsync();
            Assert.Null(rebuilt.Get("old"));
        }

        using SearchIndex reopened = SearchIndex.Open(folder.Path);
        Assert.Equal(1, reopened.Count);
        Assert.NotNull(reopened.Get("new"));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
            await Task.Delay(50, timeout.Token);
    }
}
