using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Search.Indexing;

/// <summary>Gives every searcher the library's BM25 ranking (<see cref="Ranking.Similarity"/>), matching the writer:
/// Lucene's default similarity is TF-IDF, and norms are encoded at index time, so both sides must agree.</summary>
internal sealed class RankingSearcherFactory : SearcherFactory
{
    public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = Ranking.Similarity };
}
