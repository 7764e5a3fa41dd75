using Lucene.Net.Index;
using Lucene.Net.Store;
using Microsoft.Extensions.Logging;

namespace Search.Tests.Reliability;

/// <summary>
/// Disks fail: a write or a sync raises an I/O error, the disk fills up, the power goes. Whatever fails, the operation
/// says so with <see cref="IndexWriteException"/>, the index on disk is its last commit (whole, CheckIndex clean), the
/// <see cref="SearchIndex"/> takes writes again once the cause is gone, and no file is left open.
/// </summary>
public sealed class FaultInjectionTests
{
    private static SeedDocument Doc(int i) =>
        TestDocs.Doc($"d{i:D4}", $"Title {i}", $"Body text number {i}: news from kabul, rain in delhi, markets {i % 7}.", "2021-08-14");

    private static async Task<(SearchIndex Index, FaultyDirectory Disk)> CommittedIndex(int documents, SearchIndexOptions? options = null)
    {
        var disk = new FaultyDirectory(new RAMDirectory());
        SearchIndex index = SearchIndex.Open(disk, options);
        for (int i = 0; i < documents; i++)
            await index.UpsertAsync(Doc(i));
        await index.CommitAsync();
        return (index, disk);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(40)]
    [InlineData(200)]
    public Task Commit_WhenTheNthWriteFails_ThrowsAndTheIndexStaysAtItsLastCommit(int nth) =>
        AssertFailedCommitKeepsTheLastOne(disk => disk.FailWrite(nth));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public Task Commit_WhenASyncFails_ThrowsAndTheIndexStaysAtItsLastCommit(int nth) =>
        AssertFailedCommitKeepsTheLastOne(disk => disk.FailSync(nth));

