using Lucene.Net.Store;
using Search.Indexing;
using Search.Tests.Reliability;

namespace Search.Tests.Indexing;

/// <summary>Where a folder sync's flushes run: on a spare core while indexing goes on, or, with a thread per core, on
/// the indexing threads themselves, with the buffer shrunk near the end so that the commit has little left.</summary>
public sealed class SyncFlusherTests
{
    private const double BufferMB = 1;

    [Theory]
    [InlineData(2, 10, 10_000, 16)]         // 990 files of 1 KB left: the rest fits in the buffer, so it shrinks
    [InlineData(2, 10, 10_000_000, 64)]     // 990 MB left: it stays
    public void FileDone_WithAThreadPerCore_ShrinksTheBufferNearTheEndAndDisposeRestoresIt(int threads, int filesDone, long bytesRead, double during)
    {
        var options = new SearchIndexOptions { IndexingThreads = threads, RamBufferSizeMB = 64 };
        using IndexStore store = IndexStore.InMemory(options);

        using (var flusher = new SyncFlusher(store, options, filesTotal: 1_000, processorCount: threads))
        {
            flusher.FileDone(filesDone, bytesRead);
            Assert.False(flusher.FlushesInBackground);
            Assert.Equal(during, store.RamBufferSizeMB);
        }

        Assert.Equal(64, store.RamBufferSizeMB);
    }

    [Theory]
    [InlineData(1, 2, true)]    // a core to spare: the nearly full buffer is flushed while the sync goes on
    [InlineData(2, 2, false)]   // none: Lucene flushes it when it is full, on the indexing thread
    public void FileDone_WithANearlyFullBuffer_FlushesItInTheBackgroundOnlyWithACoreToSpare(int threads, int cores, bool flushed)
    {
        var options = new SearchIndexOptions { IndexingThreads = threads, RamBufferSizeMB = BufferMB };
        using IndexStore store = IndexStore.InMemory(options);
        FillBufferNearlyFull(store);
        long before = store.BufferedBytes;

        using (var flusher = new SyncFlusher(store, options, filesTotal: 1_000_000, processorCount: cores))
        {
            flusher.FileDone(1, 1);
            flusher.Finish();

            Assert.Equal(flushed, flusher.FlushesInBackground);
            Assert.Equal(flushed, store.BufferedBytes < before / 10);
        }
    }

    [Fact]
    public void Finish_WhenTheBackgroundFlushFails_ThrowsIndexWriteException()
    {
        var options = new SearchIndexOptions { IndexingThreads = 1, RamBufferSizeMB = BufferMB };
        var disk = new FaultyDirectory(new RAMDirectory());
        using IndexStore store = IndexStore.OpenWriter(null, disk, null, options);
        FillBufferNearlyFull(store);
        disk.FailWrite(1);

        using var flusher = new SyncFlusher(store, options, filesTotal: 1_000_000, processorCount: 2);
        flusher.FileDone(1, 1);

        IndexWriteException error = Assert.Throws<IndexWriteException>(flusher.Finish);
        Assert.IsAssignableFrom<IOException>(error.InnerException);
    }

    /// <summary>Buffers documents until the writer holds 90-95% of its buffer: past the flusher's trigger, short of Lucene's own.</summary>
    private static void FillBufferNearlyFull(IndexStore store)
    {
        string body = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"word{i}"));
        string folder = Path.GetTempPath();
        for (int i = 0; store.BufferedBytes < BufferMB * 1024 * 1024 * 0.92; i++)
        {
            // Added as a sync adds new files: without the delete-by-id an upsert buffers, which a flush keeps.
            store.WriteSynced(TestDocs.Doc($"d{i}", $"Title {i}", $"{body} unique{i}"),
                new FileOrigin(folder, Path.Combine(folder, $"d{i}.txt"), (UInt128)i), isNew: true);
        }
        Assert.InRange(store.BufferedBytes, BufferMB * 1024 * 1024 * 0.92, BufferMB * 1024 * 1024);
    }
}
