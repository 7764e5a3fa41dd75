using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Search.Sharding;

namespace Search.Orleans;

/// <summary>
/// A shard: opens the <see cref="SearchIndex"/> in <c>Root/shard-N</c> on activation and closes it (committing pending
/// writes) on deactivation. Calls interleave (<see cref="ReentrantAttribute"/>) and the index work runs on the thread pool,
/// so one shard serves many searches at once, as a <see cref="SearchIndex"/> does, and two shards fetching each other's
/// statistics cannot deadlock.
/// </summary>
[Reentrant]
[CollectionAgeLimit(AlwaysActive = true)] // an idle shard stays open: reopening costs every peer a fetch of its statistics
internal sealed partial class ShardGrain(IOptions<SearchShardOptions> options, OpenShards open, ILocalSiloDetails silo, ILogger<ShardGrain> logger)
    : Grain, IShardGrain
{
    private SearchIndex? _index;
    private ShardEngine? _engine;
    private PeerStatistics? _peers;
    private int _shards;
    private string? _handedOver;

    private int Shard => (int)this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        SearchShardOptions settings = options.Value.Validate();
        _shards = ShardLayout.Ensure(settings.Root, settings.Shards);
        if (Shard < 0 || Shard >= _shards)
            throw new InvalidOperationException($"There is no shard {Shard}: the index has shards 0 to {_shards - 1}.");
        string folder = ShardLayout.ShardFolder(settings.Root, Shard);
        _index = await OpenAsync(folder, settings, cancellationToken).ConfigureAwait(true);
        open.Opened(_index);
        _handedOver = HandOver.Read(settings.Root, Shard);
        _engine = _index.AsShard();
        IGrainFactory grains = GrainFactory;
        _peers = new PeerStatistics(Shard, async (peer, _) =>
        {
            TermsMessage terms = await grains.GetGrain<IShardGrain>(peer).TermsAsync().ConfigureAwait(true);
            return (terms.Version, terms.Terms);
        });
        LogOpened(logger, Shard, folder, _index.Count);
    }

    /// <summary>Opens the shard's folder, waiting for a previous activation that still holds its lock (one being shut down,
    /// or on a silo declared dead that has not noticed yet).</summary>
    private static async Task<SearchIndex> OpenAsync(string folder, SearchShardOptions settings, CancellationToken cancellationToken)
    {
        DateTime giveUp = DateTime.UtcNow + settings.LockWait;
        while (true)
        {
            try
            {
                return SearchIndex.Open(folder, settings.Index);
            }
            catch (IndexLockedException) when (DateTime.UtcNow < giveUp)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(true);
            }
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Dispose commits what was written since the last commit and releases the folder for the next activation.
        if (_index is { } index)
        {
            open.Closed(index);
            string opened = Engine.Opened;
            index.Dispose();
            // The writes sent to this open are committed now: a commit that names it after the next open need not fail.
            HandOver.Write(options.Value.Root, Shard, opened);
        }
        _index = null;
        return Task.CompletedTask;
    }

    private ShardEngine Engine => _engine ?? throw new InvalidOperationException($"Shard {Shard} is not open.");

    private SearchIndex Index => _index ?? throw new InvalidOperationException($"Shard {Shard} is not open.");

    public Task<int> ShardCountAsync() => Task.FromResult(_shards);

    public Task<string> HostAsync() => Task.FromResult(silo.SiloAddress.ToParsableString());

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task<string> VersionAsync() => ShardRequestException.Carry(() => Task.Run(() => Engine.Version));

    public Task<TermsMessage> TermsAsync() => ShardRequestException.Carry(() => Task.Run(() =>
    {
        (string version, byte[] terms) = Engine.Terms();
        return new TermsMessage(version, terms);
    }));

    /// <summary>The peers' statistics, fetched and summed off the shard's turn so it keeps answering its peers meanwhile.</summary>
    private Task<PeerTermsReader> PeersAsync(string[] versions) => Task.Run(() => _peers!.ForAsync(versions));

    public Task<SimilarWordMessage[]?> SimilarWordsAsync(string id, string[] versions) => ShardRequestException.Carry(() => SimilarWords(id, versions));

    private async Task<SimilarWordMessage[]?> SimilarWords(string id, string[] versions)
    {
        PeerTermsReader peers = await PeersAsync(versions).ConfigureAwait(true);
        return await Task.Run(() => SimilarWordMessage.From(Engine.SimilarWords(id, peers))).ConfigureAwait(true);
    }

    public Task<PageMessage> QueryAsync(RequestMessage request, string[] versions, SimilarWordMessage[]? similarWords) =>
        ShardRequestException.Carry(() => Query(request, versions, similarWords));

    private async Task<PageMessage> Query(RequestMessage request, string[] versions, SimilarWordMessage[]? similarWords)
    {
        PeerTermsReader peers = await PeersAsync(versions).ConfigureAwait(true);
        return await Task.Run(() => PageMessage.From(Engine.Query(request.ToRequest(), peers, SimilarWordMessage.ToWords(similarWords)))).ConfigureAwait(true);
    }

    public Task<FetchMessage> FetchAsync(RequestMessage request, string[] versions, SimilarWordMessage[]? similarWords, ShardHitMessage[] page,
        bool highlight, TimeSpan? remaining) =>
        ShardRequestException.Carry(() => Fetch(request, versions, similarWords, page, highlight, remaining));

    private async Task<FetchMessage> Fetch(RequestMessage request, string[] versions, SimilarWordMessage[]? similarWords, ShardHitMessage[] page,
        bool highlight, TimeSpan? remaining)
    {
        PeerTermsReader peers = await PeersAsync(versions).ConfigureAwait(true);
        return await Task.Run(() =>
        {
            (List<SearchHit> hits, bool partial) = Engine.Fetch(request.ToRequest(), peers, SimilarWordMessage.ToWords(similarWords),
                [.. page.Select(h => h.ToHit())], highlight, remaining);
            return new FetchMessage([.. hits.Select(HitMessage.From)], partial);
        }).ConfigureAwait(true);
    }

    public Task<CompletionMessage> CompleteAsync(string text, int size, string[] versions) => ShardRequestException.Carry(() => Complete(text, size, versions));

    private async Task<CompletionMessage> Complete(string text, int size, string[] versions)
    {
        PeerTermsReader peers = await PeersAsync(versions).ConfigureAwait(true);
        return await Task.Run(() =>
        {
            Querying.CompletionCounts counts = Engine.Complete(text, size, peers);
            return new CompletionMessage(counts.Typed, counts.Documents);
        }).ConfigureAwait(true);
    }

    public Task<string> UpsertAsync(DocumentMessage[] documents) => ShardRequestException.Carry(() => Task.Run(async () =>
    {
        foreach (DocumentMessage document in documents)
            await Index.UpsertAsync(document.ToDocument()).ConfigureAwait(true);
        return Engine.Opened;
    }));

    public Task<DeleteMessage> DeleteAsync(string id) =>
        ShardRequestException.Carry(() => Task.Run(async () => new DeleteMessage(await Index.DeleteAsync(id).ConfigureAwait(true), Engine.Opened)));

    public Task CommitAsync(string[] written) => ShardRequestException.Carry(() => Task.Run(async () =>
    {
        await Index.CommitAsync().ConfigureAwait(true);
        if (written.Any(open => open != Engine.Opened && open != _handedOver))
        {
            throw new IndexWriteException(ShardLayout.ShardFolder(options.Value.Root, Shard), new IOException(
                $"shard {Shard} was reopened after writes were sent to it (its silo stopped or died before they were committed), so they were lost; " +
                "the shard is committed without them: write them again."));
        }
        return true;
    }));

    public Task<DocumentMessage?> GetAsync(string id) =>
        ShardRequestException.Carry(() => Task.Run(() => Index.Get(id) is { } document ? DocumentMessage.From(document) : null));

    public Task<long> CountAsync() => ShardRequestException.Carry(() => Task.Run(() => Index.Count));

    public Task<StatsMessage> StatsAsync() => ShardRequestException.Carry(() => Task.Run(() => StatsMessage.From(Index.GetStats())));

    public Task<IndexedFileMessage[]> IndexedFilesAsync() =>
        ShardRequestException.Carry(() => Task.Run(() => Engine.IndexedFiles().Values.Select(IndexedFileMessage.From).ToArray()));

    public Task<string> WriteSyncedAsync(SyncedDocumentMessage[] documents) => ShardRequestException.Carry(() => Task.Run(() =>
    {
        Engine.WriteSynced(documents.Select(d => d.ToSynced()));
        return Engine.Opened;
    }));

    public Task<string> DeleteManyAsync(string[] ids) => ShardRequestException.Carry(() => Task.Run(() =>
    {
        Engine.DeleteMany(ids);
        return Engine.Opened;
    }));

    public Task<string> MarkSyncAsync(string folder, bool unfinished) => ShardRequestException.Carry(() => Task.Run(() =>
    {
        Engine.MarkSync(folder, unfinished);
        return Engine.Opened;
    }));

    public Task RollbackAsync() => ShardRequestException.Carry(() => Task.Run(() =>
    {
        Engine.Rollback();
        return true;
    }));

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {Shard} opened {Folder} ({Documents} documents).")]
    private static partial void LogOpened(ILogger logger, int shard, string folder, long documents);
}
