using Search.Querying;
using Search.Sharding;

namespace Search.Tests.Sharding;

/// <summary>
/// The sharding engine without a cluster: the Reuters sample split over three indexes in this process by the id's hash,
/// searched through the coordinator, against one index holding every document. Every answer must be the same, scores to
/// the bit; the Orleans package runs this same engine across silos.
/// </summary>
public sealed class InProcessShardsTests : IClassFixture<InProcessShardsTests.ReutersShards>
{
    private readonly ReutersShards _collection;

    public InProcessShardsTests(ReutersShards collection) => _collection = collection;

    [Fact]
    public void Routing_is_stable_and_spreads_ids()
    {
        // The hash is part of the on-disk contract: a document must stay on its shard across processes and versions.
        Assert.Equal(ShardRouting.ShardOf("reut-1", 8), ShardRouting.ShardOf("reut-1", 8));
        int[] counts = new int[4];
        foreach (SeedDocument document in _collection.Documents)
            counts[ShardRouting.ShardOf(document.Id, 4)]++;
        Assert.All(counts, c => Assert.InRange(c, 25, 75));
    }

    [Fact]
    public async Task Generated_requests_answer_as_one_index()
    {
        foreach (ShardEquivalence.Case item in ShardEquivalence.Requests(_collection.Documents, 300, seed: 17))
        {
            SearchRequest request = item.Request;
            for (int page = 0; ; page++)
            {
                string context = $"{ShardEquivalence.Describe(request)} (page {page})";
                SearchResults expected = _collection.OneIndex.Search(request);
                SearchResults actual = await _collection.Coordinator.SearchAsync(request, CancellationToken.None);
                ShardEquivalence.AssertSame(expected, actual, context);
                if (page >= item.FollowPages || expected.Next is null)
                    break;
                request = request with { After = expected.Next };
            }
        }
    }

    [Fact]
    public async Task Completions_answer_as_one_index()
    {
        foreach (string text in ShardEquivalence.Completions(_collection.Documents, 60, seed: 5))
        {
            IReadOnlyList<Completion> expected = _collection.OneIndex.Complete(text, 7);
            IReadOnlyList<Completion> actual = await _collection.Coordinator.CompleteAsync(text, 7, CancellationToken.None);
            Assert.True(expected.SequenceEqual(actual), $"'{text}': [{string.Join(", ", expected)}] != [{string.Join(", ", actual)}]");
        }
    }

