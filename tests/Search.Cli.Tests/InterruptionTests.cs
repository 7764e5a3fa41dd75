using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace Search.Cli.Tests;

/// <summary>
/// Real signals and real faults against the real CLI: Ctrl+C (SIGINT) or SIGTERM during a rebuild or an incremental sync
/// leaves the index at its last commit, a rebuild that fills the disk leaves the old index, an interrupted first query leaves
/// nothing behind that later queries would answer from, and queries answer while another process creates an index.
/// </summary>
public sealed class InterruptionTests(ITestOutputHelper output)
{
    // Enough text that indexing takes seconds, so a signal sent shortly after the index opens lands while it writes.
    private const int Documents = 3_000;

    // The deliberate wait before a signal: after the index is open, while documents are being written.
    private static readonly TimeSpan SignalDelay = TimeSpan.FromMilliseconds(400);

    private static readonly string[] Words =
        "kabul taliban airport crowds gathered minister said friday talks border trade markets rain delhi grain wheat".Split(' ');

    /// <summary>Writes <paramref name="count"/> seed files of a few kilobytes each, all at <paramref name="version"/>, which
    /// their titles and one body word (<c>markerVERSION</c>) carry.</summary>
    private static void WriteCorpus(TempFolder workspace, string folder, int count, string version)
    {
        var body = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            body.Clear();
            for (int j = 0; j < 500; j++)
                body.Append(Words[(i + j) % Words.Length]).Append((i * j) % 53).Append(' ');
            workspace.Write($"{folder}/{i:D5}.txt", Cli.Seed("2021-08-14", $"Title {i} {version}", $"Body {i}: marker{version} {body}."));
        }
    }

    /// <summary>How many documents the last commit holds in all, and at each version.</summary>
    private static (long Count, long Old, long New) Committed(string indexPath)
    {
        using SearchIndex index = SearchIndex.Open(indexPath, new SearchIndexOptions { ReadOnly = true });
        return (index.Count, Hits(index, "markerold"), Hits(index, "markernew"));
    }

    private static long Hits(SearchIndex index, string query) => index.Search(new SearchRequest(query) { Highlight = null, Size = 0 }).TotalHits;

    private static async Task<TempFolder> OldIndexWithNewFilesAsync()
    {
        var workspace = new TempFolder();
        WriteCorpus(workspace, "docs", Documents, "old");
        RunResult first = await Cli.RunAsync(workspace.Path, "index", "docs", "--index", "idx");
        Assert.True(first.ExitCode == 0, first.Error);
        WriteCorpus(workspace, "docs", Documents, "new");
        return workspace;
    }

    /// <summary>The process stopped because of the signal, before finishing, and said so with the exit code shells use.</summary>
    private static void AssertInterrupted(RunResult run, string signal)
    {
        (int code, string message) = signal == "TERM" ? (ExitCodes.Terminated, "Terminated.") : (ExitCodes.Interrupted, "Interrupted.");
        Assert.True(run.ExitCode == code, $"exit code {run.ExitCode}: {run.Error}");
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Index_RebuildInterruptedBySignal_KeepsTheOldIndex(string signal)
    {
        using TempFolder workspace = await OldIndexWithNewFilesAsync();

        using CliProcess rebuild = CliProcess.Start(workspace.Path, "index", "docs", "--index", "idx", "--rebuild", "--verbose");
        await rebuild.WaitForErrorLineAsync("Opened index");
        await Task.Delay(SignalDelay);
        await rebuild.SignalAsync(signal);
        RunResult run = await rebuild.ExitAsync();

        AssertInterrupted(run, signal);
        Assert.Equal((Documents, Documents, 0L), Committed(workspace.Combine("idx")));
    }

    [Fact]
    public async Task Index_RebuildOfTwoFoldersInterruptedInTheSecond_KeepsTheOldIndex()
    {
        using TempFolder workspace = await OldIndexWithNewFilesAsync();
        workspace.Write("first/one.txt", Cli.Seed("2021-08-14", "First folder", "markernew"));

        using CliProcess rebuild = CliProcess.Start(workspace.Path, "index", "first", "docs", "--index", "idx", "--rebuild", "--verbose");
        await rebuild.WaitForErrorLineAsync($"Indexed {workspace.Combine("first")}");
        await Task.Delay(SignalDelay);
        await rebuild.SignalAsync("INT");
        RunResult run = await rebuild.ExitAsync();

        AssertInterrupted(run, "INT");
        Assert.Equal((Documents, Documents, 0L), Committed(workspace.Combine("idx")));
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Index_IncrementalSyncInterruptedBySignal_CommitsNothingOfIt(string signal)
    {
        using TempFolder workspace = await OldIndexWithNewFilesAsync();

        using CliProcess sync = CliProcess.Start(workspace.Path, "index", "docs", "--index", "idx", "--verbose");
        await sync.WaitForErrorLineAsync("Opened index");
        await Task.Delay(SignalDelay);
        await sync.SignalAsync(signal);
        RunResult run = await sync.ExitAsync();

        AssertInterrupted(run, signal);
        Assert.Equal((Documents, Documents, 0L), Committed(workspace.Combine("idx")));

        RunResult rerun = await Cli.RunAsync(workspace.Path, "index", "docs", "--index", "idx");
        Assert.True(rerun.ExitCode == 0, rerun.Error);
        Assert.Equal((Documents, 0L, Documents), Committed(workspace.Combine("idx")));
    }

    [Fact]
    public async Task Index_RebuildThatFillsTheDisk_ExitsOneAndKeepsTheOldIndex()
    {
        using TempFolder workspace = await OldIndexWithNewFilesAsync();
        long indexBytes = Directory.EnumerateFiles(workspace.Combine("idx")).Sum(f => new FileInfo(f).Length);
        // Room for the old index and a third of another: a rebuild, which keeps the old one until it commits, cannot fit.
        using Tmpfs? disk = Tmpfs.TryMount(workspace.Combine("disk"), indexBytes + (indexBytes / 3), output);
        if (disk is null)
            return; // the same failure through the library is InterruptionTests in Search.Tests, on a directory that fills up
        string onDisk = workspace.Combine("disk", "idx");
        Directory.CreateDirectory(onDisk);
        foreach (string file in Directory.EnumerateFiles(workspace.Combine("idx")))
            File.Copy(file, Path.Combine(onDisk, Path.GetFileName(file)));

        RunResult run = await Cli.RunProcessAsync(workspace.Path, null, "index", "docs", "--index", onDisk, "--rebuild");

        Assert.True(run.ExitCode == ExitCodes.Failure, $"exit code {run.ExitCode}: {run.Output} {run.Error}");
        Assert.Contains("back at that commit", run.Error, StringComparison.Ordinal);
        Assert.Equal((Documents, Documents, 0L), Committed(onDisk));
        Assert.True(SearchIndex.Check(onDisk).Healthy);
    }

    [Fact]
    public async Task StatsAndQuery_AfterASyncInterruptedPastAPacedCommit_SayTheIndexHoldsPartOfTheFolder()
    {
        using TempFolder workspace = await OldIndexWithNewFilesAsync();
        using var cancel = new CancellationTokenSource();
        var options = new SearchIndexOptions { CommitEveryDocuments = 100, IndexingThreads = 1 };
        using (SearchIndex index = SearchIndex.Open(workspace.Combine("idx"), options))
        {
            var stopAfterACommit = new InlineProgress(p =>
            {
                if (p.FilesCommitted > 0)
                    cancel.Cancel();
            });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => index.IndexDirectoryAsync(workspace.Combine("docs"), stopAfterACommit, cancel.Token));
        }

        RunResult stats = await Cli.RunAsync(workspace.Path, "stats", "--index", "idx");
        RunResult statsJson = await Cli.RunAsync(workspace.Path, "stats", "--index", "idx", "--json");
        RunResult query = await Cli.RunAsync(workspace.Path, "query", "markernew", "--index", "idx", "--json");
        RunResult finish = await Cli.RunAsync(workspace.Path, "index", "docs", "--index", "idx");
        RunResult after = await Cli.RunAsync(workspace.Path, "query", "markernew", "--index", "idx", "--json");

        Assert.Contains($"Unfinished the last indexing of {workspace.Combine("docs")} stopped half-way", stats.Output, StringComparison.Ordinal);
        Assert.Contains("stopped half-way", query.Error, StringComparison.Ordinal);
        using (var json = System.Text.Json.JsonDocument.Parse(statsJson.Output))
            Assert.Equal(workspace.Combine("docs"), Assert.Single(json.RootElement.GetProperty("unfinishedSyncs").EnumerateArray()).GetString());
        Assert.Equal(0, finish.ExitCode);
        Assert.Equal(string.Empty, after.Error);
        Assert.Contains($"\"totalHits\":{Documents}", after.Output, StringComparison.Ordinal);
    }

    /// <summary>Reports on the indexing thread itself, so the test acts at that very moment.</summary>
    private sealed class InlineProgress(Action<IndexProgress> report) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value) => report(value);
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Query_InterruptedWhileItSearches_StopsWithTheSignalsExitCode(string signal)
    {
        using var workspace = new TempFolder();
        // A search cannot be cancelled half-way; highlighting this takes seconds, longer than the CLI waits after a signal.
        workspace.Write("docs/long.txt", Cli.Seed("2021-08-14", "Kabul", string.Concat(Enumerable.Repeat("Kabul. ", 1_500_000))));
        RunResult indexed = await Cli.RunAsync(workspace.Path, "index", "docs", "--index", "idx");
        Assert.True(indexed.ExitCode == 0, indexed.Error);

        using CliProcess query = CliProcess.Start(workspace.Path, "query", "kabul", "--index", "idx", "--fragments", "100", "--fragment-size", "10000", "--verbose");
        await query.WaitForErrorLineAsync("Opened index");
        await query.SignalAsync(signal);
        RunResult run = await query.ExitAsync();

        AssertInterrupted(run, signal);
    }

    [Fact]
    public async Task Query_FirstQueryInterrupted_LeavesNoIndexAndTheNextQueryBuildsAllOfIt()
    {
        using var workspace = new TempFolder();
        WriteCorpus(workspace, "seeds", Documents, "old");

        using CliProcess first = CliProcess.Start(workspace.Path, "query", "markerold", "--json");
        await first.WaitForErrorLineAsync("indexing");
        await Task.Delay(SignalDelay);
        await first.SignalAsync("INT");
        AssertInterrupted(await first.ExitAsync(), "INT");
        Assert.False(SearchIndex.Exists(workspace.Combine(".search-index")), "an interrupted first build must leave no index to answer from");

        RunResult next = await Cli.RunAsync(workspace.Path, "query", "markerold", "--json", "--limit", "0");

        Assert.True(next.ExitCode == 0, next.Error);
        Assert.Contains("indexing", next.Error, StringComparison.Ordinal);
        Assert.Contains($"\"totalHits\":{Documents}", next.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_WhileAnotherProcessIndexesANewIndex_AnswersFromItsLastCommitAtOnce()
    {
        using var workspace = new TempFolder();
        WriteCorpus(workspace, "docs", Documents, "old");

        using CliProcess indexing = CliProcess.Start(workspace.Path, "index", "docs", "--index", "idx", "--verbose");
        await indexing.WaitForErrorLineAsync("Opened index");
        RunResult query = await Cli.RunAsync(workspace.Path, "query", "markerold", "--index", "idx", "--json");
        bool stillIndexing = !indexing.HasExited;
        RunResult indexed = await indexing.ExitAsync();

        // No 'seeds' here: the query must answer from the new index's last commit, not look for seeds or wait for the writer.
        Assert.True(query.ExitCode == 0, query.Error);
        Assert.Equal(string.Empty, query.Error);
        Assert.True(stillIndexing, "the indexer finished before the query could run alongside it: the corpus is too small");
        Assert.Equal(0, indexed.ExitCode);
    }

    [Fact]
    public async Task Query_WhileAnotherProcessRebuildsIntoANewFolder_WaitsForItsFirstCommit()
    {
        using var workspace = new TempFolder();
        WriteCorpus(workspace, "docs", Documents, "old");

        using CliProcess rebuild = CliProcess.Start(workspace.Path, "index", "docs", "--index", "idx", "--rebuild", "--verbose");
        await rebuild.WaitForErrorLineAsync("Opened index");
        RunResult query = await Cli.RunAsync(workspace.Path, "query", "markerold", "--index", "idx", "--json", "--limit", "0");
        RunResult rebuilt = await rebuild.ExitAsync();

        Assert.Equal(0, rebuilt.ExitCode);
        Assert.True(query.ExitCode == 0, query.Error);
        Assert.Contains("waiting for its first commit", query.Error, StringComparison.Ordinal);
        Assert.Contains($"\"totalHits\":{Documents}", query.Output, StringComparison.Ordinal);
    }
}

/// <summary>A small tmpfs mounted for one test, where the machine allows mounting (root); unmounted on dispose.</summary>
internal sealed class Tmpfs : IDisposable
{
    private readonly string _path;

    private Tmpfs(string path) => _path = path;

    /// <summary>Mounts a tmpfs of <paramref name="bytes"/> at <paramref name="path"/>, or returns null (saying why) when this
    /// process may not mount.</summary>
    public static Tmpfs? TryMount(string path, long bytes, ITestOutputHelper output)
    {
        Directory.CreateDirectory(path);
        long kilobytes = (bytes / 1024) + 1;
        (int code, string error) = Run("mount", "-t", "tmpfs", "-o", string.Create(CultureInfo.InvariantCulture, $"size={kilobytes}k"), "tmpfs", path);
        if (code == 0)
            return new Tmpfs(path);
        output.WriteLine($"No tmpfs could be mounted here ({error.Trim()}); this test needs root to meet a real full disk.");
        return null;
    }

    private static (int Code, string Error) Run(string program, params string[] args)
    {
        try
        {
            using Process process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }

    public void Dispose() => Run("umount", "-l", _path);
}
