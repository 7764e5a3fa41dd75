using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Search.Orleans;

namespace Search.Cli.Cluster;

/// <summary>
/// A client of the cluster that <c>--cluster HOST:GATEWAY,...</c> names, with the sharded index on it: what the commands
/// search, sync, read and serve instead of a local index folder.
/// </summary>
internal sealed class ClusterConnection : IAsyncDisposable
{
    private readonly IHost _client;

    private ClusterConnection(IHost client, string gateways, ShardedSearchIndex index)
    {
        _client = client;
        Gateways = gateways;
        Index = index;
    }

    // How long a command tries to reach a cluster before it says it cannot.
    private static readonly TimeSpan ConnectPatience = TimeSpan.FromSeconds(5);

    /// <summary>The gateways as given, for messages.</summary>
    public string Gateways { get; }

    public ShardedSearchIndex Index { get; }

    /// <summary>How the cluster is named where a command names its index.</summary>
    public string Description => $"the cluster at {Gateways}";

    public static Option<string?> Option() => new("--cluster")
    {
        Description = "Run against the sharded index of a cluster started with 'search silo' (its gateways, HOST:GATEWAY,...) instead of a local index folder.",
        HelpName = "HOST:GATEWAY[,...]",
    };

    /// <summary>Connects to the cluster at <paramref name="gateways"/>.</summary>
    /// <exception cref="UsageException">The gateways are not HOST:PORT.</exception>
    /// <exception cref="SearchException">No gateway answers.</exception>
    public static async Task<ClusterConnection> ConnectAsync(string gateways, CliHost host, bool verbose, SearchIndexOptions? sync,
        CancellationToken cancellationToken)
    {
        System.Net.IPEndPoint[] endpoints = ClusterAddress.ParseList(gateways, "--cluster");
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Logging.ClearProviders();
        if (verbose)
            builder.Logging.AddProvider(new TextWriterLoggerProvider(host.Error, LogLevel.Information, verbose));
        DateTime giveUp = DateTime.UtcNow + ConnectPatience;
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(endpoints);
            // A cluster that is still starting gets a few seconds; one that is not there is an error at once after that,
            // rather than after minutes of retries.
            client.UseConnectionRetryFilter(async (_, token) =>
            {
                if (DateTime.UtcNow >= giveUp)
                    return false;
                await Task.Delay(TimeSpan.FromMilliseconds(500), token).ConfigureAwait(false);
                return true;
            });
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = ClusterAddress.ClusterId;
                options.ServiceId = ClusterAddress.ClusterId;
            });
            // A call to a shard on a silo that just died fails in seconds; the index then waits for the shard elsewhere.
            client.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(10));
            client.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
        });
        IHost client = builder.Build();
        try
        {
            await client.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            client.Dispose();
            throw new SearchException($"Cannot reach the cluster at {gateways}: {ErrorReporter.Describe(e).TrimEnd('.')}. Start a silo with: search silo --root DIR --port 11111 --gateway 30000", e);
        }
        var index = new ShardedSearchIndex(client.Services.GetRequiredService<IClusterClient>(), new ShardedSearchIndexOptions { Sync = sync });
        return new ClusterConnection(client, gateways, index);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _client.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _client.Dispose();
        }
    }
}
