using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Queries.Mlt;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Search.Indexing;

namespace Search.Querying;

/// <summary>
/// The query behind <see cref="SearchRequest.SimilarTo"/>: the source document's most distinctive title and body words,
/// chosen by Lucene's <see cref="MoreLikeThis"/> on the snapshot the search runs on, as an ordinary query without the
/// document itself, so that dates, sorting, paging and highlighting apply to it as to any other.
/// </summary>
internal static class SimilarDocuments
{
    /// <summary>The query for documents like <paramref name="id"/>, or null when <paramref name="searcher"/>'s snapshot has
    /// no document with that id.</summary>
    public static Query? Like(IndexSearcher searcher, Analyzer analyzer, string id, SimilarTermSettings settings)
    {
        Term idTerm = IndexSchema.IdTerm(id);
        ScoreDoc[] found = searcher.Search(new TermQuery(idTerm), 1).ScoreDocs;
        if (found.Length == 0)
            return null;

        IndexReader reader = searcher.IndexReader;
        // The index keeps no term vectors, so MoreLikeThis re-analyses the stored title and body with the index's analyzer.
        var mlt = new MoreLikeThis(reader, settings.Bm25Idf ? new Bm25IdfSimilarity() : new DefaultSimilarity())
        {
            Analyzer = analyzer,
            FieldNames = [IndexSchema.Title, IndexSchema.Body],
            MinTermFreq = settings.MinTermFreq,
            MinDocFreq = settings.MinDocFreq,
            MaxQueryTerms = settings.MaxQueryTerms,
            ApplyBoost = settings.BoostByWeight,
        };
        if (settings.MaxDocFreqPercent is int percent)
            mlt.SetMaxDocFreqPct(percent);

        var query = new BooleanQuery();
        foreach (BooleanClause clause in ((BooleanQuery)mlt.Like(found[0].Doc)).Clauses)
        {
            var word = (TermQuery)clause.Query;
            if (settings.Fields == SimilarWordFields.MostFrequent)
            {
                query.Add(word, Occur.SHOULD);
                continue;
            }
            var inTitle = new TermQuery(new Term(IndexSchema.Title, word.Term.Bytes)) { Boost = word.Boost * Ranking.TitleBoost };
            var inBody = new TermQuery(new Term(IndexSchema.Body, word.Term.Bytes)) { Boost = word.Boost };
            if (settings.Fields == SimilarWordFields.Sum)
            {
                query.Add(inTitle, Occur.SHOULD);
                query.Add(inBody, Occur.SHOULD);
            }
            else
            {
                query.Add(new DisjunctionMaxQuery([inTitle, inBody], Ranking.FieldTieBreaker), Occur.SHOULD);
            }
        }
        query.Add(new TermQuery(idTerm), Occur.MUST_NOT);
        return query;
    }

    /// <summary>Classic similarity with BM25's idf, so that <see cref="MoreLikeThis"/> (which takes only a classic
    /// similarity) weighs words by the idf the index scores with (<see cref="BM25Similarity"/>'s formula, which it keeps
    /// protected).</summary>
    private sealed class Bm25IdfSimilarity : DefaultSimilarity
    {
        public override float Idf(long docFreq, long numDocs) => (float)Math.Log(1 + ((numDocs - docFreq + 0.5D) / (docFreq + 0.5D)));
    }
}
