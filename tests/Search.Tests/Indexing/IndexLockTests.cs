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

    [Fact]
    public async Task Open_TwoProcessesWithFileLockingDisabled_SecondGetsIndexLocked()
    {
        using var folder = new TempFolder();
        // The .NET switch turns off the flock behind FileShare.None, in both processes; the record lock must still hold.
        var noFlock = new Dictionary<string, string> { ["DOTNET_SYSTEM_IO_DISABLEFILELOCKING"] = "1" };
        using ChildProcess holder = ChildProcess.Start(noFlock, "twice", folder.Path);
        await holder.WaitForLineAsync("second refused"); // the holder's own second open failed, and closed nothing
        await holder.WaitForLineAsync("ready");

        (int exitCode, _, string error) = await ChildProcess.RunAsync(noFlock, "open", folder.Path);

        Assert.True(exitCode == 3, error);
        Assert.Contains("locked by another process", error, StringComparison.Ordinal);
        Assert.Equal(0, await holder.FinishAsync());
        using SearchIndex index = SearchIndex.Open(folder.Path);
        Assert.Null(index.Get("from-child"));
    }

    [Fact]
    public void Open_AgainAfterARefusedSecondWriter_IsStillRefused()
    {
        using var folder = new TempFolder();
        using SearchIndex first = SearchIndex.Open(folder.Path);
        Assert.Throws<IndexLockedException>(() => SearchIndex.Open(folder.Path));

        IndexLockedException error = Assert.Throws<IndexLockedException>(() => SearchIndex.Open(folder.Path));

        Assert.Equal(folder.Path, error.IndexPath);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // mount, chmod and chattr are Unix tools
    public async Task Open_IndexOnReadOnlyFileSystem_ThrowsUnavailableNamingTheCauseAndStillSearchesReadOnly()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("index");
        using var readOnly = ReadOnlyPlace.Create(path);
        using (SearchIndex writer = SearchIndex.Open(path))
        {
            await writer.UpsertAsync(new SeedDocument("a", "Kabul airport", "Crowds at the airport."));
            await writer.CommitAsync();
        }
        string[] before = [.. Directory.GetFiles(path).Order(StringComparer.Ordinal)];
        readOnly.Seal();

        IndexUnavailableException error = Assert.Throws<IndexUnavailableException>(() => SearchIndex.Open(path));

        Assert.Contains($"The index at '{path}' cannot be written: {readOnly.Cause}; open it read-only", error.Message, StringComparison.Ordinal);
        using SearchIndex reader = SearchIndex.Open(path, new SearchIndexOptions { ReadOnly = true });
        Assert.Equal(1, reader.Search(new SearchRequest("kabul")).TotalHits);
        Assert.Equal(before, Directory.GetFiles(path).Order(StringComparer.Ordinal));
    }

    /// <summary>A folder that can be made unwritable for this process: a tmpfs mount remounted read-only where the test may
    /// mount (root), else by permissions, or for root without mount rights the immutable attribute. Undone on dispose.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private sealed class ReadOnlyPlace : IDisposable
    {
        private readonly string _path;
        private readonly bool _mounted;
        private bool _sealed;

        private ReadOnlyPlace(string path, bool mounted)
        {
            _path = path;
            _mounted = mounted;
        }

        /// <summary>What the index's error should give as the reason once sealed.</summary>
        public string Cause => _mounted ? "read-only file system" : "permission denied";

        public static ReadOnlyPlace Create(string path)
        {
            Directory.CreateDirectory(path);
            bool mounted = Environment.IsPrivilegedProcess && UnixTool.TryRun("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", path).ExitCode == 0;
            return new ReadOnlyPlace(path, mounted);
        }

        public void Seal()
        {
            if (_mounted)
                UnixTool.Run("mount", "-o", "remount,ro", _path);
            else if (Environment.IsPrivilegedProcess)
                UnixTool.Run("chattr", "-R", "+i", _path);
            else
                Chmod(UnixFileMode.UserRead | UnixFileMode.UserExecute, UnixFileMode.UserRead);
            _sealed = true;
            Assert.ThrowsAny<Exception>(() => File.WriteAllText(Path.Combine(_path, "probe"), "x")); // the setup itself worked
        }

        public void Dispose()
        {
            if (_mounted)
            {
                if (UnixTool.TryRun("umount", _path).ExitCode != 0)
                    UnixTool.TryRun("umount", "-l", _path);
            }
            else if (_sealed && Environment.IsPrivilegedProcess)
            {
                UnixTool.TryRun("chattr", "-R", "-i", _path);
            }
            else if (_sealed)
            {
                Chmod(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        private void Chmod(UnixFileMode folder, UnixFileMode files)
        {
            foreach (string file in Directory.GetFiles(_path))
                File.SetUnixFileMode(file, files);
            File.SetUnixFileMode(_path, folder);
        }
    }
}
