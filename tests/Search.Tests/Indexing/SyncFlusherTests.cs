using Lucene.Net.Store;
using Search.Indexing;
using Search.Tests.Reliability;

namespace Search.Tests.Indexing;

/// <summary>Where a folder sync's flushes run: on a spare core while indexing goes on, or, with a thread per core, where
/// Lucene runs them, on the indexing threads themselves, until the end is near.</summary>
public sealed class SyncFlusherTests
{
    private const double BufferMB = 1;

    [Theory]
    [InlineData(1, 2, true)]    // a core to spare: the nearly full buffer is flushed while the sync goes on
    [InlineData(2, 2, false)]   // none, and the end is far: Lucene flushes it when it is full, on the indexing thread
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
        using var flush = new BackgroundFlush(disk => disk.FailWrite(1));

        IndexWriteException error = Assert.Throws<IndexWriteException>(flush.Flusher.Finish);
        Assert.IsAssignableFrom<IOException>(error.InnerException);
    }

    [Fact]
    public void Finish_AfterABackgroundFlush_HasSyncedTheFlushedSegment()
    {
        using var flush = new BackgroundFlush();

        flush.Flusher.Finish();

        Assert.Empty(flush.Disk.Unsynced); // the commit is left nothing to sync
    }

    [Fact]
    public void Finish_WhenTheEarlySyncFails_LeavesTheFilesToTheCommit()
    {
        using var flush = new BackgroundFlush(disk => disk.FailSync(1));

        flush.Flusher.Finish(); // the flush itself succeeded: the sync goes on
        Assert.Equal(1, flush.Disk.FaultsRaised);
        Assert.NotEmpty(flush.Disk.Unsynced);
        flush.Disk.Disarm();
        flush.Store.Commit();

        Assert.Empty(flush.Disk.Unsynced);
    }

    [Theory]
    // A core to spare: once the text left is under half the buffer, a quarter of the buffer is worth a flush.
    [InlineData(1, 999_000, 1, 0.33, true)]    // 1,000 files of 1 byte left
    [InlineData(1, 600_000, 1, 0.33, true)]    // 400 KB left, under half the 1 MB buffer
    [InlineData(1, 999_000, 1, 0.15, false)]   // the end is near, but the buffer holds too little
    [InlineData(1, 10, 1_000, 0.33, false)]    // nearly all the files left, 1 KB each
    // A thread per core: once the text left is under a quarter of the buffer, half the buffer is worth a flush.
    [InlineData(2, 999_000, 1, 0.55, true)]
    [InlineData(2, 999_000, 1, 0.33, false)]   // the end is near, but a smaller flush would only add segments
    [InlineData(2, 600_000, 1, 0.33, false)]   // 400 KB left is more than a quarter of the buffer
    [InlineData(2, 10, 1_000, 0.33, false)]
    public void FileDone_NearTheEnd_FlushesSmallerBuffers(int threads, int filesDone, long bytesPerFile, double buffered, bool flushed)
    {
        var options = new SearchIndexOptions { IndexingThreads = threads, RamBufferSizeMB = BufferMB };
        using IndexStore store = IndexStore.InMemory(options);
        FillBuffer(store, buffered);
        long before = store.BufferedBytes;

        using var flusher = new SyncFlusher(store, options, filesTotal: 1_000_000, processorCount: 2);
        flusher.FileDone(filesDone, filesDone * bytesPerFile);
        flusher.Finish();

        Assert.Equal(flushed, store.BufferedBytes < before / 10);
    }

    /// <summary>Buffers documents until the writer holds 92-100% of its buffer: past the flusher's trigger, short of Lucene's own.</summary>
    private static void FillBufferNearlyFull(IndexStore store) => FillBuffer(store, 0.92);

    private static void FillBuffer(IndexStore store, double share)
    {
        string body = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"word{i}"));
        string folder = Path.GetTempPath();
        for (int i = 0; store.BufferedBytes < BufferMB * 1024 * 1024 * share; i++)
        {
            // Added as a sync adds new files: without the delete-by-id an upsert buffers, which a flush keeps.
            store.WriteSynced(TestDocs.Doc($"d{i}", $"Title {i}", $"{body} unique{i}"),
                new FileOrigin(folder, Path.Combine(folder, $"d{i}.txt"), (UInt128)i), isNew: true);
        }
        Assert.InRange(store.BufferedBytes, BufferMB * 1024 * 1024 * share, BufferMB * 1024 * 1024);
    }

    /// <summary>One indexing thread on two cores, over a directory that fails on demand, with the buffer nearly full:
    /// the first file done starts a background flush.</summary>
    private sealed class BackgroundFlush : IDisposable
    {
        public BackgroundFlush(Action<FaultyDirectory>? arm = null)
        {
            var options = new SearchIndexOptions { IndexingThreads = 1, RamBufferSizeMB = BufferMB };
            Store = IndexStore.OpenWriter(null, Disk, null, options);
            FillBufferNearlyFull(Store);
            arm?.Invoke(Disk);
            Flusher = new SyncFlusher(Store, options, filesTotal: 1_000_000, processorCount: 2);
            Flusher.FileDone(1, 1);
        }

        public FaultyDirectory Disk { get; } = new(new RAMDirectory());

        public IndexStore Store { get; }

        public SyncFlusher Flusher { get; }

        public void Dispose()
        {
            Flusher.Dispose();
            Store.Dispose();
        }
    }
}
