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
    public static Query? Like(IndexSearcher searcher, Analyzer analyzer, string id, SimilarTermSettings settings) =>
        Words(searcher, analyzer, id, settings) is { } words ? Query(words, id, settings) : null;

    /// <summary>The distinctive words of the document with <paramref name="id"/>, weighted, as <see cref="MoreLikeThis"/>
    /// picks them on <paramref name="searcher"/>'s snapshot; null when it has no document with that id. A sharded index
    /// picks them on the shard that holds the document and searches every shard with them.</summary>
    public static IReadOnlyList<SimilarWord>? Words(IndexSearcher searcher, Analyzer analyzer, string id, SimilarTermSettings settings)
    {
        ScoreDoc[] found = searcher.Search(new TermQuery(IndexSchema.IdTerm(id)), 1).ScoreDocs;
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
        return [.. ((BooleanQuery)mlt.Like(found[0].Doc)).Clauses.Select(clause =>
        {
            var word = (TermQuery)clause.Query;
            return new SimilarWord(word.Term.Field, word.Term.Text, word.Boost);
        })];
    }

    /// <summary>The query for documents like <paramref name="id"/>, given its distinctive <paramref name="words"/>.</summary>
    public static Query Query(IReadOnlyList<SimilarWord> words, string id, SimilarTermSettings settings)
    {
        var query = new BooleanQuery();
        foreach (SimilarWord word in words)
        {
            if (settings.Fields == SimilarWordFields.MostFrequent)
            {
                query.Add(new TermQuery(new Term(word.Field, word.Text)) { Boost = word.Boost }, Occur.SHOULD);
                continue;
            }
            var inTitle = new TermQuery(new Term(IndexSchema.Title, word.Text)) { Boost = word.Boost * Ranking.TitleBoost };
            var inBody = new TermQuery(new Term(IndexSchema.Body, word.Text)) { Boost = word.Boost };
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
        query.Add(new TermQuery(IndexSchema.IdTerm(id)), Occur.MUST_NOT);
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

/// <summary>A word <see cref="MoreLikeThis"/> picked: its field, its indexed form and its weight.</summary>
internal sealed record SimilarWord(string Field, string Text, float Boost);
