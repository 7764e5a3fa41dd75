using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Search.Indexing;

/// <summary>What the façade reads of the index outside a search (the document count, one stored document, the stats),
/// each from one searcher snapshot of <see cref="IndexStore"/>.</summary>
internal static class SnapshotReader
{
    /// <summary>The documents visible to searches.</summary>
    public static long Count(IndexStore store)
    {
        using SearcherLease lease = store.Lease();
        return lease.Searcher.IndexReader.NumDocs;
    }

    /// <summary>The stored document with <paramref name="id"/>, or <see langword="null"/> if there is none.</summary>
    public static SeedDocument? Find(IndexStore store, string id)
    {
        using SearcherLease lease = store.Lease();
        IndexSearcher searcher = lease.Searcher;
        TopDocs top = searcher.Search(new TermQuery(IndexSchema.IdTerm(id)), 1);
        if (top.ScoreDocs.Length == 0)
            return null;
        int doc = top.ScoreDocs[0].Doc;
        return IndexSchema.FromLucene(searcher.Doc(doc, IndexSchema.HitFields)) with { Tags = IndexSchema.TagsOf(searcher.IndexReader, doc) };
    }

    /// <summary>The stats of the current snapshot.</summary>
    public static IndexStats Stats(IndexStore store)
    {
        using SearcherLease lease = store.Lease();
        IndexReader reader = lease.Searcher.IndexReader;
        (DateOnly From, DateOnly To)? dates = DateRange(reader);
        return new IndexStats
        {
            Documents = reader.NumDocs,
            DateFrom = dates?.From,
            DateTo = dates?.To,
            SizeBytes = store.SizeBytes(),
            Segments = reader.Leaves.Count,
            UnfinishedSyncs = store.UnfinishedSyncs(reader),
            Tags = TagCounts(reader),
        };
    }

    /// <summary><see cref="IndexStats.UnfinishedSyncs"/> alone, read from the commit data.</summary>
    public static IReadOnlyList<string> UnfinishedSyncs(IndexStore store)
    {
        using SearcherLease lease = store.Lease();
        return store.UnfinishedSyncs(lease.Searcher.IndexReader);
    }

    /// <summary>How many live documents hold each tag, from the tags' doc values; tags no live document holds any more (whose
    /// documents were deleted, before a merge drops the field) are left out.</summary>
    private static List<TagCount> TagCounts(IndexReader reader)
    {
        var counts = new List<TagCount>();
        foreach (string name in IndexSchema.TagNames(reader))
        {
            string field = IndexSchema.TagField(name);
            long documents = 0;
            foreach (AtomicReaderContext leaf in reader.Leaves)
            {
                AtomicReader segment = leaf.AtomicReader;
                if (segment.GetDocsWithField(field) is not { } holding)
                    continue;
                IBits? live = segment.LiveDocs;
                for (int doc = 0; doc < segment.MaxDoc; doc++)
                {
                    if (holding.Get(doc) && (live is null || live.Get(doc)))
                        documents++;
                }
            }
            if (documents > 0)
                counts.Add(new TagCount(name, documents));
        }
        return counts;
    }

    /// <summary>The earliest and latest date of the live documents, or null when none has a date. One pass over the date
    /// doc values, which every dated document has for sorting.</summary>
    private static (DateOnly From, DateOnly To)? DateRange(IndexReader reader)
    {
        long first = long.MaxValue, last = long.MinValue;
        foreach (AtomicReaderContext leaf in reader.Leaves)
        {
            AtomicReader segment = leaf.AtomicReader;
            NumericDocValues? days = segment.GetNumericDocValues(IndexSchema.Date);
            IBits? dated = segment.GetDocsWithField(IndexSchema.Date);
            if (days is null || dated is null)
                continue;
            IBits? live = segment.LiveDocs;
            for (int doc = 0; doc < segment.MaxDoc; doc++)
            {
                if (!dated.Get(doc) || (live is not null && !live.Get(doc)))
                    continue;
                long day = days.Get(doc);
                first = Math.Min(first, day);
                last = Math.Max(last, day);
            }
        }
        return first > last ? null : (IndexSchema.DateOf(first), IndexSchema.DateOf(last));
    }
}
