using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using Search.Orleans;

namespace Search.Orleans.Tests;

/// <summary>
/// A real Orleans cluster in this process (<see cref="TestCluster"/>): three silos holding the shards of one index under a
/// temporary root, with failure detection tuned so that a killed silo is declared dead in seconds, and a client.
/// </summary>
public sealed class ShardCluster : IAsyncDisposable
{
    private readonly TempFolder _root;

    private ShardCluster(TestCluster cluster, TempFolder root, int shards)
    {
        Cluster = cluster;
        _root = root;
        Shards = shards;
        Index = new ShardedSearchIndex(cluster.Client, new ShardedSearchIndexOptions { ShardWait = TimeSpan.FromSeconds(30) });
    }

    public TestCluster Cluster { get; }

    public int Shards { get; }

    public string Root => _root.Path;

    public ShardedSearchIndex Index { get; }

    /// <summary>The silo each shard is active on now, by shard.</summary>
    internal async Task<string[]> HostsAsync() =>
        await Task.WhenAll(Enumerable.Range(0, Shards).Select(shard => Cluster.Client.GetGrain<IShardGrain>(shard).HostAsync()));

    /// <summary>A secondary silo (never the primary, which holds the test cluster's membership) that holds at least one
    /// shard, and the shards it holds; shards are moved off the primary until one does.</summary>
    internal async Task<(SiloHandle Silo, int[] Shards)> SiloWithShardsAsync()
    {
        for (int attempt = 0; ; attempt++)
        {
            string[] hosts = await HostsAsync();
            foreach (SiloHandle silo in Cluster.SecondarySilos)
            {
                int[] held = [.. Enumerable.Range(0, Shards).Where(shard => hosts[shard] == silo.SiloAddress.ToParsableString())];
                if (held.Length > 0)
                    return (silo, held);
            }
            if (attempt == 20)
                throw new InvalidOperationException("No secondary silo took a shard after 20 moves.");
            // Placement is random: deactivate a shard and call it again to place it anew.
            await Cluster.Client.GetGrain<IShardGrain>(attempt % Shards).DeactivateAsync();
            await Task.Delay(100);
        }
    }
    public static async Task<ShardCluster> StartAsync(int silos = 3, int shards = 4)
    {
        var root = new TempFolder();
        var builder = new TestClusterBuilder((short)silos);
        builder.Properties["SearchRoot"] = root.Path;
        builder.Properties["SearchShards"] = shards.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.AddSiloBuilderConfigurator<Configurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        TestCluster cluster = builder.Build();
        await cluster.DeployAsync();
        return new ShardCluster(cluster, root, shards);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        _root.Dispose();
    }

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            IConfiguration configuration = siloBuilder.Configuration;
            siloBuilder.AddSearchShards(options =>
            {
                options.Root = configuration["SearchRoot"]!;
                options.Shards = int.Parse(configuration["SearchShards"]!, System.Globalization.CultureInfo.InvariantCulture);
            });
            // A killed silo is declared dead after a few missed probes a second apart, instead of about half a minute.
            siloBuilder.Configure<ClusterMembershipOptions>(options =>
            {
                options.ProbeTimeout = TimeSpan.FromSeconds(1);
                options.NumMissedProbesLimit = 2;
                options.NumVotesForDeathDeclaration = 1;
                options.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(1);
            });
            // A call caught in flight on a killed silo fails after seconds, not half a minute.
            siloBuilder.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(5));
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(5));
    }
}
