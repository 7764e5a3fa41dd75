using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Search.Indexing;

namespace Search.Querying;

/// <summary>
/// Adds optional "near each other" clauses to a natural-language query: for each pair of consecutive query words,
/// a sloppy phrase over the body. Documents that keep the words together rank a little higher (the idea of Metzler
/// and Croft's sequential dependence model); documents without them still match through the words alone.
/// </summary>
internal static class ProximityClauses
{
    public static Query AddTo(Query query, Analyzer analyzer, string text)
    {
        List<string> words = Words(analyzer, text);
        if (words.Count < 2)
            return query;
        // The query itself must match: the pairs only reorder what it finds, they never add hits.
        var combined = new BooleanQuery { { query, Occur.MUST } };
        for (int i = 0; i + 1 < words.Count && i < Ranking.MaxProximityPairs; i++)
        {
            if (words[i] == words[i + 1])
                continue;
            var near = new PhraseQuery { Slop = Ranking.ProximitySlop, Boost = Ranking.ProximityBoost };
            near.Add(new Term(IndexSchema.Body, words[i]));
            near.Add(new Term(IndexSchema.Body, words[i + 1]));
            combined.Add(near, Occur.SHOULD);
        }
        return combined;
    }

    private static List<string> Words(Analyzer analyzer, string text)
    {
        var words = new List<string>();
        using TokenStream tokens = analyzer.GetTokenStream(IndexSchema.Body, text);
        ICharTermAttribute term = tokens.AddAttribute<ICharTermAttribute>();
        tokens.Reset();
        while (tokens.IncrementToken() && words.Count <= Ranking.MaxProximityPairs)
            words.Add(term.ToString());
        tokens.End();
        return words;
    }
}
