using System.Collections.Concurrent;

namespace Search.Orleans;

/// <summary>
/// Which open of each shard (<see cref="Search.Sharding.ShardEngine.Opened"/>) a client's uncommitted writes went to,
/// named back at the commit, so that writes lost with a shard whose silo died are reported rather than taken as
/// committed.
/// </summary>
internal sealed class PendingWrites
{
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<string, bool>> _opens = new();

    public void Wrote(int shard, string opened) => _opens.GetOrAdd(shard, _ => new()).TryAdd(opened, true);

    /// <summary>The opens of <paramref name="shard"/> written to since the last commit, forgotten as the commit takes them.</summary>
    public string[] Take(int shard) => _opens.TryRemove(shard, out ConcurrentDictionary<string, bool>? opens) ? [.. opens.Keys] : [];

    public void Clear() => _opens.Clear();
}
