using Search.Orleans;

namespace Search.Orleans.Tests;

/// <summary>
/// The Reuters sample indexed twice from the same folder, with its metadata table: into one <see cref="SearchIndex"/>, and
/// through <see cref="ShardedSearchIndex"/> into four shards on a three-silo cluster. Every answer must be the same.
/// </summary>
public sealed class EquivalenceTests : IClassFixture<EquivalenceTests.Indexed>
{
    private readonly Indexed _indexed;

    public EquivalenceTests(Indexed indexed) => _indexed = indexed;

    [Fact]
    public void The_sync_reports_what_one_index_reports()
    {
        IndexReport one = _indexed.OneReport, sharded = _indexed.ShardedReport;
        Assert.Equal((one.Added, one.Updated, one.Unchanged, one.Deleted, one.BytesIndexed), (sharded.Added, sharded.Updated, sharded.Unchanged, sharded.Deleted, sharded.BytesIndexed));
        Assert.Equal(200, sharded.Added);
        Assert.Equal(one.Failures.Select(f => f.Path), sharded.Failures.Select(f => f.Path));
    }

    [Fact]
    public async Task Documents_are_spread_over_the_shards_and_each_is_found_by_id()
    {
        ShardedSearchIndex index = _indexed.Cluster.Index;
        Assert.Equal(_indexed.One.Count, await index.CountAsync());
        foreach (SeedDocument document in _indexed.Documents.Take(40))
            Assert.Equal(document, await index.GetAsync(document.Id));
        Assert.Null(await index.GetAsync("no-such-document"));
        // Every shard holds some of the 200 documents.
        IndexStats stats = await index.GetStatsAsync();
        IndexStats one = _indexed.One.GetStats();
        Assert.Equal((one.Documents, one.DateFrom, one.DateTo), (stats.Documents, stats.DateFrom, stats.DateTo));
        Assert.Equal(one.Tags, stats.Tags);
        Assert.True(stats.Segments >= _indexed.Cluster.Shards, $"{stats.Segments} segments over {_indexed.Cluster.Shards} shards");
        foreach (string folder in Directory.GetDirectories(_indexed.Cluster.Root))
            Assert.True(SearchIndex.Exists(folder), folder);
        Assert.Equal(_indexed.Cluster.Shards, Directory.GetDirectories(_indexed.Cluster.Root).Length);
    }

    [Fact]
    public async Task Generated_requests_answer_as_one_index()
    {
        int compared = 0, withHits = 0;
        foreach (ShardEquivalence.Case item in ShardEquivalence.Requests(_indexed.Documents, 320, seed: 2026))
        {
            SearchRequest request = item.Request;
            for (int page = 0; ; page++)
            {
                SearchResults expected = _indexed.One.Search(request);
                SearchResults actual = await _indexed.Cluster.Index.SearchAsync(request);
                ShardEquivalence.AssertSame(expected, actual, $"{ShardEquivalence.Describe(request)} (page {page})");
                compared++;
                withHits += expected.Hits.Count > 0 ? 1 : 0;
                if (page >= item.FollowPages || expected.Next is null)
                    break;
                request = request with { After = expected.Next };
            }
        }
        // The generated requests must exercise the merge: most find something.
        Assert.True(withHits > compared / 2, $"{withHits} of {compared} results had hits");
    }

    [Fact]
    public async Task Completions_answer_as_one_index()
    {
        foreach (string text in ShardEquivalence.Completions(_indexed.Documents, 40, seed: 11))
        {
            IReadOnlyList<Completion> expected = _indexed.One.Complete(text, 8);
            IReadOnlyList<Completion> actual = await _indexed.Cluster.Index.CompleteAsync(text, 8);
            Assert.True(expected.SequenceEqual(actual), $"'{text}': [{string.Join(", ", expected)}] != [{string.Join(", ", actual)}]");
        }
    }

