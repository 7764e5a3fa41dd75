using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Search.Indexing;

/// <summary>
/// Reads what a hit shows. With highlighting the body is needed, so the stored document is loaded; without, id,
/// title and date come from doc values, which skips decompressing a stored-fields block per hit (the largest cost of a
/// top-10 search in Lucene.Net 4.8). The file path and the tags always come from doc values.
/// </summary>
internal sealed class HitReader(IndexSearcher searcher, bool withBody)
{
    private readonly BytesRef _scratch = new();

    public (SeedDocument Document, string? Path) Read(int doc)
    {
        IList<AtomicReaderContext> leaves = searcher.IndexReader.Leaves;
        AtomicReaderContext leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        AtomicReader reader = leaf.AtomicReader;
        int local = doc - leaf.DocBase;
        SeedDocument document = (withBody ? IndexSchema.FromLucene(searcher.Doc(doc, IndexSchema.HitFields)) : ReadValues(reader, local))
            with { Tags = IndexSchema.TagsOf(reader, local, _scratch) };
        var origins = new SegmentOrigins(reader);
        return (document, origins.Read(local) is { } origin ? origins.FilePath(local, document.Id, origin.Folder) : null);
    }

    private SeedDocument ReadValues(AtomicReader reader, int local)
    {
        reader.GetSortedDocValues(IndexSchema.Id).Get(local, _scratch);
        string id = _scratch.Utf8ToString();
        reader.GetBinaryDocValues(IndexSchema.Title).Get(local, _scratch);
        string title = _scratch.Utf8ToString();
        DateOnly? date = null;
        if (reader.GetDocsWithField(IndexSchema.Date) is { } dated && dated.Get(local))
            date = IndexSchema.DateOf(reader.GetNumericDocValues(IndexSchema.Date).Get(local));
        return new SeedDocument(id, title, string.Empty, date);
    }
}
