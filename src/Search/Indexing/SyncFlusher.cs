namespace Search.Indexing;

/// <summary>
/// Puts a spare core to work on a folder sync's segment flushes. Lucene flushes a full RAM buffer on the indexing
/// thread that filled it, and whatever is still buffered at commit on the committing thread alone. With fewer indexing
/// threads than cores, a nearly full buffer is flushed on a background thread instead, while indexing goes on into a
/// fresh one, the way Lucene already runs merges; near the end it is flushed at a quarter of its size, so that the
/// commit has little left to write. With a thread per core there is no idle core, and Lucene's own flushing is left
/// alone: shrinking the buffer near the end, tried first, made 2-thread syncs about 7% slower in paired runs.
/// A background flush that fails is rethrown on the next indexing thread to finish a file, or by <see cref="Finish"/>.
/// </summary>
internal sealed class SyncFlusher : IDisposable
{
    private const double BytesPerMegabyte = 1024 * 1024;

    // Below Lucene's own trigger, so that it is the background thread, not the indexing thread, that flushes.
    private const double BackgroundTrigger = 0.9;

    // A smaller flush near the end costs a little more merging; a smaller commit saves more than that.
    private const double NearEndTrigger = 0.25;

    private readonly IndexStore _store;
    private readonly int _filesTotal;
    private readonly double _bufferBytes;
    private readonly object _gate = new();
    private Task _flush = Task.CompletedTask;
    private int _nearEnd;

    /// <param name="store">The store being synced into.</param>
    /// <param name="options">The sync's options: indexing threads and RAM buffer.</param>
    /// <param name="filesTotal">How many files the sync reads.</param>
    /// <param name="processorCount">The cores there are to run on.</param>
    public SyncFlusher(IndexStore store, SearchIndexOptions options, int filesTotal, int processorCount)
    {
        _store = store;
        _filesTotal = filesTotal;
        _bufferBytes = options.RamBufferSizeMB * BytesPerMegabyte;
        FlushesInBackground = options.IndexingThreads < processorCount;
    }

    /// <summary>Whether full buffers are flushed on a background thread (there is a core to spare for it).</summary>
    public bool FlushesInBackground { get; }

    /// <summary>Call after each file, with how many files and bytes the sync has read so far.</summary>
    public void FileDone(int filesDone, long bytesRead)
    {
        if (!FlushesInBackground || filesDone == 0)
            return;
        if (Volatile.Read(ref _nearEnd) == 0 && RestFitsInBuffer(filesDone, bytesRead))
            Volatile.Write(ref _nearEnd, 1);
        FlushIfFull();
    }

    /// <summary>Waits for a background flush still running, and rethrows its failure.</summary>
    public void Finish()
    {
        Task flush;
        lock (_gate)
            flush = _flush;
        flush.GetAwaiter().GetResult();
    }

    // Lucene's buffer holds about as much as the text it indexed, and more: once the text left is half the buffer,
    // the rest fits.
    private bool RestFitsInBuffer(int filesDone, long bytesRead) =>
        (double)bytesRead / filesDone * (_filesTotal - filesDone) * 2 < _bufferBytes;

    private void FlushIfFull()
    {
        double trigger = _bufferBytes * (Volatile.Read(ref _nearEnd) != 0 ? NearEndTrigger : BackgroundTrigger);
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
