using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Search.Indexing;

namespace Search.Querying;

/// <summary>
/// Puts equal-scoring hits from Lucene's top-score collector (which breaks ties by internal doc number, an accident
/// of segment layout) into id order, the relevance order <see cref="HitOrder"/> defines, without paying
/// for that sort on every hit collected. Equal scores are common: near-duplicate articles score alike. The collector
/// is asked for <see cref="Slack"/> more hits than needed, so a tie group that straddles the end of the page is
/// usually collected whole.
/// </summary>
internal static class RelevanceTies
{
    /// <summary>Extra hits collected beyond the page, to see where the last tie group ends.</summary>
    public const int Slack = 64;

    /// <summary>Orders tie groups by id and returns the first <paramref name="needed"/> hits (and one more when it
    /// exists, to tell that there is a next page), or null when that cannot be exact: the tie group at the end of the
    /// page runs past the collected hits, or ids have no doc values.</summary>
    /// <param name="searcher">The searcher the hits came from.</param>
    /// <param name="hits">Hits in score order, as collected.</param>
    /// <param name="needed">How many leading hits must be exact.</param>
    /// <param name="complete">True when these are all the matching hits, not just the top ones.</param>
    public static ScoreDoc[]? TryOrderById(IndexSearcher searcher, ScoreDoc[] hits, int needed, bool complete)
    {
        int exact = hits.Length;
        if (!complete && hits.Length > needed && needed > 0)
        {
            float boundary = hits[needed - 1].Score;
            exact = needed;
            while (exact < hits.Length && hits[exact].Score == boundary)
                exact++;
            if (exact == hits.Length)
                return null; // the boundary group may continue among the hits not collected
        }

        for (int start = 0; start < Math.Min(exact, needed);)
        {
            int end = start + 1;
            while (end < exact && hits[end].Score == hits[start].Score)
                end++;
            if (end - start > 1 && !SortGroup(searcher, hits, start, end))
                return null;
            start = end;
        }
        return hits.Length > needed + 1 ? hits[..(needed + 1)] : hits;
    }

    private static bool SortGroup(IndexSearcher searcher, ScoreDoc[] hits, int start, int end)
    {
        IList<AtomicReaderContext> leaves = searcher.IndexReader.Leaves;
        var keyed = new (BytesRef Id, ScoreDoc Hit)[end - start];
        for (int i = start; i < end; i++)
        {
            AtomicReaderContext leaf = leaves[ReaderUtil.SubIndex(hits[i].Doc, leaves)];
            SortedDocValues? ids = leaf.AtomicReader.GetSortedDocValues(IndexSchema.Id);
            if (ids is null)
                return false;
            var id = new BytesRef();
            ids.Get(hits[i].Doc - leaf.DocBase, id);
            keyed[i - start] = (id, hits[i]);
        }
        // The order a cursor made from this page continues in.
        Array.Sort(keyed, (a, b) => HitOrder.CompareIds(a.Id, b.Id));
        for (int i = start; i < end; i++)
            hits[i] = keyed[i - start].Hit;
        return true;
    }
}