    [Fact]
    public async Task A_request_error_is_thrown_as_one_index_throws_it()
    {
        await Assert.ThrowsAsync<QuerySyntaxException>(() => _collection.Coordinator.SearchAsync(new SearchRequest("title:(oil"), CancellationToken.None));
        ArgumentException e = await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            _collection.Coordinator.SearchAsync(new SearchRequest("oil") { Offset = 5, After = "x" }, CancellationToken.None));
        Assert.Equal("Offset", e.ParamName);
    }

    [Fact]
    public async Task A_shard_slower_than_the_time_budget_is_left_out_and_the_result_says_so()
    {
        var request = new SearchRequest("oil OR trade OR wheat") { Size = 20, Facets = ["topics"], Timeout = TimeSpan.FromMilliseconds(500) };
        SearchResults whole = _collection.OneIndex.Search(request with { Timeout = null });
        // Shard 1 answers its query half three seconds late, as a shard moving between silos would.
        ShardCoordinator slowed = _collection.CoordinatorWith(shard => shard == 1 ? TimeSpan.FromSeconds(3) : TimeSpan.Zero);

        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        SearchResults answer = await slowed.SearchAsync(request, CancellationToken.None);
        TimeSpan took = System.Diagnostics.Stopwatch.GetElapsedTime(started);

        Assert.True(answer.IsPartial);
        Assert.True(took < TimeSpan.FromSeconds(2.5), $"took {took}");
        Assert.True(answer.TotalHits > 0 && answer.TotalHits < whole.TotalHits, $"{answer.TotalHits} of {whole.TotalHits}");
        Assert.All(answer.Hits, hit => Assert.NotEqual(1, ShardRouting.ShardOf(hit.Id, 3)));
        // Without a budget the coordinator waits for the slow shard, and the answer is whole.
        ShardEquivalence.AssertSame(whole, await slowed.SearchAsync(request with { Timeout = null }, CancellationToken.None), "no time budget");
    }

    /// <summary>One index and three shards holding the Reuters sample, with tags.</summary>
    public sealed class ReutersShards : IDisposable
    {
        private readonly SearchIndex[] _shards;

        public ReutersShards()
        {
            using SearchIndex source = SearchIndex.InMemory();
            source.IndexDirectoryAsync(ShardEquivalence.ReutersSample, new DirectorySyncOptions { Metadata = ShardEquivalence.ReutersMetadata }).GetAwaiter().GetResult();
            Documents = ShardEquivalence.AllDocuments(source);
            OneIndex = SearchIndex.InMemory();
            _shards = [SearchIndex.InMemory(), SearchIndex.InMemory(), SearchIndex.InMemory()];
            foreach (SeedDocument document in Documents)
            {
                OneIndex.UpsertAsync(document).GetAwaiter().GetResult();
                _shards[ShardRouting.ShardOf(document.Id, _shards.Length)].UpsertAsync(document).GetAwaiter().GetResult();
            }
            OneIndex.CommitAsync().GetAwaiter().GetResult();
            foreach (SearchIndex shard in _shards)
                shard.CommitAsync().GetAwaiter().GetResult();
            _engines = [.. _shards.Select(s => s.AsShard())];
            Coordinator = CoordinatorWith(_ => TimeSpan.Zero);
        }

        private readonly ShardEngine[] _engines;

        /// <summary>A coordinator over the shards whose query halves answer <paramref name="late"/> (by shard) late.</summary>
        internal ShardCoordinator CoordinatorWith(Func<int, TimeSpan> late) =>
            new([.. _engines.Select((e, i) => new LocalShard(e, i, _engines, late(i)))], id => ShardRouting.ShardOf(id, _engines.Length));

        public List<SeedDocument> Documents { get; }

        public SearchIndex OneIndex { get; }

        internal ShardCoordinator Coordinator { get; }

        public void Dispose()
        {
            OneIndex.Dispose();
            foreach (SearchIndex shard in _shards)
                shard.Dispose();
        }
    }

    /// <summary>A shard in this process, fetching its peers' statistics straight from their engines.</summary>
    private sealed class LocalShard(ShardEngine engine, int self, ShardEngine[] all, TimeSpan late) : IShard
    {
        private readonly PeerStatistics _peers = new(self, (shard, _) => Task.FromResult(all[shard].Terms()));

        public Task<string> VersionAsync(CancellationToken cancellationToken) => Task.FromResult(engine.Version);

        public async Task<IReadOnlyList<SimilarWord>?> SimilarWordsAsync(string id, IReadOnlyList<string> versions, CancellationToken cancellationToken) =>
            engine.SimilarWords(id, await _peers.ForAsync(versions, cancellationToken));

        public async Task<ShardPage> QueryAsync(SearchRequest request, IReadOnlyList<string> versions, IReadOnlyList<SimilarWord>? similarWords,
            CancellationToken cancellationToken)
        {
            if (late > TimeSpan.Zero)
                await Task.Delay(late, cancellationToken);
            return engine.Query(request, await _peers.ForAsync(versions, cancellationToken), similarWords);
        }

        public async Task<(List<SearchHit> Hits, bool Partial)> FetchAsync(SearchRequest request, IReadOnlyList<string> versions,
            IReadOnlyList<SimilarWord>? similarWords, IReadOnlyList<ShardHit> page, bool highlight, TimeSpan? remaining, CancellationToken cancellationToken) =>
            engine.Fetch(request, await _peers.ForAsync(versions, cancellationToken), similarWords, page, highlight, remaining);

        public async Task<CompletionCounts> CompleteAsync(string text, int size, IReadOnlyList<string> versions, CancellationToken cancellationToken) =>
            engine.Complete(text, size, await _peers.ForAsync(versions, cancellationToken));
    }
}
