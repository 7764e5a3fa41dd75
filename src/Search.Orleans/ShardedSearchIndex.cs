using System.Diagnostics;
using Search.Indexing;
using Search.Sharding;

namespace Search.Orleans;

/// <summary>
/// A sharded index on an Orleans cluster, with the library's verbs: each document lives on the shard its id hashes to
/// (<see cref="SiloBuilderExtensions.AddSearchShards"/> sets the shards up on the silos), and every search answers as one
/// <see cref="SearchIndex"/> holding all the documents would.
/// </summary>
/// <remarks>
/// <para><b>Same answers as one index.</b> A search first asks every shard for the version of its statistics; each shard
/// then weighs the query with the statistics of the whole collection (document frequencies, field lengths and counts, and
/// the words fuzzy, prefix and typo-tolerant terms expand to), returns the ids and sort keys of its best
/// <c>Offset + Size + 1</c> hits, and the merged page is read and highlighted only on the shards that hold it. Hits, their
/// order (equal values by id), <see cref="SearchResults.TotalHits"/>, cursors, facet counts, suggestions, snippets and
/// scores are those of one index holding the same documents.</para>
/// <para><b>Faults.</b> A shard whose silo stops or dies is re-activated by Orleans on another silo and reopens its folder;
/// a call waits for it up to <see cref="ShardedSearchIndexOptions.ShardWait"/>, a search with a
/// <see cref="SearchRequest.Timeout"/> no longer than that. A search that still cannot reach a shard
/// returns the other shards' hits with <see cref="SearchResults.IsPartial"/> set, never incomplete totals as complete.</para>
/// <para><b>Writes</b> are visible and durable after <see cref="CommitAsync"/>, which commits every shard, as in one index.</para>
/// <para>Thread safe. It holds no resources of its own: the client and the shards belong to the cluster.</para>
/// </remarks>
public sealed class ShardedSearchIndex
{
    private readonly IGrainFactory _grains;
    private readonly ShardedSearchIndexOptions _options;
    private readonly PendingWrites _pending = new();
    private volatile object? _shardCount; // the count once known (an int, boxed so that it can be volatile)

    /// <summary>A sharded index reached through <paramref name="client"/>.</summary>
    /// <param name="client">A connected client of the cluster whose silos hold the shards.</param>
    /// <param name="options">How to reach the shards; defaults when <see langword="null"/>.</param>
    public ShardedSearchIndex(IClusterClient client, ShardedSearchIndexOptions? options = null)
        : this((IGrainFactory)client, options)
    {
    }

