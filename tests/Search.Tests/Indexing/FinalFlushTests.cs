using Search.Indexing;

namespace Search.Tests.Indexing;

/// <summary>The RAM buffer shrinks near the end of a parallel sync, and only then, and comes back afterwards.</summary>
public sealed class FinalFlushTests
{
    [Theory]
    [InlineData(2, 10, 10_000, 16)]         // 990 files of 1 KB left: the rest fits in the buffer, so it shrinks
    [InlineData(2, 10, 10_000_000, 64)]     // 990 MB left: it stays
    [InlineData(1, 10, 10_000, 64)]         // one thread flushes alone anyway: it stays
    public void FileDone_ShrinksTheBufferNearTheEndOfAParallelSyncAndDisposeRestoresIt(int threads, int filesDone, long bytesRead, double during)
    {
        var options = new SearchIndexOptions { IndexingThreads = threads, RamBufferSizeMB = 64 };
        using IndexStore store = IndexStore.InMemory(options);

        using (var flush = new FinalFlush(store, options, filesTotal: 1_000))
        {
            flush.FileDone(filesDone, bytesRead);
            Assert.Equal(during, store.RamBufferSizeMB);
        }

        Assert.Equal(64, store.RamBufferSizeMB);
    }
}
