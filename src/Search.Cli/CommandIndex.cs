using Search.Cli.Cluster;

namespace Search.Cli;

/// <summary>
/// The index a reading command works on: a local index folder, or with <c>--cluster</c> the sharded index of a cluster.
/// Both answer alike; only where they are differs, which <see cref="Location"/> names in messages.
/// </summary>
internal abstract class CommandIndex : IAsyncDisposable
{
    /// <summary>The index folder, or "the cluster at HOST:PORT".</summary>
    public abstract string Location { get; }

    public abstract Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<Completion>> CompleteAsync(string text, int size, CancellationToken cancellationToken);

    public abstract Task<SeedDocument?> GetAsync(string id, CancellationToken cancellationToken);

    public abstract Task<IndexStats> GetStatsAsync(CancellationToken cancellationToken);

    /// <summary>The folders whose syncs were left unfinished, for a note beside the answer.</summary>
    public abstract Task<IReadOnlyList<string>> UnfinishedSyncsAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    /// <summary>The cluster <paramref name="cluster"/> names when given (then <paramref name="indexOption"/> must not be),
    /// otherwise the local index <paramref name="openLocal"/> opens.</summary>
    public static async Task<CommandIndex> OpenAsync(CliHost host, string? cluster, string? indexOption, bool verbose,
        Func<string, Task<SearchIndex>> openLocal, CancellationToken cancellationToken)
    {
        if (cluster is null)
        {
            string path = host.IndexPath(indexOption);
            return new Local(await openLocal(path).ConfigureAwait(false), path);
        }
        if (indexOption is not null)
            throw new UsageException("--index and --cluster name two different indexes; give one of them.");
        return new Sharded(await ClusterConnection.ConnectAsync(cluster, host, verbose, sync: null, cancellationToken).ConfigureAwait(false));
    }

    private sealed class Local(SearchIndex index, string path) : CommandIndex
    {
        public override string Location => path;

        public override Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken) => Task.FromResult(index.Search(request));

        public override Task<IReadOnlyList<Completion>> CompleteAsync(string text, int size, CancellationToken cancellationToken) =>
            Task.FromResult(index.Complete(text, size));

        public override Task<SeedDocument?> GetAsync(string id, CancellationToken cancellationToken) => Task.FromResult(index.Get(id));

        public override Task<IndexStats> GetStatsAsync(CancellationToken cancellationToken) => Task.FromResult(index.GetStats());

        public override Task<IReadOnlyList<string>> UnfinishedSyncsAsync(CancellationToken cancellationToken) => Task.FromResult(index.UnfinishedSyncs);

        public override ValueTask DisposeAsync()
        {
            index.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class Sharded(ClusterConnection connection) : CommandIndex
    {
        public override string Location => connection.Description;

        public override Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken) =>
            connection.Index.SearchAsync(request, cancellationToken);

        public override Task<IReadOnlyList<Completion>> CompleteAsync(string text, int size, CancellationToken cancellationToken) =>
            connection.Index.CompleteAsync(text, size, cancellationToken);

        public override Task<SeedDocument?> GetAsync(string id, CancellationToken cancellationToken) => connection.Index.GetAsync(id, cancellationToken);

        public override Task<IndexStats> GetStatsAsync(CancellationToken cancellationToken) => connection.Index.GetStatsAsync(cancellationToken);

        public override async Task<IReadOnlyList<string>> UnfinishedSyncsAsync(CancellationToken cancellationToken)
        {
            // A note beside the answer: a shard that is away must not hold the answer up, nor turn it into an error.
            try
            {
                return (await connection.Index.GetStatsAsync(cancellationToken).WaitAsync(NoteWait, cancellationToken).ConfigureAwait(false)).UnfinishedSyncs;
            }
            catch (Exception e) when (e is TimeoutException or SearchException)
            {
                return [];
            }
        }

        private static readonly TimeSpan NoteWait = TimeSpan.FromSeconds(2);

        public override ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
