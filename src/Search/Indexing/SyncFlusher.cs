namespace Search.Indexing;

/// <summary>
/// Moves a folder sync's segment flushes off its critical path. Lucene flushes a full RAM buffer on the indexing thread
/// that filled it, and whatever is still buffered at commit on the committing thread alone, while the other cores wait.
/// <list type="bullet">
/// <item>With fewer indexing threads than cores, a nearly full buffer is flushed on a background thread instead, while
/// indexing goes on into a fresh one, the way Lucene already runs merges; near the end (the rest of the text is half
/// the buffer) it is flushed at a quarter of its size.</item>
/// <item>With a thread per core, Lucene flushes as it would until the rest of the text is a quarter of the buffer;
/// from then on half the buffer is worth a background flush. That flush overlaps the last files being indexed (and the
/// indexing threads help with it), so the commit is left at most about half a buffer rather than a whole one. A sync
/// whose text fits in half the buffer is flushed once, by its commit: a flush of the whole buffer leaves a segment per
/// indexing thread, and searches pay for each segment.</item>
/// </list>
/// A background flush that fails is rethrown on the next indexing thread to finish a file, or by <see cref="Finish"/>.
/// </summary>
internal sealed class SyncFlusher : IDisposable
{
    private const double BytesPerMegabyte = 1024 * 1024;

    // 0.9 is below Lucene's own trigger, so that the background thread, not an indexing thread, flushes. Near the end a
    // smaller flush costs a little more merging, and a smaller commit saves more than that.
    private static readonly Plan SpareCore = new(BeforeEnd: 0.9, RestPerBuffer: 0.5, NearEnd: 0.25);

    // No idle core to flush on before the end. Shrinking the buffer from halfway instead, tried first, made 2-thread
    // syncs slower (benchmarks/README.md, "Measurement notes"); this waits until the rest of the text is a quarter of
    // the buffer.
    private static readonly Plan ThreadPerCore = new(BeforeEnd: null, RestPerBuffer: 0.25, NearEnd: 0.5);

    private readonly ISyncTarget _store;
    private readonly int _filesTotal;
    private readonly double _bufferBytes;
    private readonly Plan _plan;
    private readonly object _gate = new();
    private Task _flush = Task.CompletedTask;
    private int _nearEnd;

    /// <param name="store">The store being synced into.</param>
    /// <param name="options">The sync's options: indexing threads and RAM buffer.</param>
    /// <param name="filesTotal">How many files the sync reads.</param>
    /// <param name="processorCount">The cores there are to run on.</param>
    public SyncFlusher(ISyncTarget store, SearchIndexOptions options, int filesTotal, int processorCount)
    {
        _store = store;
        _filesTotal = filesTotal;
        _bufferBytes = options.RamBufferSizeMB * BytesPerMegabyte;
        FlushesInBackground = options.IndexingThreads < processorCount;
        _plan = FlushesInBackground ? SpareCore : ThreadPerCore;
    }

    /// <summary>Whether full buffers are flushed on a background thread all through the sync (there is a core to spare
    /// for it); otherwise only near the end.</summary>
    public bool FlushesInBackground { get; }

    /// <summary>Call after each file, with how many files and bytes the sync has read so far.</summary>
    public void FileDone(int filesDone, long bytesRead)
    {
        if (filesDone == 0)
            return;
        if (Volatile.Read(ref _nearEnd) == 0 && IsNearEnd(filesDone, bytesRead))
            Volatile.Write(ref _nearEnd, 1);
        double? trigger = Volatile.Read(ref _nearEnd) != 0 ? _plan.NearEnd : _plan.BeforeEnd;
        if (trigger is double share)
            FlushIfFull(share * _bufferBytes);
    }

    /// <summary>Waits for a background flush still running, and rethrows its failure.</summary>
    public void Finish()
    {
        Task flush;
        lock (_gate)
            flush = _flush;
        flush.GetAwaiter().GetResult();
    }

    // Lucene's buffer holds about as much as the text it indexed: the rest of the text, estimated from the files so far,
    // measures how much the commit would be left with.
    private bool IsNearEnd(int filesDone, long bytesRead) =>
        (double)bytesRead / filesDone * (_filesTotal - filesDone) < _plan.RestPerBuffer * _bufferBytes;

    private void FlushIfFull(double trigger)
    {
        if (!Volatile.Read(ref _flush).IsCompleted)
            return; // one flush at a time, and the indexing threads need not queue on the lock to learn it
        lock (_gate)
        {
            if (!_flush.IsCompleted)
                return;
            Task done = _flush;
            _flush = Task.CompletedTask;
            done.GetAwaiter().GetResult(); // a failed flush fails the sync here, once
            if (_store.BufferedBytes >= trigger)
                _flush = Task.Run(_store.Flush);
        }
    }

    /// <summary>When background flushes start, as shares of the RAM buffer.</summary>
    /// <param name="BeforeEnd">How full the buffer must be for a background flush before the end is near; null for
    /// none.</param>
    /// <param name="RestPerBuffer">How small the rest of the text must be, against the buffer, for the end to be
    /// near.</param>
    /// <param name="NearEnd">How full the buffer must be for a background flush once the end is near.</param>
    private sealed record Plan(double? BeforeEnd, double RestPerBuffer, double NearEnd);

    /// <summary>Waits for a background flush; its failure is for <see cref="Finish"/> to report.</summary>
    public void Dispose()
    {
        Task flush;
        lock (_gate)
            flush = _flush;
        try
        {
            flush.Wait();
        }
        catch (AggregateException)
        {
            // reported by Finish, or the sync is already failing for another reason
        }
    }
}
