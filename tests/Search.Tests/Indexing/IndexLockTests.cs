using Search.Documents;
using Search.Querying;

namespace Search.Tests.Indexing;

public class IndexLockTests
{
    [Fact]
    public void Open_SecondWriterInSameProcess_ThrowsIndexLockedNamingTheFolder()
    {
        using var folder = new TempFolder();
        using SearchIndex first = SearchIndex.Open(folder.Path);

        IndexLockedException error = Assert.Throws<IndexLockedException>(() => SearchIndex.Open(folder.Path));

        Assert.Equal(folder.Path, error.IndexPath);
        Assert.Contains(folder.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("locked by another process", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_AfterFirstWriterDisposed_Succeeds()
    {
        using var folder = new TempFolder();
        SearchIndex.Open(folder.Path).Dispose();

        using SearchIndex second = SearchIndex.Open(folder.Path);

        Assert.Equal(0, second.Count);
    }

    [Fact]
    public async Task Open_WhileAnotherProcessWrites_ThrowsIndexLocked()
    {
        using var folder = new TempFolder();
        using ChildProcess holder = ChildProcess.Start("hold", folder.Path);
        await holder.WaitForLineAsync("ready");

        IndexLockedException error = Assert.Throws<IndexLockedException>(() => SearchIndex.Open(folder.Path));

        Assert.Contains(folder.Path, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await holder.FinishAsync());
    }

    [Fact]
    public async Task OtherProcess_WhileThisProcessWrites_GetsLockError()
    {
        using var folder = new TempFolder();
        using SearchIndex index = SearchIndex.Open(folder.Path);
        await index.UpsertAsync(new SeedDocument("mine", "Mine", "written here"));
        await index.CommitAsync();

        (int exitCode, _, string error) = await ChildProcess.RunAsync("open", folder.Path);

        Assert.Equal(3, exitCode);
        Assert.Contains("locked by another process", error, StringComparison.Ordinal);
        Assert.Null(index.Get("from-child"));
    }

    [Fact]
    public async Task ReaderProcess_WhileThisProcessWrites_SearchesCommittedDocuments()
    {
        using var folder = new TempFolder();
        using SearchIndex index = SearchIndex.Open(folder.Path);
        await index.UpsertAsync(new SeedDocument("a", "Kabul airport", "Crowds at the airport."));
        await index.UpsertAsync(new SeedDocument("b", "Kabul streets", "Quiet streets."));
        await index.CommitAsync();

        (int exitCode, string output, string error) = await ChildProcess.RunAsync("count", folder.Path, "kabul");

        Assert.True(exitCode == 0, error);
        Assert.Equal("2", output.Trim());
    }

    [Fact]
    public async Task Open_AfterOtherProcessReleasedLock_Succeeds()
    {
        using var folder = new TempFolder();
        (int exitCode, _, string error) = await ChildProcess.RunAsync("open", folder.Path);
        Assert.True(exitCode == 0, error);

        using SearchIndex index = SearchIndex.Open(folder.Path);

        Assert.NotNull(index.Get("from-child"));
        Assert.Equal(1, index.Search(new SearchRequest("child")).TotalHits);
    }
}
