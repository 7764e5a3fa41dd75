using System.Collections.Concurrent;

namespace Search.Indexing;

/// <summary>
/// Lets a folder sync add documents that are new to the index with <c>AddDocument</c> while direct upserts may run
/// at the same time, without ever leaving two documents with one id. <c>UpdateDocument</c> would be safe anyway, but
/// each call buffers a delete term until the next flush, and on a large sync those terms are what pushes the garbage
/// collector into repeated generation-1 collections (measured in benchmarks/README.md, "Measurement notes").
/// </summary>
/// <remarks>
/// The protocol: a direct upsert notes its id (while a sync runs) and writes under the id's stripe lock; the sync
/// checks the note and writes under the same lock, so whichever comes second replaces the first. A sync starts by
/// publishing its note set and passing through every stripe, so an upsert that began before the set existed has
/// finished writing before the sync reads what the index holds.
/// </remarks>
internal sealed class SyncIdGuard : IDisposable
{
    private const int Stripes = 64;

    private readonly object[] _stripes = [.. Enumerable.Range(0, Stripes).Select(_ => new object())];
    private readonly SemaphoreSlim _oneSync = new(1, 1);
    private volatile ConcurrentDictionary<string, byte>? _upsertedDuringSync;

    /// <summary>The lock to hold while writing a document with this id.</summary>
    public object StripeFor(string id) => _stripes[(id.GetHashCode() & int.MaxValue) % Stripes];

    /// <summary>Call under <see cref="StripeFor"/> before a direct upsert writes.</summary>
    public void NoteUpsert(string id) => _upsertedDuringSync?.TryAdd(id, 0);

    /// <summary>Call under <see cref="StripeFor"/>: whether a sync must replace rather than add this id.</summary>
    public bool UpsertedDuringSync(string id) => _upsertedDuringSync?.ContainsKey(id) == true;

    /// <summary>Waits for any other sync to finish, then starts noting upserts. Dispose the result to end the sync.</summary>
    public async Task<IDisposable> BeginSyncAsync(CancellationToken cancellationToken)
    {
        await _oneSync.WaitAsync(cancellationToken).ConfigureAwait(false);
        _upsertedDuringSync = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        foreach (object stripe in _stripes)
        {
            lock (stripe)
            {
                // Passing through: an upsert that read the note set as null has finished its write.
            }
        }
        return new SyncScope(this);
    }

    public void Dispose() => _oneSync.Dispose();

    private sealed class SyncScope(SyncIdGuard guard) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
                return;
            guard._upsertedDuringSync = null;
            guard._oneSync.Release();
        }
    }
}
