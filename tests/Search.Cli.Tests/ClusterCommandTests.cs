using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Search.Cli.Tests;

/// <summary>
/// <c>search silo</c> and <c>--cluster</c> as a user runs them: two silo processes on this machine, the Reuters sample
/// indexed through them, and every reading command answering byte for byte as a local index of the same folder does;
/// then the second silo is killed with SIGKILL and the answers stay the same, and the first stops on SIGTERM.
/// </summary>
public sealed partial class ClusterCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Two_silos_answer_as_a_local_index_and_lose_nothing_when_one_is_killed()
    {
        using var workspace = new TempFolder();
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, "corpora", "reuters-sample"), Path.Combine(workspace.Path, "news"));
        int[] ports = FreePorts(4);
        string cluster = $"127.0.0.1:{ports[1]},127.0.0.1:{ports[3]}";
        using var first = CliProcess.Start(workspace.Path, "silo", "--root", "shards", "--port", $"{ports[0]}", "--gateway", $"{ports[1]}", "--shards", "8");
        using var second = CliProcess.Start(workspace.Path, "silo", "--root", "shards", "--port", $"{ports[2]}", "--gateway", $"{ports[3]}",
            "--join", $"127.0.0.1:{ports[0]}", "--shards", "8");
        await WaitUntilServingAsync(workspace.Path, $"127.0.0.1:{ports[1]}", first);
        await WaitUntilServingAsync(workspace.Path, $"127.0.0.1:{ports[3]}", second);

        RunResult sharded = await Cli.RunAsync(workspace.Path, "index", "news", "--metadata", "news/meta.tsv", "--cluster", cluster);
        Assert.True(sharded.ExitCode == ExitCodes.Success, sharded.Error);
        RunResult local = await Cli.RunAsync(workspace.Path, "index", "news", "--metadata", "news/meta.tsv", "--index", "local");
        Assert.True(local.ExitCode == ExitCodes.Success, local.Error);
        Assert.Contains("200 added, 0 updated, 0 unchanged, 0 deleted, 0 failed", sharded.Output, StringComparison.Ordinal);
        Assert.Equal(8, Directory.GetDirectories(Path.Combine(workspace.Path, "shards")).Length);

        await AssertSameAnswersAsync(workspace.Path, cluster, "before the kill");

        // SIGKILL: no shutdown at all. Its shards re-activate on the first silo and reopen their folders.
        await second.SignalAsync("KILL");
        await second.ExitAsync();
        await AssertSameAnswersAsync(workspace.Path, $"127.0.0.1:{ports[1]}", "after the second silo was killed");

        await first.SignalAsync("TERM");
        RunResult stopped = await first.ExitAsync();
        Assert.True(stopped.ExitCode == ExitCodes.Success, stopped.Error);
        Assert.Contains("Stopping", stopped.Error, StringComparison.Ordinal);
        Assert.Contains($"Silo on 127.0.0.1:{ports[0]}", stopped.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cluster_that_is_not_there_is_an_error_and_index_with_cluster_is_a_usage_error()
    {
        using var workspace = new TempFolder();
        int[] ports = FreePorts(1);
        RunResult missing = await Cli.RunAsync(workspace.Path, "query", "oil", "--cluster", $"127.0.0.1:{ports[0]}");
        Assert.Equal(ExitCodes.Failure, missing.ExitCode);
        Assert.Contains($"Cannot reach the cluster at 127.0.0.1:{ports[0]}", missing.Error, StringComparison.Ordinal);

        RunResult both = await Cli.RunAsync(workspace.Path, "query", "oil", "--cluster", $"127.0.0.1:{ports[0]}", "--index", "x");
        Assert.Equal(ExitCodes.Usage, both.ExitCode);
        RunResult badAddress = await Cli.RunAsync(workspace.Path, "stats", "--cluster", "nowhere");
        Assert.Equal(ExitCodes.Usage, badAddress.ExitCode);
        Assert.Contains("HOST:PORT", badAddress.Error, StringComparison.Ordinal);
    }

    /// <summary>Every reading command, as JSON, through the cluster and on the local index: the same bytes but for timings.</summary>
    private static async Task AssertSameAnswersAsync(string workspace, string cluster, string when)
    {
        string[][] commands =
        [
            ["query", "oil OR crude", "--json", "--facet", "topics", "--facet", "date:month", "--limit", "15"],
            ["query", "wheat AND export*", "--json", "--sort", "date"],
            ["query", "grian exprts", "--syntax", "simple", "--json", "--filter", "places=usa"],
            ["query", "\"trade deficit\"~2", "--json", "--offset", "3", "--limit", "5"],
            ["similar", "reut-1", "--json"],
            ["get", "reut-1", "--json"],
            ["complete", "oil pr", "--json"],
            ["stats", "--json"],
        ];
        foreach (string[] command in commands)
        {
            RunResult onCluster = await Cli.RunAsync(workspace, [.. command, "--cluster", cluster]);
            RunResult onIndex = await Cli.RunAsync(workspace, [.. command, "--index", "local"]);
            Assert.True(onCluster.ExitCode == ExitCodes.Success, $"{when}, {string.Join(' ', command)}: {onCluster.Error}");
            Assert.True(onIndex.ExitCode == ExitCodes.Success, $"{when}, {string.Join(' ', command)}: {onIndex.Error}");
            if (command[0] == "stats")
            {
                Assert.Contains("\"documents\":200", onCluster.Output, StringComparison.Ordinal);
                continue; // sizes and segments differ: eight indexes are not one
            }
            Assert.True(WithoutTimings(onIndex.Output) == WithoutTimings(onCluster.Output),
                $"{when}, {string.Join(' ', command)}:\nlocal   {onIndex.Output}\ncluster {onCluster.Output}");
        }
    }

    /// <summary>Waits until the silo answers a command through its gateway; fails if it ends first.</summary>
    private static async Task WaitUntilServingAsync(string workspace, string gateway, CliProcess silo)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            Assert.False(silo.HasExited, $"The silo ended: {silo.Error}");
            RunResult stats = await Cli.RunAsync(workspace, "stats", "--cluster", gateway);
            if (stats.ExitCode == ExitCodes.Success)
                return;
            timeout.Token.ThrowIfCancellationRequested();
            await Task.Delay(200, CancellationToken.None);
        }
    }

    private static string WithoutTimings(string json) => TookMs().Replace(json, "\"tookMs\":0");

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    [GeneratedRegex("\"tookMs\":[0-9.]+")]
    private static partial Regex TookMs();
}
