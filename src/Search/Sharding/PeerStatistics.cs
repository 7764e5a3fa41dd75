namespace Search.Sharding;

/// <summary>
/// What one shard knows of its peers' statistics: each peer's <see cref="ShardTerms"/> by version, fetched when a search
/// names a version it has not seen, and their sum as a <see cref="PeerTermsReader"/>, built once per set of versions. A
/// quiet collection costs each search a comparison of version strings; a commit costs the next search one fetch per
/// shard that changed.
/// </summary>
internal sealed class PeerStatistics(int self, Func<int, CancellationToken, Task<(string Version, byte[] Terms)>> fetch)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, (string Version, ShardTerms Terms)> _known = [];
    private volatile Summed? _summed;

    /// <summary>The peers' statistics at <paramref name="versions"/> (one per shard, this shard's own ignored; empty for a
    /// peer that did not answer, whose last known statistics are used). A peer that has moved on since gives its newer
    /// statistics, which are kept for the searches that name them.</summary>
    public async Task<PeerTermsReader> ForAsync(IReadOnlyList<string> versions, CancellationToken cancellationToken = default)
    {
        string key = string.Join('|', versions.Where((_, shard) => shard != self));
        if (_summed is { } summed && summed.Key == key)
            return summed.Reader;
        var peers = new List<ShardTerms>(versions.Count);
        for (int shard = 0; shard < versions.Count; shard++)
        {
            if (shard == self)
                continue;
            (string Version, ShardTerms Terms) known;
            bool have;
            lock (_lock)
                have = _known.TryGetValue(shard, out known);
            if (!have && versions[shard].Length == 0)
            {
                // A peer that did not answer and was never heard from: nothing to weigh with, and the result is partial.
                peers.Add(ShardTerms.Empty);
                continue;
            }
            if (!have || (versions[shard].Length > 0 && known.Version != versions[shard]))
            {
                (string version, byte[] encoded) = await fetch(shard, cancellationToken).ConfigureAwait(false);
                known = (version, ShardTerms.Decode(encoded));
                lock (_lock)
                    _known[shard] = known;
            }
            peers.Add(known.Terms);
        }
        // Two searches that meet a new set of versions at once may both build it; the later one is kept.
        var reader = new PeerTermsReader(ShardTerms.Sum(peers));
        _summed = new Summed(key, reader);
        return reader;
    }

    private sealed record Summed(string Key, PeerTermsReader Reader);
}
