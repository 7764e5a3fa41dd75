using Search.Indexing;
using Search.Sharding;

namespace Search.Orleans;

/// <summary>
/// Where a folder sync run on the client writes: every document to its shard, in batches. The sync itself
/// (<see cref="DirectorySync"/>) is the single index's, so reading, hashing, skipping unchanged files, deleting vanished
/// ones and reporting bad files all behave alike; this only routes. It runs on the sync's threads, which wait for each
/// batch they send.
/// </summary>
internal sealed class ShardedSyncTarget(IReadOnlyList<IShardGrain> shards) : ISyncTarget
{
    private const int BatchSize = 256;

    private readonly List<SyncedDocumentMessage>[] _batches = [.. shards.Select(_ => new List<SyncedDocumentMessage>())];
    private readonly PendingWrites _pending = new();

    public bool RebuildPending => false;

    public long BufferedBytes => 0; // each shard's writer flushes by its own buffer

    public Task<IDisposable> BeginSyncAsync(CancellationToken cancellationToken) => Task.FromResult<IDisposable>(new Nothing());

    public Dictionary<string, IndexedFile> IndexedFiles()
    {
        IndexedFileMessage[][] perShard = Wait(Task.WhenAll(shards.Select(s => s.IndexedFilesAsync())));
        var files = new Dictionary<string, IndexedFile>(StringComparer.Ordinal);
        foreach (IndexedFileMessage file in perShard.SelectMany(f => f))
            files[file.Id] = file.ToFile();
        return files;
    }

    public void WriteSynced(SeedDocument document, FileOrigin origin, bool isNew)
    {
        int shard = ShardRouting.ShardOf(document.Id, shards.Count);
        SyncedDocumentMessage[]? full = null;
        lock (_batches[shard])
        {
            _batches[shard].Add(SyncedDocumentMessage.From(document, origin));
            if (_batches[shard].Count >= BatchSize)
            {
                full = [.. _batches[shard]];
                _batches[shard].Clear();
            }
        }
        if (full is not null)
            _pending.Wrote(shard, Wait(shards[shard].WriteSyncedAsync(full)));
    }

    public void DeleteMany(IEnumerable<string> ids)
    {
        SendBatches();
        Wait(Task.WhenAll(ids.GroupBy(id => ShardRouting.ShardOf(id, shards.Count)).Select(async g =>
            _pending.Wrote(g.Key, await shards[g.Key].DeleteManyAsync([.. g]).ConfigureAwait(false)))));
    }

    public void MarkSync(string folder, bool unfinished)
    {
        SendBatches();
        Wait(Task.WhenAll(shards.Select(async (s, number) => _pending.Wrote(number, await s.MarkSyncAsync(folder, unfinished).ConfigureAwait(false)))));
    }

    public void Commit()
    {
        SendBatches();
        // A shard reopened since the sync's writes reached it lost them: the commit fails, and with it the sync.
        Wait(Task.WhenAll(shards.Select((s, number) => s.CommitAsync(_pending.Take(number)))));
    }

    public void Rollback()
    {
        foreach (List<SyncedDocumentMessage> batch in _batches)
        {
            lock (batch)
                batch.Clear();
        }
        _pending.Clear();
        Wait(Task.WhenAll(shards.Select(s => s.RollbackAsync())));
    }

    public void Flush() => SendBatches();

    public HashSet<string> CommittedIds() => throw new NotSupportedException("A sharded index is not rebuilt by a folder sync.");

    public int CarryOver(Func<string, string?, bool> keep) => throw new NotSupportedException("A sharded index is not rebuilt by a folder sync.");

    private void SendBatches()
    {
        var sends = new List<Task>();
        for (int shard = 0; shard < shards.Count; shard++)
        {
            SyncedDocumentMessage[] batch;
            lock (_batches[shard])
            {
                batch = [.. _batches[shard]];
                _batches[shard].Clear();
            }
            int number = shard;
            if (batch.Length > 0)
                sends.Add(Send(number, batch));
        }
        Wait(Task.WhenAll(sends));
    }

    private async Task Send(int shard, SyncedDocumentMessage[] batch) =>
        _pending.Wrote(shard, await shards[shard].WriteSyncedAsync(batch).ConfigureAwait(false));

    // The sync calls its target synchronously, from its own threads (never an Orleans scheduler), so waiting is safe here.
    private static void Wait(Task task) => Wait(Ended(task));

    private static T Wait<T>(Task<T> task)
    {
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (ShardRequestException e)
        {
            throw e.ToOriginal(); // a shard's write failure (a full disk) is the sync's, as in one index
        }
    }

    private static async Task<bool> Ended(Task task)
    {
        await task.ConfigureAwait(false);
        return true;
    }

    private sealed class Nothing : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
