using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Search.Indexing;

namespace Search.Querying;

/// <summary>
/// Puts equal-scoring hits from Lucene's top-score collector (which breaks ties by internal doc number, an accident
/// of segment layout) into id order, so relevance results are the same as sorting by score then id, without paying
/// for that sort on every hit collected. Equal scores are common: near-duplicate articles score alike.
/// </summary>
internal static class RelevanceTies
{
    /// <summary>Reorders ties in place. Returns false when that cannot be exact: a tie reaches past the hits that were
    /// collected (the next one might belong before them), or ids have no doc values.</summary>
    /// <param name="searcher">The searcher the hits came from.</param>
    /// <param name="hits">Hits in score order, as collected.</param>
    /// <param name="complete">True when these are all the matching hits, not just the top ones.</param>
    public static bool TryOrderById(IndexSearcher searcher, ScoreDoc[] hits, bool complete)
    {
        // The last collected hit only says whether there is a next page; the hits before it must not tie with it.
        int exact = complete ? hits.Length : hits.Length - 1;
        if (!complete && exact > 0 && hits[exact - 1].Score == hits[exact].Score)
            return false;

        int start = 0;
        while (start < exact)
        {
            int end = start + 1;
            while (end < exact && hits[end].Score == hits[start].Score)
                end++;
            if (end - start > 1 && !SortGroup(searcher, hits, start, end))
                return false;
            start = end;
        }
        return true;
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
        // The same byte order as Lucene's string sort, so a cursor made from this page continues exactly.
        Array.Sort(keyed, (a, b) => BytesRef.UTF8SortedAsUnicodeComparer.Compare(a.Id, b.Id));
        for (int i = start; i < end; i++)
            hits[i] = keyed[i - start].Hit;
        return true;
    }
}
