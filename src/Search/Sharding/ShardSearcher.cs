using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Search.Sharding;

/// <summary>
/// Searches one shard's snapshot as part of the collection: its reader is the shard's segments followed by the peers'
/// statistics (<see cref="PeerTermsReader"/>), so queries are rewritten and weighted with the collection's numbers, and
/// its searches visit only the shard's own segments, so the peers' segment costs nothing per hit.
/// </summary>
internal sealed class ShardSearcher : IndexSearcher
{
    private readonly int _ownLeaves;

    /// <summary>A searcher over <paramref name="view"/>, whose last leaf is the peers' statistics.</summary>
    public ShardSearcher(IndexReader view) : base(view)
    {
        _ownLeaves = view.Leaves.Count - 1;
        Similarity = Ranking.Similarity;
    }

    protected override void Search(IList<AtomicReaderContext> leaves, Weight weight, ICollector collector)
    {
        // The peers' leaf is last: it has no documents to collect.
        base.Search(leaves.Count > _ownLeaves && leaves[^1].Reader is PeerTermsReader ? [.. leaves.Take(_ownLeaves)] : leaves, weight, collector);
    }
}
