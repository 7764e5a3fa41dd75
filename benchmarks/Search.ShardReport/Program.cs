using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Search;
using Search.Benchmarks;
using Search.EmbedReport;
using Search.Orleans;

// The sharded index against one SearchIndex on the same corpus, in the same run: see benchmarks/README.md, "Sharded index".
// Exit 0 with the table, 1 if a configuration finds other hits than one index for a query, 2 for a usage error.
var rest = new List<string>(args);
string? corpusPath = ReportArguments.Take(rest, "--corpus");
int rounds = ReportArguments.TakeCount(rest, "--rounds", 5, minimum: 1);
int warmup = ReportArguments.TakeCount(rest, "--warmup", 5, minimum: 0);
bool twoProcesses = !rest.Remove("--no-processes");
if (rest.Count > 0)
    return ReportArguments.Usage($"Unknown argument '{string.Join(' ', rest)}'. Usage: [--corpus PATH] [--rounds 5] [--warmup 5] [--no-processes]");

Corpus corpus;
try
{
    corpus = Corpus.Load(corpusPath);
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
{
    return ReportArguments.Usage(e.Message);
}
corpus.Announce(Console.Out, Console.Error, chosen: corpusPath is not null);
string queryFile = EmbedQuery.FileFor(corpus.Name);
if (!File.Exists(queryFile))
    return ReportArguments.Usage($"No query set for corpus '{corpus.Name}': write one as {queryFile}.");
List<SearchRequest> requests = [.. EmbedQuery.Load(queryFile).Select(q => new SearchRequest(q.Text) { DateFrom = q.From, DateTo = q.To })];
Console.WriteLine($"{requests.Count} queries, top-10 with highlighting (3 fragments), {warmup} warm-up and {rounds} timed rounds, each query on one index then on the sharded one.");
Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}.");
Console.WriteLine();