    [Fact]
    public async Task Request_errors_are_thrown_as_one_index_throws_them()
    {
        QuerySyntaxException syntax = await Assert.ThrowsAsync<QuerySyntaxException>(() => _indexed.Cluster.Index.SearchAsync(new SearchRequest("title:(oil")));
        Assert.Equal(Assert.Throws<QuerySyntaxException>(() => _indexed.One.Search(new SearchRequest("title:(oil"))).Message, syntax.Message);
        ArgumentException range = await Assert.ThrowsAnyAsync<ArgumentException>(() => _indexed.Cluster.Index.SearchAsync(new SearchRequest("oil") { Size = -1 }));
        Assert.Equal("Size", range.ParamName);
        ArgumentException cursor = await Assert.ThrowsAnyAsync<ArgumentException>(() => _indexed.Cluster.Index.SearchAsync(new SearchRequest("oil") { After = "not-a-cursor" }));
        Assert.Equal("After", cursor.ParamName);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _indexed.Cluster.Index.UpsertAsync(new SeedDocument("", "t", "b")));
    }

    [Fact]
    public async Task Writes_are_seen_after_the_commit_and_a_resync_changes_nothing()
    {
        ShardedSearchIndex index = _indexed.Cluster.Index;
        IndexReport again = await index.IndexDirectoryAsync(ShardEquivalence.ReutersSample, new DirectorySyncOptions { Metadata = ShardEquivalence.ReutersMetadata });
        Assert.Equal((0, 0, 200, 0), (again.Added, again.Updated, again.Unchanged, again.Deleted));

        var extra = new SeedDocument("extra/zebra-note", "Zebras graze", "A zebra herd grazes by the river.", new DateOnly(1987, 5, 1));
        await index.UpsertAsync(extra);
        Assert.Equal(0, (await index.SearchAsync(new SearchRequest("zebra"))).TotalHits);
        await index.CommitAsync();
        Assert.Equal(extra.Id, Assert.Single((await index.SearchAsync(new SearchRequest("zebra"))).Hits).Id);
        Assert.True(await index.DeleteAsync(extra.Id));
        Assert.False(await index.DeleteAsync("extra/never-there"));
        await index.CommitAsync();
        Assert.Equal(0, (await index.SearchAsync(new SearchRequest("zebra"))).TotalHits);
        Assert.Equal(200, await index.CountAsync());
    }

    [Fact]
    public async Task A_commit_naming_an_open_the_shard_no_longer_has_fails_as_lost_writes()
    {
        IShardGrain shard = _indexed.Cluster.Cluster.Client.GetGrain<IShardGrain>(0);
        ShardRequestException lost = await Assert.ThrowsAsync<ShardRequestException>(() => shard.CommitAsync(["an-open-that-ended"]));
        IndexWriteException thrown = Assert.IsType<IndexWriteException>(lost.ToOriginal());
        Assert.Contains("write them again", thrown.Message, StringComparison.Ordinal);
        // The writes of this open are its own: committing them passes.
        await shard.CommitAsync([await shard.MarkSyncAsync("/nowhere", unfinished: false)]);
    }

    /// <summary>The sample in one index (a folder) and in the cluster, each indexed from the same folder.</summary>
    public sealed class Indexed : IAsyncLifetime, IDisposable
    {
        private readonly TempFolder _folder = new();

        public ShardCluster Cluster { get; private set; } = null!;

        public SearchIndex One { get; private set; } = null!;

        public IndexReport OneReport { get; private set; } = null!;

        public IndexReport ShardedReport { get; private set; } = null!;

        public List<SeedDocument> Documents { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Cluster = await ShardCluster.StartAsync();
            var options = new DirectorySyncOptions { Metadata = ShardEquivalence.ReutersMetadata };
            One = SearchIndex.Open(Path.Combine(_folder.Path, "one"));
            OneReport = await One.IndexDirectoryAsync(ShardEquivalence.ReutersSample, options);
            ShardedReport = await Cluster.Index.IndexDirectoryAsync(ShardEquivalence.ReutersSample, options);
            Documents = ShardEquivalence.AllDocuments(One);
        }

        public async Task DisposeAsync()
        {
            One.Dispose();
            await Cluster.DisposeAsync();
        }

        public void Dispose() => _folder.Dispose();
    }
}
