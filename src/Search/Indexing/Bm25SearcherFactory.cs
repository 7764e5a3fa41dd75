using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace Search.Indexing;

/// <summary>Gives every searcher BM25, matching the writer: Lucene's default similarity is TF-IDF,
/// and norms are encoded at index time, so both sides must agree.</summary>
internal sealed class Bm25SearcherFactory : SearcherFactory
{
    public static Similarity Similarity { get; } = new BM25Similarity();

    public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = Similarity };
}
