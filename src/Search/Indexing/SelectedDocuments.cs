using Lucene.Net.Index;
using Lucene.Net.Util;

namespace Search.Indexing;

/// <summary>One segment of a reader showing only some of its documents, so that <see cref="IndexWriter.AddIndexes(IndexReader[])"/>
/// copies just those, exactly as they were indexed (stored fields, postings and doc values).</summary>
internal sealed class SelectedDocuments(AtomicReader input, FixedBitSet selected, int count) : FilterAtomicReader(input)
{
    public override IBits LiveDocs => selected;

    public override int NumDocs => count;

    // The caller owns the reader underneath: closing this view must not close it.
    protected override void DoClose()
    {
    }
}
