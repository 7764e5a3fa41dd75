using Orleans.TestingHost;
using Search.Sharding;
using Search.Orleans;

namespace Search.Orleans.Tests;

/// <summary>
/// Silos that stop or die under a sharded index: their shards re-activate on the other silos and reopen their folders, every
/// committed document is still found, and a search that meets a shard in transit either completes or says it is partial.
/// Each test runs its own cluster, since each takes a silo away.
/// </summary>
public sealed class FaultTests
{
    private static readonly SearchRequest Oil = new("oil OR trade") { Size = 20, Facets = ["topics"], Highlight = null };

    [Fact]
    public async Task A_killed_silo_s_shards_come_back_with_every_committed_document()
    {
        await using ShardCluster cluster = await IndexedClusterAsync();
        SearchResults before = await cluster.Index.SearchAsync(Oil);
        (SiloHandle victim, int[] held) = await cluster.SiloWithShardsAsync();

        await cluster.Cluster.KillSiloAsync(victim);

        // Waiting for the shards in transit (ShardWait is 30 s here), the answer is whole again.
        Assert.Equal(200, await cluster.Index.CountAsync());
        SearchResults after = await cluster.Index.SearchAsync(Oil);
        ShardEquivalence.AssertSame(before, after, "after the kill");
        string[] hosts = await cluster.HostsAsync();
        Assert.All(held, shard => Assert.NotEqual(victim.SiloAddress.ToParsableString(), hosts[shard]));
    }

    [Fact]
    public async Task A_search_that_cannot_wait_for_a_shard_says_it_is_partial()
    {
        await using ShardCluster cluster = await IndexedClusterAsync();
        SearchResults whole = await cluster.Index.SearchAsync(Oil);
        (SiloHandle victim, _) = await cluster.SiloWithShardsAsync();
        // A client that waits a third of a second for a shard: whatever it meets in transit is left out, and said to be.
        var impatient = new ShardedSearchIndex(cluster.Cluster.Client, new ShardedSearchIndexOptions { ShardWait = TimeSpan.FromMilliseconds(300) });
        ShardEquivalence.AssertSame(whole, await impatient.SearchAsync(Oil), "the impatient client, before the kill");

        Task kill = cluster.Cluster.KillSiloAsync(victim);
        var answers = new List<SearchResults>();
        while (!kill.IsCompleted || answers.Count < 5)
            answers.Add(await impatient.SearchAsync(Oil));
        await kill;

        foreach (SearchResults answer in answers)
        {
            if (answer.IsPartial)
                Assert.True(answer.TotalHits <= whole.TotalHits, $"partial total {answer.TotalHits} > {whole.TotalHits}");
            else
                ShardEquivalence.AssertSame(whole, answer, "a search during the kill that says it is whole");
        }
        // Once the shards are back, even the impatient client gets the whole answer.
        SearchResults settled = await cluster.Index.SearchAsync(Oil);
        ShardEquivalence.AssertSame(whole, settled, "after the shards came back");
        ShardEquivalence.AssertSame(whole, await impatient.SearchAsync(Oil), "the impatient client, after the shards came back");
    }

    [Fact]
    public async Task A_stopped_silo_hands_its_shards_over_with_writes_committed_before()
    {
        await using ShardCluster cluster = await IndexedClusterAsync();
        (SiloHandle victim, int[] held) = await cluster.SiloWithShardsAsync();
        // A document on a shard of the silo about to stop, written and committed just before.
        string id = IdOn(held, cluster.Shards);
        await cluster.Index.UpsertAsync(new SeedDocument(id, "Quokka sighting", "A quokka was seen near the harbour.", new DateOnly(1987, 6, 1)));
        await cluster.Index.CommitAsync();

        await cluster.Cluster.StopSiloAsync(victim);

        Assert.Equal(201, await cluster.Index.CountAsync());
        SearchResults found = await cluster.Index.SearchAsync(new SearchRequest("quokka"));
        Assert.False(found.IsPartial);
        Assert.Equal(id, Assert.Single(found.Hits).Id);
        Assert.Equal("Quokka sighting", (await cluster.Index.GetAsync(id))?.Title);
    }

    [Fact]
    public async Task A_commit_after_a_silo_died_says_whether_the_writes_it_held_were_lost()
    {
        await using ShardCluster cluster = await IndexedClusterAsync();
        (SiloHandle victim, int[] held) = await cluster.SiloWithShardsAsync();
        string id = IdOn(held, cluster.Shards);
        await cluster.Index.UpsertAsync(new SeedDocument(id, "Wombat burrow", "A wombat dug a burrow.", new DateOnly(1987, 6, 2)));

        await cluster.Cluster.KillSiloAsync(victim);

        // The write reached a shard whose silo went before any commit. An in-process kill may still close the shard (then
        // the write is committed) or not (then it is lost); either way the commit must say which, never pass a lost write
        // off as durable.
        Exception? failed = await Record.ExceptionAsync(() => cluster.Index.CommitAsync());
        SeedDocument? found = await cluster.Index.GetAsync(id);
        if (failed is null)
        {
            Assert.Equal("Wombat burrow", found?.Title);
        }
        else
        {
            Assert.Contains("write them again", Assert.IsType<IndexWriteException>(failed).Message, StringComparison.Ordinal);
            Assert.Null(found);
        }
        // Written again, it is committed.
        await cluster.Index.UpsertAsync(new SeedDocument(id, "Wombat burrow", "A wombat dug a burrow.", new DateOnly(1987, 6, 2)));
        await cluster.Index.CommitAsync();
        Assert.Equal("Wombat burrow", (await cluster.Index.GetAsync(id))?.Title);
    }

    [Fact]
    public async Task A_silo_that_stops_commits_the_writes_it_holds_and_the_next_commit_knows()
    {
        await using ShardCluster cluster = await IndexedClusterAsync();
        (SiloHandle victim, int[] held) = await cluster.SiloWithShardsAsync();
        string id = IdOn(held, cluster.Shards);
        await cluster.Index.UpsertAsync(new SeedDocument(id, "Platypus", "A platypus swam upstream.", new DateOnly(1987, 6, 3)));

        await cluster.Cluster.StopSiloAsync(victim);

        await cluster.Index.CommitAsync();
        Assert.Equal("Platypus", (await cluster.Index.GetAsync(id))?.Title);
        Assert.Equal(201, await cluster.Index.CountAsync());
    }

    private static string IdOn(int[] shards, int count) =>
        Enumerable.Range(0, 10_000).Select(i => $"late/{i}").First(id => shards.Contains(ShardRouting.ShardOf(id, count)));

    [Fact]
    public async Task A_silo_configured_with_another_shard_count_refuses_the_index()
    {
        await using ShardCluster cluster = await IndexedClusterAsync();
        string record = File.ReadAllText(Path.Combine(cluster.Root, "search-shards.json"));
        Assert.Contains("4", record, StringComparison.Ordinal);
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => ShardLayout.Ensure(cluster.Root, 8));
        Assert.Contains("has 4 shards", e.Message, StringComparison.Ordinal);
        Assert.Contains("configured with 8", e.Message, StringComparison.Ordinal);
    }

    private static async Task<ShardCluster> IndexedClusterAsync()
    {
        ShardCluster cluster = await ShardCluster.StartAsync();
        IndexReport report = await cluster.Index.IndexDirectoryAsync(ShardEquivalence.ReutersSample, new DirectorySyncOptions { Metadata = ShardEquivalence.ReutersMetadata });
        Assert.Equal(200, report.Added);
        return cluster;
    }
}
