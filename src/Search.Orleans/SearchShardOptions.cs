namespace Search.Orleans;

/// <summary>Where a silo keeps the shards of a sharded index, and how many there are (<see cref="SiloBuilderExtensions.AddSearchShards"/>).</summary>
public sealed class SearchShardOptions
{
    /// <summary>The most shards an index may have.</summary>
    public const int MaxShards = 1024;

    /// <summary>The folder that holds one index folder per shard (<c>shard-0</c>, <c>shard-1</c>, ...) and the record of the
    /// shard count. Every silo of the cluster must name the same folder: a shard re-activates on whichever silo Orleans
    /// picks, and opens its folder there, so across machines this is shared storage. Required.</summary>
    public string Root { get; set; } = "";

    /// <summary>How many shards the index has: fixed when the index is created (the first shard to start records it under
    /// <see cref="Root"/>), since each document's shard is its id's hash modulo this count. A silo configured with another
    /// count than the recorded one refuses to start a shard. From 1 to 1,024; default 8.</summary>
    public int Shards { get; set; } = 8;

    /// <summary>How each shard's index is opened (the RAM buffer, the result window, ...); defaults when
    /// <see langword="null"/>. <see cref="SearchIndexOptions.ReadOnly"/> and <see cref="SearchIndexOptions.Rebuild"/> must
    /// stay off: a shard writes its folder.</summary>
    public SearchIndexOptions? Index { get; set; }

    /// <summary>How long a shard that starts waits for its folder's lock, when the previous activation (on a silo that is
    /// stopping, or was declared dead while it still ran) has not released it yet. Default 30 seconds.</summary>
    public TimeSpan LockWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks every value.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names the property.</exception>
    internal SearchShardOptions Validate()
    {
        if (string.IsNullOrWhiteSpace(Root))
            throw new ArgumentException("SearchShardOptions.Root must name the folder that holds the shards (was empty).", nameof(Root));
        if (Shards is < 1 or > MaxShards)
            throw new ArgumentOutOfRangeException(nameof(Shards), Shards, $"SearchShardOptions.Shards must be from 1 to {MaxShards:N0} (was {Shards}).");
        if (Index is { ReadOnly: true } or { Rebuild: true })
            throw new ArgumentException("SearchShardOptions.Index must not be ReadOnly or Rebuild: each shard writes its own folder.", nameof(Index));
        if (LockWait < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(LockWait), LockWait, "SearchShardOptions.LockWait must not be negative.");
        return this;
    }
}