    /// <summary>20 documents committed, 10 more pending, then <paramref name="fault"/> during the commit: it fails with
    /// <see cref="IndexWriteException"/>, the index holds the 20 (on disk and for searches), takes writes again, and
    /// leaves no file open.</summary>
    private static async Task AssertFailedCommitKeepsTheLastOne(Action<FaultyDirectory> fault)
    {
        (SearchIndex index, FaultyDirectory disk) = await CommittedIndex(20);
        using (index)
        {
            for (int i = 20; i < 30; i++)
                await index.UpsertAsync(Doc(i));
            fault(disk);

            IndexWriteException error = await Assert.ThrowsAsync<IndexWriteException>(() => index.CommitAsync());

            Assert.IsAssignableFrom<IOException>(error.InnerException);
            Assert.Contains("back at that commit", error.Message, StringComparison.Ordinal);
            await AssertBackAtTheLastCommit(index, disk, 20);
        }
        Assert.Empty(disk.OpenFiles);
        AssertCommitHolds(disk.Inner, 21);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5_000)]
    [InlineData(60_000)]
    public async Task Upsert_WhenTheDiskFillsWhileSegmentsAreFlushed_ThrowsAndTheIndexStaysAtItsLastCommit(long budget)
    {
        // A small RAM buffer makes the writer flush segments while documents are added, not only at commit.
        (SearchIndex index, FaultyDirectory disk) = await CommittedIndex(20, new SearchIndexOptions { RamBufferSizeMB = 0.05 });
        using (index)
        {
            disk.FillDiskAfter(budget);

            IndexWriteException error = await Assert.ThrowsAsync<IndexWriteException>(async () =>
            {
                for (int i = 20; i < 5_000; i++)
                    await index.UpsertAsync(Doc(i));
                await index.CommitAsync();
            });

            Assert.Contains("No space left on device", error.Message, StringComparison.Ordinal);
            await AssertBackAtTheLastCommit(index, disk, 20);
        }
        Assert.Empty(disk.OpenFiles);
    }

    [Fact]
    public async Task Merge_WhenItsWritesFail_IsLoggedAndNeitherTheProcessNorTheIndexIsHurt()
    {
        var log = new ListLogger();
        var disk = new FaultyDirectory(new RAMDirectory());
        disk.FailWrite(1, mergesOnly: true);
        using (SearchIndex index = SearchIndex.Open(disk, new SearchIndexOptions { Logger = log }))
        {
            // One small segment per commit: past ten of them Lucene's merge policy starts merging in the background.
            for (int commit = 0; commit < 40; commit++)
            {
                for (int i = 0; i < 5; i++)
                    await index.UpsertAsync(Doc(commit * 5 + i));
                await index.CommitAsync();
            }
            await WaitUntil(() => log.Messages.Any(m => m.Contains("background merge", StringComparison.Ordinal)) || disk.FaultsRaised > 0);
            await index.CommitAsync(); // reports a merge failure that happened after the last commit

            Assert.True(disk.FaultsRaised > 0, "no merge ran, so nothing was tested");
            Assert.Contains(log.Messages, m => m.Contains("A background merge", StringComparison.Ordinal) && m.Contains("Simulated I/O error", StringComparison.Ordinal));
            Assert.Equal(200, index.Count);
            Assert.Equal(200, index.Search(new SearchRequest("kabul") { Size = 0 }).TotalHits);

            disk.Disarm();
            await index.UpsertAsync(Doc(200));
            await index.CommitAsync();
        }
        Assert.Empty(disk.OpenFiles);
        AssertCommitHolds(disk.Inner, 201);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PowerLoss_AtAnyMomentOfIndexing_LeavesExactlyOneWholeCommit(bool truncateUnsyncedFiles)
    {
        var random = new Random(20211);
        int cuts = 0;
        const int Trials = 30;
        for (int trial = 0; trial < Trials; trial++)
        {
            var disk = new FaultyDirectory(new RAMDirectory());
            SearchIndex index = SearchIndex.Open(disk, new SearchIndexOptions { RamBufferSizeMB = 0.1 });
            int powerCutAt = random.Next(1, WritesToIndex400Documents);
            disk.CrashOnWrite(powerCutAt, random, truncateUnsyncedFiles);
            int committed = 0, committing = 0;
            try
            {
                for (int i = 0; i < 400; i++)
                {
                    await index.UpsertAsync(Doc(i));
                    if (i % 40 == 39)
                    {
                        committing = i + 1;
                        await index.CommitAsync();
                        committed = committing;
                    }
                }
                index.Dispose();
            }
            catch (IndexWriteException)
            {
                // the power went
            }
            finally
            {
                try
                {
                    index.Dispose();
                }
                catch (IndexWriteException)
                {
                    // the power is still gone
                }
            }

            if (disk.Crashed)
                cuts++;
            // The next process starts with what reached the disk, and with no lock held (a dead process holds none).
            var restarted = new RAMDirectory(disk.Inner, IOContext.DEFAULT);
            // It finds one of the commit points, whole: the last one that returned, or the one that was being made when
            // the power went (its segments file may have reached the disk before the call could return).
            int found;
            using (var reader = DirectoryReader.Open(restarted))
                found = reader.NumDocs;
            Assert.True(found == committed || found == committing,
                $"trial {trial}, power cut at write {powerCutAt}: {found} documents, commits were {committed} and {committing}");
            AssertCommitHolds(restarted, found);
            using SearchIndex reopened = SearchIndex.Open(restarted);
            for (int i = 0; i < found; i++)
                Assert.Equal($"Title {i}", reopened.Get($"d{i:D4}")?.Title);
            await AssertWritableAgain(reopened, found);
        }
        Assert.True(cuts >= Trials * 2 / 3, $"the power went in only {cuts} of {Trials} runs: the cuts fall past the end of indexing");
    }

    [Fact]
    public async Task PowerLossTrials_CoverTheWholeRun()
    {
        var disk = new FaultyDirectory(new RAMDirectory());
        using (SearchIndex index = SearchIndex.Open(disk, new SearchIndexOptions { RamBufferSizeMB = 0.1 }))
        {
            for (int i = 0; i < 400; i++)
            {
                await index.UpsertAsync(Doc(i));
                if (i % 40 == 39)
                    await index.CommitAsync();
            }
        }

        // The power-loss trials draw their cut from [1, WritesToIndex400Documents): it must span the run, with little past it.
        Assert.InRange(disk.Writes, WritesToIndex400Documents * 0.8, WritesToIndex400Documents * 1.25);
    }

    // About the number of write calls indexing 400 documents with commits every 40 makes, so power cuts fall anywhere
    // in the run (counted once with the directory below; a cut past the end just leaves all ten commits).
    private const int WritesToIndex400Documents = 740_000;

    [Fact]
    public async Task Dispose_WhenItsFinalCommitFails_ThrowsAndStillReleasesEverything()
    {
        (SearchIndex index, FaultyDirectory disk) = await CommittedIndex(5);
        await index.UpsertAsync(Doc(5));
        disk.FailWrite(1);

        Assert.Throws<IndexWriteException>(index.Dispose);

        Assert.Empty(disk.OpenFiles);
        disk.Disarm();
        AssertCommitHolds(disk.Inner, 5);
        using SearchIndex reopened = SearchIndex.Open(disk.Inner); // the writer lock was released
        Assert.Equal(5, reopened.Count);
    }

    /// <summary>Once the fault is gone, the disk and the index both hold exactly the last commit, and writes work again.</summary>
    private static async Task AssertBackAtTheLastCommit(SearchIndex index, FaultyDirectory disk, int committed)
    {
        disk.Disarm();
        AssertCommitHolds(disk.Inner, committed);
        Assert.Equal(committed, index.Count);
        await AssertWritableAgain(index, committed);
    }

    /// <summary>The directory's last commit opens, holds <paramref name="documents"/> documents and passes CheckIndex.</summary>
    private static void AssertCommitHolds(Lucene.Net.Store.Directory directory, int documents)
    {
        using (var reader = DirectoryReader.Open(directory))
            Assert.Equal(documents, reader.NumDocs);
        var check = new CheckIndex(directory);
        CheckIndex.Status status = check.DoCheckIndex();
        Assert.True(status.Clean, "CheckIndex found problems");
    }

    private static async Task AssertWritableAgain(SearchIndex index, int before)
    {
        await index.UpsertAsync(Doc(9_999));
        await index.CommitAsync();
        Assert.Equal(before + 1, index.Count);
        Assert.Equal("Title 9999", index.Get("d9999")?.Title);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (int i = 0; i < 200 && !condition(); i++)
            await Task.Delay(25);
    }

    /// <summary>Keeps every message logged, for assertions.</summary>
    private sealed class ListLogger : ILogger
    {
        private readonly List<string> _messages = [];

        public IReadOnlyList<string> Messages
        {
            get
            {
                lock (_messages)
                    return [.. _messages];
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_messages)
                _messages.Add(formatter(state, exception));
        }
    }
}
