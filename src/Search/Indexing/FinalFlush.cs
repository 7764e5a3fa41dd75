namespace Search.Indexing;

/// <summary>
/// Keeps the commit at the end of a parallel folder sync short. At commit Lucene flushes everything the writer still
/// buffers on the committing thread alone: with several indexing threads and a large RAM buffer, that tail (up to the
/// whole buffer) is serial work while the other cores wait. Once the files left would fit in the buffer with room to
/// spare, the buffer is shrunk, so the indexing threads flush what they hold while they still run, side by side. The
/// configured size comes back when the sync ends.
/// </summary>
internal sealed class FinalFlush(IndexStore store, SearchIndexOptions options, int filesTotal) : IDisposable
{
    private const double BytesPerMegabyte = 1024 * 1024;

    private int _shrunk;

    /// <summary>Call after each file, with how many files and bytes the sync has read so far.</summary>
    public void FileDone(int filesDone, long bytesRead)
    {
        if (options.IndexingThreads < 2 || filesDone == 0 || Volatile.Read(ref _shrunk) != 0)
            return;
        double bytesLeft = (double)bytesRead / filesDone * (filesTotal - filesDone);
        // Lucene's buffer holds about as much as the text it indexed, and more: at half the buffer the rest fits.
        if (bytesLeft * 2 < options.RamBufferSizeMB * BytesPerMegabyte && Interlocked.Exchange(ref _shrunk, 1) == 0)
            store.RamBufferSizeMB = Math.Max(4, options.RamBufferSizeMB / 4);
    }

    public void Dispose()
    {
        if (Volatile.Read(ref _shrunk) != 0)
            store.RamBufferSizeMB = options.RamBufferSizeMB;
    }
}
