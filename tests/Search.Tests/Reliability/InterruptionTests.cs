using Lucene.Net.Store;

namespace Search.Tests.Reliability;

/// <summary>
/// What is committed is either the last commit before an operation or a commit the operation made on purpose:
/// cancelling a sync, a failed write or disposing a rebuild that has not committed never commits anything else.
/// </summary>
public sealed class InterruptionTests
{
    private const int OldDocuments = 40;

    private static string Seed(int i, string version) => $" date 2021-08-14 Title {i} {version}\n\nBody {i}: marker{version} and common words.\n";

    /// <summary>A folder of <paramref name="count"/> seed files, all of one <paramref name="version"/>.</summary>
    private static void WriteFolder(TempFolder folder, string name, int count, string version)
    {
        for (int i = 0; i < count; i++)
            folder.Write($"{name}/{i:D4}.txt", Seed(i, version));
    }

    /// <summary>An index at <c>index</c> holding the <see cref="OldDocuments"/> files of <c>docs</c> at version "old".</summary>
    private static async Task<TempFolder> OldIndexAsync()
    {
        var folder = new TempFolder();
        WriteFolder(folder, "docs", OldDocuments, "old");
        using SearchIndex index = SearchIndex.Open(folder.Combine("index"));
        await index.IndexDirectoryAsync(folder.Combine("docs"));
        return folder;
    }

    /// <summary>What the last commit in <paramref name="indexPath"/> holds: the documents and those of each version.</summary>
    private static (long Count, long Old, long New) Committed(string indexPath)
    {
        using SearchIndex index = SearchIndex.Open(indexPath, new SearchIndexOptions { ReadOnly = true });
        return (index.Count, Hits(index, "markerold"), Hits(index, "markernew"));
    }

    private static long Hits(SearchIndex index, string query) => index.Search(new SearchRequest(query) { Highlight = null, Size = 0 }).TotalHits;

    /// <summary>Cancels the token at the sync's first progress report, which comes with its first file, so the sync stops
    /// after writing some documents and before its end.</summary>
    private sealed class CancelAtFirstReport(CancellationTokenSource cancel) : IProgress<IndexProgress>
    {
        public int FilesDoneWhenCancelled { get; private set; } = -1;

        public void Report(IndexProgress value)
        {
            if (FilesDoneWhenCancelled < 0)
                FilesDoneWhenCancelled = value.FilesDone;
            cancel.Cancel();
        }
    }

    [Fact]
    public async Task Dispose_RebuildThatHasNotCommitted_LeavesTheOldIndex()
    {
        using TempFolder folder = await OldIndexAsync();

        using (SearchIndex rebuild = SearchIndex.Open(folder.Combine("index"), new SearchIndexOptions { Rebuild = true }))
            await rebuild.UpsertAsync(TestDocs.Doc("other", "Another", "markernew"));

        Assert.Equal((OldDocuments, OldDocuments, 0L), Committed(folder.Combine("index")));
    }

