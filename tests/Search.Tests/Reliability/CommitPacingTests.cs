namespace Search.Tests.Reliability;

public class CommitPacingTests
{
    [Fact]
    public async Task IndexDirectory_LongRun_CommitsOnTheWayAndNeverClaimsMoreThanIsDurable()
    {
        using var folder = new TempFolder();
        for (int i = 0; i < 60; i++)
            folder.Write($"docs/{i:D3}.txt", $"Title {i}\n\nbody {i}\n");
        string indexPath = folder.Combine("index");
        using SearchIndex index = SearchIndex.Open(indexPath, new SearchIndexOptions { CommitEveryDocuments = 10, IndexingThreads = 1 });
        var checkedClaims = new List<(int Claimed, long Durable)>();
        var progress = new InlineProgress(p =>
        {
            if (p.FilesCommitted == 0 || checkedClaims.Exists(c => c.Claimed == p.FilesCommitted))
                return;
            // A second, read-only view sees only what is committed on disk.
            using SearchIndex reader = SearchIndex.Open(indexPath, new SearchIndexOptions { ReadOnly = true });
            checkedClaims.Add((p.FilesCommitted, reader.Count));
        });

        await index.IndexDirectoryAsync(folder.Combine("docs"), progress);

        Assert.True(checkedClaims.Count >= 3, $"only {checkedClaims.Count} commits on the way were reported");
        Assert.All(checkedClaims, c => Assert.True(c.Durable >= c.Claimed, $"claimed {c.Claimed} durable, the commit holds {c.Durable}"));
    }

    [Fact]
    public async Task IndexDirectory_Rebuild_DoesNotCommitOnTheWay()
    {
        using var folder = new TempFolder();
        string indexPath = folder.Combine("index");
        using (SearchIndex old = SearchIndex.Open(indexPath))
        {
            await old.UpsertAsync(TestDocs.Doc("old", "Old", "old text"));
            await old.CommitAsync();
        }
        for (int i = 0; i < 30; i++)
            folder.Write($"docs/{i:D3}.txt", $"Title {i}\n\nbody {i}\n");
        using SearchIndex rebuilt = SearchIndex.Open(indexPath, new SearchIndexOptions { Rebuild = true, CommitEveryDocuments = 5, IndexingThreads = 1 });
        var seenDuring = new List<long>();
        var progress = new InlineProgress(p =>
        {
            if (p.FilesDone < p.FilesTotal)
            {
                using SearchIndex reader = SearchIndex.Open(indexPath, new SearchIndexOptions { ReadOnly = true });
                seenDuring.Add(reader.Get("old") is null ? -1 : reader.Count);
            }
        });

        await rebuilt.IndexDirectoryAsync(folder.Combine("docs"), progress);

        Assert.All(seenDuring, count => Assert.Equal(1, count));
        Assert.Null(rebuilt.Get("old"));
        Assert.Equal(30, rebuilt.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Open_NonPositiveCommitEvery_ThrowsArgumentOutOfRange(int every)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SearchIndex.InMemory(new SearchIndexOptions { CommitEveryDocuments = every }));
    }

    private sealed class InlineProgress(Action<IndexProgress> report) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value) => report(value);
    }
}
