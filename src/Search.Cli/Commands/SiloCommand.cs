using System.CommandLine;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Search.Cli.Cluster;
using Search.Orleans;

namespace Search.Cli.Commands;

/// <summary><c>search silo</c>: an Orleans silo holding shards of a sharded index, in the foreground until Ctrl+C or
/// SIGTERM.</summary>
internal static class SiloCommand
{
    public static Command Create(CliHost host)
    {
        var root = new Option<string>("--root")
        {
            Description = "The folder that holds the shards (one index folder each). Every silo of the cluster names the same folder.",
            HelpName = "DIR",
            Required = true,
        };
        Option<int> port = CommonOptions.Number("--port", "The port silos talk to each other on.", 11111, 1, 65535);
        Option<int> gateway = CommonOptions.Number("--gateway", "The port clients (--cluster) connect to.", 30000, 1, 65535);
        port.Required = true;
        gateway.Required = true;
        var join = new Option<string?>("--join")
        {
            Description = "The first silo's HOST:PORT (its --port); leave out on the first silo.",
            HelpName = "HOST:PORT",
        };
        var shards = new Option<int?>("--shards")
        {
            Description = "How many shards the index has, fixed when the index is created under --root. Default: the count recorded there, else 8.",
            HelpName = "N",
        };
        shards.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is int count && (count < 1 || count > SearchShardOptions.MaxShards))
                result.AddError($"--shards takes a whole number from 1 to {SearchShardOptions.MaxShards:N0}.");
        });
        var command = new Command("silo", """
            Run a silo of a cluster on this machine that holds a sharded index, until Ctrl+C or SIGTERM. The first silo
            is started without --join; the others join it. When a joining silo stops or dies, its shards move to the
            others; the first silo holds the cluster's membership and must stay up (across machines, run the silos in
            your own host with a real membership provider and AddSearchShards). Other commands reach the index with
            --cluster HOST:GATEWAY[,HOST:GATEWAY...].

            Examples:
              search silo --root shards --port 11111 --gateway 30000
              search silo --root shards --port 11112 --gateway 30001 --join 127.0.0.1:11111
              search index reuters21578 --cluster 127.0.0.1:30000,127.0.0.1:30001
            """)
        {
            root, port, gateway, join, shards,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(host, host.FullPath(parse.GetValue(root)!), parse.GetValue(port), parse.GetValue(gateway),
            parse.GetValue(join), parse.GetValue(shards), parse.GetValue(CommonOptions.Verbose), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliHost host, string root, int port, int gateway, string? join, int? shardOption, bool verbose,
        CancellationToken cancellationToken)
    {
        if (port == gateway)
            throw new UsageException($"--port and --gateway must differ (both were {port}).");
        IPEndPoint? primary = join is null ? null : ClusterAddress.Parse(join, "--join");
        if (File.Exists(root))
            throw new UsageException($"--root: '{Output.TerminalText.Line(root)}' is a file; give the folder that holds (or is to hold) the shards.");
        // Checked before the silo starts, so another count than the recorded one ends the command with its reason.
        int shards;
        try
        {
            shards = ShardLayout.Ensure(root, shardOption ?? ShardLayout.Recorded(root) ?? new SearchShardOptions().Shards);
        }
        catch (InvalidOperationException e)
        {
            throw new SearchException(e.Message, e);
        }

        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new TextWriterLoggerProvider(host.Error, verbose ? LogLevel.Information : LogLevel.Warning, verbose));
        if (!verbose)
        {
            // Orleans logs what a cluster heals by itself (a peer that died, a call to retry); --verbose shows it.
            builder.Logging.AddFilter("Orleans", LogLevel.Critical);
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        }
        // Signals are the command line's to handle; the silo is stopped below when one arrives.
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(port, gateway, primary);
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = ClusterAddress.ClusterId;
                options.ServiceId = ClusterAddress.ClusterId;
            });
            // A silo that dies is declared dead within seconds, and its shards re-activate on the others.
            silo.Configure<ClusterMembershipOptions>(options =>
            {
                options.ProbeTimeout = TimeSpan.FromSeconds(2);
                options.NumMissedProbesLimit = 2;
                options.NumVotesForDeathDeclaration = 1;
                options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
                options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
            });
            silo.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(10));
            silo.AddSearchShards(options =>
            {
                options.Root = root;
                options.Shards = shards;
                options.Index = IndexOpener.Options(host, verbose);
            });
        });
        using IHost silo = builder.Build();
        using IDisposable? serving = host.Writing();
        try
        {
            await silo.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new SearchException($"The silo could not start on port {port} (gateway {gateway}{(join is null ? "" : $", joining {join}")}): {ErrorReporter.Describe(e)}", e);
        }
        host.Out.WriteLine($"Silo on 127.0.0.1:{port} (gateway 127.0.0.1:{gateway}{(join is null ? "" : $", joined {join}")}) holding shards of the {shards}-shard index in {Output.TerminalText.Line(root)}. Press Ctrl+C to stop.");
        host.Out.Flush();
        await CommandLifetime.WaitForSignalAsync(host, "Stopping: handing the shards over.", cancellationToken).ConfigureAwait(false);
        // A graceful stop deactivates the shards here (each commits and closes its folder) before the others take them.
        await silo.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