    /// <summary>A sharded index reached through a grain factory (inside a silo, or a client's).</summary>
    public ShardedSearchIndex(IGrainFactory grains, ShardedSearchIndexOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        _grains = grains;
        _options = options ?? new ShardedSearchIndexOptions();
        if (_options.ShardWait <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), _options.ShardWait, "ShardedSearchIndexOptions.ShardWait must be longer than zero.");
    }

    /// <summary>How many shards the index has, as recorded when it was created.</summary>
    public async Task<int> GetShardCountAsync(CancellationToken cancellationToken = default)
    {
        if (_shardCount is int known)
            return known;
        // Asked again until it is known: the cluster may not have been up the first time.
        int count = await ReadShardCountAsync(cancellationToken).ConfigureAwait(false);
        _shardCount = count;
        return count;
    }

    private Task<int> ReadShardCountAsync(CancellationToken cancellationToken) =>
        Grain(0).Retry(() => _grains.GetGrain<IShardGrain>(0).ShardCountAsync(), cancellationToken);

    /// <summary>Runs a search over every shard (<see cref="SearchIndex.Search"/>).</summary>
    /// <exception cref="QuerySyntaxException">The query cannot be read, or hits a guard rail.</exception>
    /// <exception cref="ArgumentException">A request value is out of range, or the cursor is not one of this query's and sort's.</exception>
    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ShardCoordinator coordinator = await CoordinatorAsync(cancellationToken).ConfigureAwait(false);
        return await coordinator.SearchAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Completes the last, partly typed word of <paramref name="text"/> over every shard (<see cref="SearchIndex.Complete"/>).
    /// A shard that does not answer within <see cref="ShardedSearchIndexOptions.ShardWait"/> is left out of the counts.</summary>
    public async Task<IReadOnlyList<Completion>> CompleteAsync(string text, int size = 10, CancellationToken cancellationToken = default)
    {
        ShardCoordinator coordinator = await CoordinatorAsync(cancellationToken).ConfigureAwait(false);
        return await coordinator.CompleteAsync(text, size, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds <paramref name="document"/> to its shard, or replaces the document with its id there. Visible and durable
    /// after the next <see cref="CommitAsync"/>.</summary>
    /// <exception cref="ArgumentException">The id or a tag is not valid (as for <see cref="SearchIndex.UpsertAsync"/>).</exception>
    public async Task UpsertAsync(SeedDocument document, CancellationToken cancellationToken = default)
    {
        SearchIndex.ValidateDocument(document);
        (int number, IShardGrain shard) = await ShardOfAsync(document.Id, cancellationToken).ConfigureAwait(false);
        _pending.Wrote(number, await Call(shard, () => shard.UpsertAsync([DocumentMessage.From(document)]), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Deletes the document with <paramref name="id"/> from its shard. Visible and durable after the next
    /// <see cref="CommitAsync"/>.</summary>
    /// <returns>Whether the index held such a document (counting upserts not yet committed).</returns>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        SearchIndex.ValidateId(id, nameof(id));
        (int number, IShardGrain shard) = await ShardOfAsync(id, cancellationToken).ConfigureAwait(false);
        DeleteMessage deleted = await Call(shard, () => shard.DeleteAsync(id), cancellationToken).ConfigureAwait(false);
        _pending.Wrote(number, deleted.Opened);
        return deleted.Existed;
    }

    /// <summary>Commits every shard: every write so far is durable, then visible to searches started after it returns.</summary>
    /// <exception cref="IndexWriteException">A shard could not commit, or was reopened (its silo stopped or died) after
    /// writes were sent to it and before they were committed, so they were lost: write them again. The other shards are
    /// committed.</exception>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        IShardGrain[] shards = await ShardsAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(shards.Select((s, number) =>
        {
            string[] written = _pending.Take(number);
            return Call(s, () => s.CommitAsync(written), cancellationToken);
        })).ConfigureAwait(false);
    }

    /// <summary>The stored document with <paramref name="id"/>, or <see langword="null"/> if there is none.</summary>
    public async Task<SeedDocument?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        SearchIndex.ValidateId(id, nameof(id));
        (_, IShardGrain shard) = await ShardOfAsync(id, cancellationToken).ConfigureAwait(false);
        return (await Call(shard, () => shard.GetAsync(id), cancellationToken).ConfigureAwait(false))?.ToDocument();
    }

    /// <summary>The number of documents visible to searches, over every shard.</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        IShardGrain[] shards = await ShardsAsync(cancellationToken).ConfigureAwait(false);
        long[] counts = await Task.WhenAll(shards.Select(s => Call(s, s.CountAsync, cancellationToken))).ConfigureAwait(false);
        return counts.Sum();
    }

    /// <summary>What the index holds now, over every shard: documents, date range, size, segments (of all shards), tags.</summary>
    public async Task<IndexStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        IShardGrain[] shards = await ShardsAsync(cancellationToken).ConfigureAwait(false);
        StatsMessage[] stats = await Task.WhenAll(shards.Select(s => Call(s, s.StatsAsync, cancellationToken))).ConfigureAwait(false);
        var tags = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (StatsMessage shard in stats)
        {
            for (int i = 0; i < shard.TagNames.Length; i++)
                tags[shard.TagNames[i]] = tags.GetValueOrDefault(shard.TagNames[i]) + shard.TagDocuments[i];
        }
        return new IndexStats
        {
            Documents = stats.Sum(s => s.Documents),
            DateFrom = RequestMessage.Day(stats.Where(s => s.DateFrom is not null).Select(s => s.DateFrom).Min()),
            DateTo = RequestMessage.Day(stats.Where(s => s.DateTo is not null).Select(s => s.DateTo).Max()),
            SizeBytes = stats.Sum(s => s.SizeBytes),
            Segments = stats.Sum(s => s.Segments),
            UnfinishedSyncs = [.. stats.SelectMany(s => s.UnfinishedSyncs).Distinct().Order(StringComparer.Ordinal)],
            Tags = [.. tags.Select(t => new TagCount(t.Key, t.Value))],
        };
    }

    /// <summary><see cref="IndexDirectoryAsync(string, DirectorySyncOptions, CancellationToken)"/> with progress only.</summary>
    public Task<IndexReport> IndexDirectoryAsync(string folder, IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default) =>
        IndexDirectoryAsync(folder, new DirectorySyncOptions { Progress = progress }, cancellationToken);

    /// <summary>Brings the index in line with the seed files under <paramref name="folder"/>, as
    /// <see cref="SearchIndex.IndexDirectoryAsync(string, DirectorySyncOptions, CancellationToken)"/> does: the files are read
    /// here, on the client, and sent to their shards in batches; unchanged files are skipped by content hash, documents whose
    /// files are gone are deleted, bad files are reported, and every shard commits before it returns.</summary>
    /// <remarks>Unlike one index, two syncs of the same sharded index from two clients at once are not serialised: run one at a
    /// time. A cancelled or failed sync rolls every shard back to its last commit.</remarks>
    public async Task<IndexReport> IndexDirectoryAsync(string folder, DirectorySyncOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        options = options.Validate();
        IShardGrain[] shards = await ShardsAsync(cancellationToken).ConfigureAwait(false);
        SearchIndexOptions sync = (_options.Sync ?? new SearchIndexOptions()).Validate();
        return await new DirectorySync(new ShardedSyncTarget(shards), sync).RunAsync(folder, options, commit: true, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ShardCoordinator> CoordinatorAsync(CancellationToken cancellationToken)
    {
        int count = await GetShardCountAsync(cancellationToken).ConfigureAwait(false);
        return new ShardCoordinator([.. Enumerable.Range(0, count).Select(Grain)], id => ShardRouting.ShardOf(id, count));
    }

    private GrainShard Grain(int shard) => new(_grains.GetGrain<IShardGrain>(shard), _options.ShardWait);

    private async Task<IShardGrain[]> ShardsAsync(CancellationToken cancellationToken)
    {
        int count = await GetShardCountAsync(cancellationToken).ConfigureAwait(false);
        return [.. Enumerable.Range(0, count).Select(shard => _grains.GetGrain<IShardGrain>(shard))];
    }

    private async Task<(int Number, IShardGrain Grain)> ShardOfAsync(string id, CancellationToken cancellationToken)
    {
        int count = await GetShardCountAsync(cancellationToken).ConfigureAwait(false);
        int number = ShardRouting.ShardOf(id, count);
        return (number, _grains.GetGrain<IShardGrain>(number));
    }

    /// <summary>Calls a shard, waiting for it up to <see cref="ShardedSearchIndexOptions.ShardWait"/>.</summary>
    private Task<T> Call<T>(IShardGrain shard, Func<Task<T>> call, CancellationToken cancellationToken) =>
        new GrainShard(shard, _options.ShardWait).Retry(call, cancellationToken);

    private Task<bool> Call(IShardGrain shard, Func<Task> call, CancellationToken cancellationToken) =>
        Call(shard, async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        }, cancellationToken);
}
