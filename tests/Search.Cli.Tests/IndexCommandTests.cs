using System.Text.RegularExpressions;

namespace Search.Cli.Tests;

public partial class IndexCommandTests
{
    [Fact]
    public async Task Index_DefaultFolder_IndexesSeedsAndPrintsASummaryWithRates()
    {
        using var workspace = new TempFolder();
        workspace.CopySeeds();

        RunResult run = await Cli.RunAsync(workspace.Path, "index");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(SummaryPattern(), run.Output);
        Assert.Contains($"Indexed {workspace.Combine("seeds")}: 1 added, 0 updated, 0 unchanged, 0 deleted, 0 failed", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_Reindex_ReportsAddedUpdatedUnchangedAndDeleted()
    {
        using var workspace = new TempFolder();
        workspace.Write("docs/keep.txt", Cli.Seed("2021-01-01", "Keep", "same"));
        workspace.Write("docs/change.txt", Cli.Seed("2021-01-02", "Change", "before"));
        workspace.Write("docs/gone.txt", Cli.Seed("2021-01-03", "Gone", "bye"));
        await Cli.RunAsync(workspace.Path, "index", "docs");

        workspace.Write("docs/change.txt", Cli.Seed("2021-01-02", "Change", "after"));
        File.Delete(workspace.Combine("docs", "gone.txt"));
        workspace.Write("docs/new.txt", Cli.Seed("2021-01-04", "New", "hello"));
        RunResult run = await Cli.RunAsync(workspace.Path, "index", "docs");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 added, 1 updated, 1 unchanged, 1 deleted, 0 failed", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_BadFiles_ListsEachWithItsReasonAndExitsZero()
    {
        using var workspace = BadFolder();

        RunResult run = await Cli.RunAsync(workspace.Path, "index", "docs");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 added, 0 updated, 0 unchanged, 0 deleted, 2 failed", run.Output, StringComparison.Ordinal);
        Assert.Contains($"skipped {workspace.Combine("docs", "bad-date.txt")}: the header date '2021-02-30'", run.Output, StringComparison.Ordinal);
        Assert.Contains($"skipped {workspace.Combine("docs", "empty.txt")}: the file is empty", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_BadFilesWithStrict_ExitsOneButIndexesTheGoodOnes()
    {
        using var workspace = BadFolder();

        RunResult run = await Cli.RunAsync(workspace.Path, "index", "docs", "--strict");
        RunResult query = await Cli.RunAsync(workspace.Path, "query", "fine", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("2 failed", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"totalHits\":1", query.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_MissingFolder_ExitsOneAndCreatesNoIndex()
    {
        using var workspace = new TempFolder();

        RunResult run = await Cli.RunAsync(workspace.Path, "index", "nowhere");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"search: The folder '{workspace.Combine("nowhere")}' does not exist.", run.Error.TrimEnd());
        Assert.False(Directory.Exists(workspace.Combine(".search-index")));
    }

    [Fact]
    public async Task Index_Rebuild_DropsDocumentsOfFoldersNoLongerIndexed()
    {
        using var workspace = new TempFolder();
        workspace.Write("old/a.txt", Cli.Seed("2021-01-01", "Old", "old words"));
        workspace.Write("new/b.txt", Cli.Seed("2021-01-02", "New", "new words"));
        await Cli.RunAsync(workspace.Path, "index", "old");

        RunResult run = await Cli.RunAsync(workspace.Path, "index", "new", "--rebuild");
        RunResult stats = await Cli.RunAsync(workspace.Path, "stats", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 added, 0 updated, 0 unchanged, 1 deleted, 0 failed", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"documents\":1", stats.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_RebuildOfAFolderThatLostItsFiles_CountsWhatItDrops()
    {
        using var workspace = new TempFolder();
        workspace.Write("docs/a.txt", Cli.Seed("2021-01-01", "A", "one"));
        workspace.Write("docs/b.txt", Cli.Seed("2021-01-02", "B", "two"));
        workspace.Write("docs/c.txt", Cli.Seed("2021-01-03", "C", "three"));
        await Cli.RunAsync(workspace.Path, "index", "docs");
        File.Delete(workspace.Combine("docs", "b.txt"));
        File.Delete(workspace.Combine("docs", "c.txt"));

        RunResult run = await Cli.RunAsync(workspace.Path, "index", "docs", "--rebuild");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 added, 0 updated, 0 unchanged, 2 deleted, 0 failed", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_WhileAnotherProcessWrites_ExitsOneWithTheLockedMessage()
    {
        using var workspace = new TempFolder();
        workspace.CopySeeds();
        using SearchIndex writer = SearchIndex.Open(workspace.Combine(".search-index"));

        RunResult run = await Cli.RunProcessAsync(workspace.Path, null, "index");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is locked by another process", run.Error, StringComparison.Ordinal);
        Assert.Contains(workspace.Combine(".search-index"), run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_WhileAnotherProcessWrites_StillAnswers()
    {
        using var workspace = new TempFolder();
        workspace.CopySeeds();
        await Cli.RunAsync(workspace.Path, "index");
        using SearchIndex writer = SearchIndex.Open(workspace.Combine(".search-index"));

        RunResult run = await Cli.RunProcessAsync(workspace.Path, null, "query", "Kabul", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("\"totalHits\":1", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_IndexFolderThatIsNotAnIndex_ExitsOneAndTouchesNothing()
    {
        using var workspace = new TempFolder();
        workspace.CopySeeds();
        string precious = workspace.Write("notes/todo.md", "my notes");

        RunResult run = await Cli.RunAsync(workspace.Path, "index", "--index", "notes");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not empty and holds no index", run.Error, StringComparison.Ordinal);
        Assert.Equal("my notes", File.ReadAllText(precious));
    }

    [Fact]
    public async Task Index_IndexFolderOfNotes_LeavesItsListingByteForByteTheSame()
    {
        using var workspace = new TempFolder();
        workspace.Write("docs/a.txt", Cli.Seed("2021-01-01", "Alpha", "text"));
        workspace.Write("notes/todo.md", "my notes");
        workspace.Write("notes/2021/diary.txt", "a diary");
        string before = Listing(workspace.Combine("notes"));

        RunResult run = await Cli.RunAsync(workspace.Path, "index", "docs", "--index", "notes");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nothing in it was changed", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, Listing(workspace.Combine("notes")));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix permissions
    public async Task Index_UnreadableSubfolder_IsReportedWhileTheRestIsIndexedAndItsDocumentsStay()
    {
        using var workspace = new TempFolder();
        workspace.Write("docs/a.txt", Cli.Seed("2021-01-01", "Alpha", "first"));
        workspace.Write("docs/locked/inside.txt", Cli.Seed("2021-01-02", "Inside", "kept"));
        RunResult first = await Cli.RunAsync(workspace.Path, "index", "docs", "--index", "idx");
        Assert.True(first.ExitCode == 0, first.Error);
        workspace.Write("docs/b.txt", Cli.Seed("2021-01-03", "Beta", "second"));
        string locked = workspace.Combine("docs", "locked");
        RunResult run = await RunWithUnreadableFolderAsync(workspace, locked, "index", "docs", "--index", "idx");
        RunResult get = await Cli.RunAsync(workspace.Path, "get", "locked/inside", "--index", "idx");
        RunResult stats = await Cli.RunAsync(workspace.Path, "stats", "--index", "idx", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("1 added, 0 updated, 1 unchanged, 0 deleted, 1 failed", run.Output, StringComparison.Ordinal);
        Assert.Contains($"skipped {locked}: the folder cannot be read (", run.Output, StringComparison.Ordinal);
        Assert.Contains("the documents indexed from it are kept", run.Output, StringComparison.Ordinal);
        Assert.StartsWith("Inside", get.Output, StringComparison.Ordinal);
        Assert.Contains("\"documents\":3", stats.Output, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix permissions
    public async Task Index_RebuildWithAnUnreadableSubfolder_KeepsTheDocumentsIndexedFromIt()
    {
        using var workspace = new TempFolder();
        workspace.Write("docs/a.txt", Cli.Seed("2021-01-01", "Alpha", "first"));
        workspace.Write("docs/locked/inside.txt", Cli.Seed("2021-01-02", "Inside", "kept"));
        workspace.Write("docs/locked/deeper/more.txt", Cli.Seed("2021-01-03", "More", "kept"));
        RunResult first = await Cli.RunAsync(workspace.Path, "index", "docs", "--index", "idx");
        Assert.True(first.ExitCode == 0, first.Error);
        workspace.Write("docs/a.txt", Cli.Seed("2021-01-01", "Alpha again", "rewritten"));
        string locked = workspace.Combine("docs", "locked");
        RunResult run = await RunWithUnreadableFolderAsync(workspace, locked, "index", "docs", "--index", "idx", "--rebuild");
        RunResult stats = await Cli.RunAsync(workspace.Path, "stats", "--index", "idx", "--json");
        RunResult inside = await Cli.RunAsync(workspace.Path, "get", "locked/deeper/more", "--index", "idx");
        RunResult alpha = await Cli.RunAsync(workspace.Path, "get", "a", "--index", "idx");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains($"skipped {locked}: the folder cannot be read (", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"documents\":3", stats.Output, StringComparison.Ordinal);
        Assert.StartsWith("More", inside.Output, StringComparison.Ordinal);
        Assert.StartsWith("Alpha again", alpha.Output, StringComparison.Ordinal);
    }

    /// <summary>Runs the CLI as a user who cannot read <paramref name="locked"/> (root reads everything, so as root it runs as
    /// the unprivileged user, who is then given the workspace to write the index in), and makes the folder readable again.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static async Task<RunResult> RunWithUnreadableFolderAsync(TempFolder workspace, string locked, params string[] args)
    {
        if (Environment.IsPrivilegedProcess)
            RunTool("chown", "-R", "65534:65534", workspace.Path);
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            return await Cli.RunProcessUnprivilegedAsync(workspace.Path, args);
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Every entry under <paramref name="folder"/> with its content, in ordinal order.</summary>
    private static string Listing(string folder) => string.Join("\n",
        Directory.EnumerateFileSystemEntries(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Order(StringComparer.Ordinal)
            .Select(entry => Directory.Exists(entry) ? entry + "/" : $"{entry} {Convert.ToHexString(File.ReadAllBytes(entry))}"));

    private static void RunTool(string program, params string[] args)
    {
        using var process = System.Diagnostics.Process.Start(program, args);
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), $"{program} did not finish");
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task Index_StrictWithBadFiles_SaysWhyItExitsOne()
    {
        using var workspace = BadFolder();

        RunResult run = await Cli.RunAsync(workspace.Path, "index", "docs", "--strict");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("search: 2 files could not be indexed (listed above); with --strict that is an error. The other files were indexed.",
            run.Error.Trim());
    }

    [Fact]
    public async Task Index_TwoFolders_ReportsEachThenTheTotalAndNamesAnIdClash()
    {
        using var workspace = new TempFolder();
        workspace.Write("a/x.txt", Cli.Seed("2021-01-01", "From a", "first"));
        workspace.Write("a/only-a.txt", Cli.Seed("2021-01-02", "Only a", "first"));
        string clash = workspace.Write("b/x.txt", Cli.Seed("2021-01-03", "From b", "second"));
        workspace.Write("b/only-b.txt", Cli.Seed("2021-01-04", "Only b", "second"));

        RunResult run = await Cli.RunAsync(workspace.Path, "index", "a", "b", "--index", "idx");
        RunResult get = await Cli.RunAsync(workspace.Path, "get", "x", "--index", "idx");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Indexed {workspace.Combine("a")}: 2 added", run.Output, StringComparison.Ordinal);
        Assert.Contains($"Indexed {workspace.Combine("b")}: 1 added, 0 updated, 0 unchanged, 0 deleted, 1 failed", run.Output, StringComparison.Ordinal);
        Assert.Contains($"skipped {clash}: has the same id 'x' as {workspace.Combine("a", "x.txt")}", run.Output, StringComparison.Ordinal);
        Assert.Contains("Total of 2 folders: 3 added, 0 updated, 0 unchanged, 0 deleted, 1 failed", run.Output, StringComparison.Ordinal);
        Assert.StartsWith("From a", get.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_FileInsteadOfAFolder_ExitsOneSayingItIsAFile()
    {
        using var workspace = new TempFolder();
        string file = workspace.Write("docs/one.txt", Cli.Seed("2021-01-01", "One", "text"));

        RunResult run = await Cli.RunAsync(workspace.Path, "index", "docs/one.txt", "--index", "idx");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"search: '{file}' is a file, not a folder; index the folder that holds it.", run.Error.Trim());
    }

    [Fact]
    public async Task Index_RedirectedOutput_HasNoColourCodesOrRedrawnLines()
    {
        using var workspace = new TempFolder();
        for (int i = 0; i < 200; i++)
            workspace.Write($"docs/{i:D3}.txt", Cli.Seed("2021-01-01", $"Title {i}", "body text"));

        RunResult run = await Cli.RunProcessAsync(workspace.Path, null, "index", "docs", "--index", "idx");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain('\u001b', run.Output + run.Error);
        Assert.DoesNotContain('\r', run.Output + run.Error);
        Assert.Contains("200 added", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // folder permissions and chattr are Unix tools
    public async Task Index_ReadOnlyIndexFolder_ExitsOneWithOneClearLineWhileQueriesStillWork()
    {
        using var workspace = new TempFolder();
        workspace.Write("docs/a.txt", Cli.Seed("2021-01-01", "Alpha", "kabul"));
        await Cli.RunAsync(workspace.Path, "index", "docs", "--index", "idx");
        string index = workspace.Combine("idx");
        string[] before = [.. Directory.GetFiles(index).Order()];
        using var readOnly = ReadOnlyFolder.Make(index);

        RunResult run = await Cli.RunAsync(workspace.Path, "index", "docs", "--index", "idx");
        RunResult query = await Cli.RunAsync(workspace.Path, "query", "kabul", "--index", "idx", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains("cannot be written", run.Error, StringComparison.Ordinal);
        Assert.True(query.ExitCode == 0, query.Error);
        Assert.Contains("\"totalHits\":1", query.Output, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFiles(index).Order());
    }

    /// <summary>Makes a folder and its files unwritable for this process: by permissions, or, for root (whom permissions
    /// do not stop), with the immutable attribute. Undone on dispose so the folder can be deleted.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private sealed class ReadOnlyFolder : IDisposable
    {
        private readonly string _path;

        private ReadOnlyFolder(string path) => _path = path;

        public static ReadOnlyFolder Make(string path)
        {
            var folder = new ReadOnlyFolder(path);
            if (Environment.IsPrivilegedProcess)
            {
                Run("chattr", "-R", "+i", path);
            }
            else
            {
                foreach (string file in Directory.GetFiles(path))
                    File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
            }
            string probe = Path.Combine(path, "probe");
            Assert.ThrowsAny<Exception>(() => File.WriteAllText(probe, "x")); // the setup itself worked
            return folder;
        }

        public void Dispose()
        {
            if (Environment.IsPrivilegedProcess)
            {
                Run("chattr", "-R", "-i", _path);
            }
            else
            {
                File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                foreach (string file in Directory.GetFiles(_path))
                    File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        private static void Run(string program, params string[] args)
        {
            using var process = System.Diagnostics.Process.Start(program, args);
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
        }
    }

    private static TempFolder BadFolder()
    {
        var workspace = new TempFolder();
        workspace.Write("docs/good.txt", Cli.Seed("2021-01-01", "Good", "fine text"));
        workspace.Write("docs/bad-date.txt", Cli.Seed("2021-02-30", "Bad", "text"));
        workspace.Write("docs/empty.txt", "");
        return workspace;
    }

    [GeneratedRegex(@"failed in \d+\.\d\d s \([\d,]+ docs/s, \d+\.\d\d MB/s\)")]
    private static partial Regex SummaryPattern();
}