string work = Directory.CreateTempSubdirectory("shard-report-").FullName;
try
{
    // A first sync, untimed, so that no configuration pays for compiling the indexing code.
    using (SearchIndex warm = SearchIndex.Open(Path.Combine(work, "warm-up")))
        await warm.IndexDirectoryAsync(corpus.Folder);
    using SearchIndex one = SearchIndex.Open(Path.Combine(work, "one"));
    await one.IndexDirectoryAsync(corpus.Folder);
    var rows = new List<string>();
    var configurations = new List<(string Name, Func<string, Task<Cluster>> Start)>
    {
        ("1 shard, 1 silo", root => InProcessCluster.StartAsync(root, 1)),
        ("2 shards, 1 silo", root => InProcessCluster.StartAsync(root, 2)),
        ("4 shards, 1 silo", root => InProcessCluster.StartAsync(root, 4)),
    };
    if (twoProcesses)
        configurations.Add(("4 shards, 2 silo processes", root => ProcessCluster.StartAsync(root, 4)));
    foreach ((string name, Func<string, Task<Cluster>> start) in configurations)
    {
        string root = Path.Combine(work, $"cluster-{rows.Count}");
        await using Cluster cluster = await start(root);
        // Indexing is paired too: a fresh single index right before the sharded one.
        TimeSpan oneIndexing;
        using (SearchIndex fresh = SearchIndex.Open(Path.Combine(work, $"one-{rows.Count}")))
            oneIndexing = await Timed(() => fresh.IndexDirectoryAsync(corpus.Folder));
        TimeSpan indexing = await Timed(() => cluster.Index.IndexDirectoryAsync(corpus.Folder));
        if (await FirstDifference(one, cluster.Index, requests) is { } difference)
        {
            Console.Error.WriteLine($"{name}: {difference}");
            return 1;
        }
        (double oneMs, double shardedMs) = await PairedLatency(one, cluster.Index, requests, warmup, rounds);
        rows.Add(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {indexing.TotalSeconds:F2} s | {oneIndexing.TotalSeconds:F2} s | {indexing / oneIndexing:F2} | {shardedMs:F2} ms | {oneMs:F2} ms | {shardedMs / oneMs:F2} |"));
    }
    Console.WriteLine();
    Console.WriteLine("| configuration | indexing | one index, just before | ratio | top-10 + highlighting, mean | one index, same rounds | ratio |");
    Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    rows.ForEach(Console.WriteLine);
    return 0;
}
finally
{
    try
    {
        Directory.Delete(work, recursive: true);
    }
    catch (IOException)
    {
        // a silo process still closing a file; the temporary folder goes with the next reboot
    }
}

static async Task<TimeSpan> Timed(Func<Task> run)
{
    long started = Stopwatch.GetTimestamp();
    await run();
    return Stopwatch.GetElapsedTime(started);
}

// The sharded side must find what one index finds; timing anything else would compare different work.
static async Task<string?> FirstDifference(SearchIndex one, ShardedSearchIndex sharded, List<SearchRequest> requests)
{
    foreach (SearchRequest request in requests)
    {
        SearchResults expected = one.Search(request), actual = await sharded.SearchAsync(request);
        if (expected.TotalHits != actual.TotalHits || !expected.Hits.SequenceEqual(actual.Hits))
            return $"'{request.Query}' found other hits than one index ({actual.TotalHits} vs {expected.TotalHits}).";
    }
    return null;
}

// Each query runs on one index, then on the sharded index, so drift on this machine touches both alike; the figure is the
// median over rounds of each round's mean.
static async Task<(double One, double Sharded)> PairedLatency(SearchIndex one, ShardedSearchIndex sharded, List<SearchRequest> requests, int warmup, int rounds)
{
    var oneRounds = new List<double>();
    var shardedRounds = new List<double>();
    for (int round = 0; round < warmup + rounds; round++)
    {
        double oneTotal = 0, shardedTotal = 0;
        foreach (SearchRequest request in requests)
        {
            long started = Stopwatch.GetTimestamp();
            one.Search(request);
            oneTotal += Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            started = Stopwatch.GetTimestamp();
            await sharded.SearchAsync(request);
            shardedTotal += Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        if (round >= warmup)
        {
            oneRounds.Add(oneTotal / requests.Count);
            shardedRounds.Add(shardedTotal / requests.Count);
        }
    }
    return (Median(oneRounds), Median(shardedRounds));
}

static double Median(List<double> values)
{
    values.Sort();
    return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
}


/// <summary>A running cluster holding a sharded index, and the index.</summary>
internal abstract class Cluster : IAsyncDisposable
{
    public abstract ShardedSearchIndex Index { get; }

    public abstract ValueTask DisposeAsync();

    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        int[] ports = [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        listeners.ForEach(l => l.Stop());
        return ports;
    }
}

/// <summary>One silo in this process, searched through its own cluster client.</summary>
internal sealed class InProcessCluster(IHost silo) : Cluster
{
    public override ShardedSearchIndex Index { get; } = new(silo.Services.GetRequiredService<IClusterClient>());

    public static async Task<Cluster> StartAsync(string root, int shards)
    {
        int[] ports = FreePorts(2);
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo.UseLocalhostClustering(ports[0], ports[1]).AddSearchShards(options =>
        {
            options.Root = root;
            options.Shards = shards;
        }));
        IHost host = builder.Build();
        await host.StartAsync();
        return new InProcessCluster(host);
    }

    public override async ValueTask DisposeAsync()
    {
        await silo.StopAsync();
        silo.Dispose();
    }
}

/// <summary>Two `search silo` processes on this machine, searched through a client in this process.</summary>
internal sealed class ProcessCluster(Process[] silos, IHost client) : Cluster
{
    public override ShardedSearchIndex Index { get; } = new(client.Services.GetRequiredService<IClusterClient>());

    public static async Task<Cluster> StartAsync(string root, int shards)
    {
        int[] ports = FreePorts(4);
        Process first = Silo(root, shards, ports[0], ports[1], join: null);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Process second = Silo(root, shards, ports[2], ports[3], join: ports[0]);
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Logging.ClearProviders();
        DateTime giveUp = DateTime.UtcNow.AddMinutes(1);
        builder.UseOrleansClient(c =>
        {
            c.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, ports[1]), new IPEndPoint(IPAddress.Loopback, ports[3]));
            c.Configure<ClusterOptions>(o => o.ClusterId = o.ServiceId = "search");
            c.UseConnectionRetryFilter(async (_, token) =>
            {
                await Task.Delay(500, token);
                return DateTime.UtcNow < giveUp;
            });
        });
        IHost host = builder.Build();
        await host.StartAsync();
        var cluster = new ProcessCluster([first, second], host);
        await Task.Delay(TimeSpan.FromSeconds(2)); // the second silo joins and takes its share of new shards
        return cluster;
    }

    private static Process Silo(string root, int shards, int port, int gateway, int? join)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in (string[])[Path.Combine(AppContext.BaseDirectory, "Search.Cli.dll"), "silo", "--root", root, "--port", $"{port}",
                     "--gateway", $"{gateway}", "--shards", $"{shards}"])
            start.ArgumentList.Add(arg);
        if (join is int primary)
        {
            start.ArgumentList.Add("--join");
            start.ArgumentList.Add($"127.0.0.1:{primary}");
        }
        Process process = Process.Start(start) ?? throw new InvalidOperationException("The silo process did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public override async ValueTask DisposeAsync()
    {
        await client.StopAsync();
        client.Dispose();
        foreach (Process silo in silos)
        {
            using Process kill = Process.Start("kill", ["-s", "TERM", silo.Id.ToString(CultureInfo.InvariantCulture)])!;
            await kill.WaitForExitAsync();
        }
        foreach (Process silo in silos)
        {
            if (!silo.WaitForExit(TimeSpan.FromSeconds(30)))
                silo.Kill(entireProcessTree: true);
            silo.Dispose();
        }
    }
}