    [Fact]
    public async Task IndexDirectory_RebuildCancelled_LeavesTheOldIndexAfterDispose()
    {
        using TempFolder folder = await OldIndexAsync();
        WriteFolder(folder, "docs", OldDocuments * 5, "new");
        using var cancel = new CancellationTokenSource();
        var progress = new CancelAtFirstReport(cancel);

        using (SearchIndex rebuild = SearchIndex.Open(folder.Combine("index"), new SearchIndexOptions { Rebuild = true, IndexingThreads = 1 }))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rebuild.IndexDirectoryAsync(folder.Combine("docs"), progress, cancel.Token));
            Assert.InRange(progress.FilesDoneWhenCancelled, 1, (OldDocuments * 5) - 1);
        }

        Assert.Equal((OldDocuments, OldDocuments, 0L), Committed(folder.Combine("index")));
    }

    [Fact]
    public async Task IndexDirectory_CancelledHalfWay_DiscardsItsWritesSoNoLaterCommitHoldsThem()
    {
        using TempFolder folder = await OldIndexAsync();
        WriteFolder(folder, "docs", OldDocuments, "new");

        using (SearchIndex index = SearchIndex.Open(folder.Combine("index"), new SearchIndexOptions { IndexingThreads = 1 }))
        {
            await CancelHalfWayAsync(index, folder.Combine("docs"));

            Assert.Equal(0, Hits(index, "markernew")); // searches are back at the last commit too
            await index.CommitAsync();
        }

        Assert.Equal((OldDocuments, OldDocuments, 0L), Committed(folder.Combine("index")));
    }

    [Fact]
    public async Task IndexDirectory_CancelledAfterPacedCommits_KeepsThemAndTheNextRunFinishes()
    {
        using TempFolder folder = await OldIndexAsync();
        WriteFolder(folder, "docs", OldDocuments, "new");
        var options = new SearchIndexOptions { IndexingThreads = 1, CommitEveryDocuments = 10 };
        int committed = 0;
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            committed = Math.Max(committed, p.FilesCommitted);
            if (p.FilesCommitted >= 20)
                cancel.Cancel();
        });

        using (SearchIndex index = SearchIndex.Open(folder.Combine("index"), options))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => index.IndexDirectoryAsync(folder.Combine("docs"), progress, cancel.Token));

        using (SearchIndex reader = SearchIndex.Open(folder.Combine("index"), new SearchIndexOptions { ReadOnly = true }))
            Assert.Equal([folder.Combine("docs")], reader.GetStats().UnfinishedSyncs);
        (long count, long old, long updated) = Committed(folder.Combine("index"));
        Assert.Equal(OldDocuments, count);
        Assert.InRange(updated, committed, OldDocuments - 1); // the paced commits, and nothing written after the last of them
        Assert.Equal(OldDocuments, old + updated);

        using (SearchIndex index = SearchIndex.Open(folder.Combine("index"), options))
        {
            await index.IndexDirectoryAsync(folder.Combine("docs"));
            Assert.Empty(index.GetStats().UnfinishedSyncs);
        }
        Assert.Equal((OldDocuments, 0L, OldDocuments), Committed(folder.Combine("index")));
    }

    [Fact]
    public async Task UnfinishedSyncs_OfTwoFolders_AreEachKeptUntilTheirOwnSyncFinishesAndARebuildClearsThem()
    {
        using var folder = new TempFolder();
        WriteFolder(folder, "a", OldDocuments, "old");
        WriteFolder(folder, "b", OldDocuments, "old");
        var options = new SearchIndexOptions { IndexingThreads = 1, CommitEveryDocuments = 10 };
        using (SearchIndex index = SearchIndex.Open(folder.Combine("index"), options))
        {
            foreach (string name in new[] { "a", "b" })
            {
                using var cancel = new CancellationTokenSource();
                var stopAfterACommit = new SynchronousProgress(p =>
                {
                    if (p.FilesCommitted > 0)
                        cancel.Cancel();
                });
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => index.IndexDirectoryAsync(folder.Combine(name), stopAfterACommit, cancel.Token));
            }
            Assert.Equal([folder.Combine("a"), folder.Combine("b")], index.GetStats().UnfinishedSyncs);

            await index.IndexDirectoryAsync(folder.Combine("b"));
            Assert.Equal([folder.Combine("a")], index.GetStats().UnfinishedSyncs);
        }
        using (SearchIndex reader = SearchIndex.Open(folder.Combine("index"), new SearchIndexOptions { ReadOnly = true }))
            Assert.Equal([folder.Combine("a")], reader.GetStats().UnfinishedSyncs);

        using (SearchIndex rebuild = SearchIndex.Open(folder.Combine("index"), options with { Rebuild = true }))
            await rebuild.IndexDirectoryAsync(folder.Combine("b"));
        using (SearchIndex reader = SearchIndex.Open(folder.Combine("index"), new SearchIndexOptions { ReadOnly = true }))
            Assert.Empty(reader.GetStats().UnfinishedSyncs); // the rebuild holds b alone, all of it
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20_000)]
    public async Task IndexDirectory_RebuildThatRunsOutOfDisk_FailsAndLeavesTheOldIndex(long budget)
    {
        using TempFolder folder = await OldIndexAsync();
        WriteFolder(folder, "docs", 400, "new");
        var disk = new FaultyDirectory(new NIOFSDirectory(folder.Combine("index")));
        // A small buffer makes the writer flush segments while the sync runs, not only when it commits.
        using (SearchIndex rebuild = SearchIndex.Open(disk, new SearchIndexOptions { Rebuild = true, RamBufferSizeMB = 0.02, IndexingThreads = 1 }))
        {
            disk.FillDiskAfter(budget);
            await Assert.ThrowsAsync<IndexWriteException>(() => rebuild.IndexDirectoryAsync(folder.Combine("docs")));
            disk.Disarm();
        }

        Assert.Equal((OldDocuments, OldDocuments, 0L), Committed(folder.Combine("index")));
    }

    [Fact]
    public async Task IndexDirectory_RebuildMeetingFilesThatTurnedBad_KeepsTheirIndexedDocuments()
    {
        using TempFolder folder = await OldIndexAsync();
        WriteFolder(folder, "docs", OldDocuments, "new");
        folder.Write("docs/0007.txt", string.Empty);
        folder.WriteBytes("docs/0008.txt", [(byte)'T', 0xC3, 0x28]);
        using (SearchIndex upserts = SearchIndex.Open(folder.Combine("index")))
            await upserts.UpsertAsync(TestDocs.Doc("upserted", "Upserted", "markerold"));

        IndexReport report;
        using (SearchIndex rebuild = SearchIndex.Open(folder.Combine("index"), new SearchIndexOptions { Rebuild = true }))
            report = await rebuild.IndexDirectoryAsync(folder.Combine("docs"));

        Assert.Equal(["0007", "0008"], report.Failures.Select(f => f.Id));
        // The two files that could not be read keep their old documents; the document upserted directly, which no file
        // holds, goes with the rest of the old index.
        Assert.Equal((OldDocuments, 2L, OldDocuments - 2L), Committed(folder.Combine("index")));
        using SearchIndex reader = SearchIndex.Open(folder.Combine("index"), new SearchIndexOptions { ReadOnly = true });
        Assert.Equal("Title 7 old", reader.Get("0007")?.Title);
        Assert.Null(reader.Get("upserted"));
    }

    [Fact]
    public async Task Open_RebuildOfANewFolder_MakesNoIndexUntilItsFirstCommit()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("index");

        using (SearchIndex rebuild = SearchIndex.Open(path, new SearchIndexOptions { Rebuild = true }))
        {
            await rebuild.UpsertAsync(TestDocs.Doc("a", "A", "markernew"));
            Assert.False(SearchIndex.Exists(path));
        }
        Assert.False(SearchIndex.Exists(path)); // disposing did not commit it either

        using (SearchIndex rebuild = SearchIndex.Open(path, new SearchIndexOptions { Rebuild = true }))
        {
            await rebuild.UpsertAsync(TestDocs.Doc("a", "A", "markernew"));
            await rebuild.CommitAsync();
        }
        Assert.Equal((1L, 0L, 1L), Committed(path));
    }

    [Fact]
    public async Task Dispose_DuringASync_CancelsItAndCommitsNothingOfIt()
    {
        using TempFolder folder = await OldIndexAsync();
        WriteFolder(folder, "docs", OldDocuments * 5, "new");
        SearchIndex index = SearchIndex.Open(folder.Combine("index"), new SearchIndexOptions { IndexingThreads = 1 });
        Task? disposing = null;
        // Dispose waits for the sync, so it runs beside it, as it would from another thread of the application. The sync
        // goes on only once Dispose has closed the index to new calls, so that it cannot finish first on a fast machine.
        var progress = new SynchronousProgress(_ =>
        {
            if (disposing is not null)
                return;
            disposing = Task.Run(index.Dispose);
            Assert.True(SpinWait.SpinUntil(() => IsClosed(index), TimeSpan.FromSeconds(30)), "Dispose did not start");
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => index.IndexDirectoryAsync(folder.Combine("docs"), progress));
        await disposing!;
        Assert.Equal((OldDocuments, OldDocuments, 0L), Committed(folder.Combine("index")));
    }

    [Fact]
    public async Task Upsert_AfterACancelledSync_IsCommittedAlone()
    {
        using TempFolder folder = await OldIndexAsync();
        WriteFolder(folder, "docs", OldDocuments, "new");

        using (SearchIndex index = SearchIndex.Open(folder.Combine("index"), new SearchIndexOptions { IndexingThreads = 1 }))
        {
            await CancelHalfWayAsync(index, folder.Combine("docs"));
            await index.UpsertAsync(new SeedDocument("extra", "Extra", "markerextra"));
        } // Dispose commits pending writes: the upsert, and nothing of the cancelled sync

        Assert.Equal((OldDocuments + 1, OldDocuments, 0L), Committed(folder.Combine("index")));
    }

    /// <summary>Syncs <paramref name="docs"/> into <paramref name="index"/> and cancels it after its first file.</summary>
    private static async Task CancelHalfWayAsync(SearchIndex index, string docs)
    {
        using var cancel = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => index.IndexDirectoryAsync(docs, new CancelAtFirstReport(cancel), cancel.Token));
    }

    /// <summary>Reports on the indexing thread itself, unlike <see cref="Progress{T}"/>, so a test can act at that moment.</summary>
    private sealed class SynchronousProgress(Action<IndexProgress> report) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value) => report(value);
    }

    private static bool IsClosed(SearchIndex index)
    {
        try
        {
            _ = index.Count;
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }
}
