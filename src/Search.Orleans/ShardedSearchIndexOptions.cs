namespace Search.Orleans;

/// <summary>How a <see cref="ShardedSearchIndex"/> reaches the shards.</summary>
public sealed class ShardedSearchIndexOptions
{
    /// <summary>How long a call waits for a shard that does not answer (its silo stopped or died, and Orleans is moving it
    /// to another silo) before giving up on it: a search then returns what the other shards found with
    /// <see cref="SearchResults.IsPartial"/> set (a search with a <see cref="SearchRequest.Timeout"/> waits no longer than
    /// that, and a second more to read the page); a write, a count, a completion or the stats throw. Longer than zero; default 20 seconds,
    /// about what Orleans takes by default to declare a silo that died without notice dead.</summary>
    public TimeSpan ShardWait { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How a folder sync reads files (<see cref="SearchIndexOptions.IndexingThreads"/>,
    /// <see cref="SearchIndexOptions.MaxFileBytes"/>, <see cref="SearchIndexOptions.CommitEveryDocuments"/>, the logger).
    /// Defaults when <see langword="null"/>.</summary>
    public SearchIndexOptions? Sync { get; init; }
}
