using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Search.Documents;

namespace Search.Indexing;

/// <summary>
/// Reads what a hit shows. With highlighting the body is needed, so the stored document is loaded; without, id,
/// title, date and path come from doc values, which skips decompressing a stored-fields block per hit (the largest
/// cost of a top-10 search in Lucene.Net 4.8). Segments written before titles had doc values fall back to stored fields.
/// </summary>
internal sealed class HitReader(IndexSearcher searcher, bool withBody)
{
    private readonly BytesRef _scratch = new();

    public (SeedDocument Document, string? Path) Read(int doc)
    {
        if (!withBody && TryReadValues(doc) is { } values)
            return values;
        Lucene.Net.Documents.Document stored = searcher.Doc(doc, withBody ? IndexSchema.HitFields : IndexSchema.HitFieldsWithoutBody);
        return (IndexSchema.FromLucene(stored), IndexSchema.PathOf(stored));
    }

    private (SeedDocument, string?)? TryReadValues(int doc)
    {
        IList<AtomicReaderContext> leaves = searcher.IndexReader.Leaves;
        AtomicReaderContext leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        AtomicReader reader = leaf.AtomicReader;
        int local = doc - leaf.DocBase;
        BinaryDocValues? titles = reader.GetBinaryDocValues(IndexSchema.Title);
        SortedDocValues? ids = reader.GetSortedDocValues(IndexSchema.Id);
        if (titles is null || ids is null)
            return null;

        ids.Get(local, _scratch);
        string id = _scratch.Utf8ToString();
        titles.Get(local, _scratch);
        string title = _scratch.Utf8ToString();
        DateOnly? date = null;
        if (reader.GetDocsWithField(IndexSchema.Date) is { } dated && dated.Get(local))
            date = DateOnly.FromDayNumber(checked((int)reader.GetNumericDocValues(IndexSchema.Date).Get(local)));
        string? path = null;
        if (reader.GetBinaryDocValues(IndexSchema.Path) is { } paths)
        {
            paths.Get(local, _scratch);
            path = _scratch.Length == 0 ? null : _scratch.Utf8ToString();
        }
        return (new SeedDocument(id, title, string.Empty, date), path);
    }
}
