using Lucene.Net.Analysis;
using Lucene.Net.QueryParsers.Simple;
using Lucene.Net.Search;
using Search.Indexing;

namespace Search.Querying;

/// <summary>
/// Lucene's simple parser, with words and phrases scored by their best field, prefix and fuzzy terms folded and
/// lower-cased like the index's words (the base leaves them as typed, so <c>Kab*</c> or <c>Zür*</c> would never match)
/// and prefix expansion capped at the top terms instead of failing: this syntax is for untrusted input and never raises.
/// </summary>
internal sealed class SimpleSyntaxParser(Analyzer analyzer, IDictionary<string, float> weights, int maxExpansions)
    : SimpleQueryParser(analyzer, weights)
{
    // Words and phrases score their best field plus a fraction of the others (see Ranking.FieldTieBreaker).
    protected override Query NewDefaultQuery(string text) =>
        BestFields(field => CreateBooleanQuery(field, text, DefaultOperator))!;

    protected override Query NewPhraseQuery(string text, int slop) =>
        BestFields(field => CreatePhraseQuery(field, text, slop))!;

    private DisjunctionMaxQuery? BestFields(Func<string, Query?> build)
    {
        var best = new DisjunctionMaxQuery(Ranking.FieldTieBreaker);
        foreach ((string field, float weight) in m_weights)
        {
            if (build(field) is { } query)
            {
                query.Boost = weight;
                best.Add(query);
            }
        }
        // A word the analyzer drops entirely (a stop word) matches nothing, as in the base parser.
        return best.Disjuncts.Count == 0 ? null : best;
    }

    protected override Query NewPrefixQuery(string text)
    {
        Query query = base.NewPrefixQuery(Normalized(text));
        var capped = new MultiTermQuery.TopTermsScoringBooleanQueryRewrite(maxExpansions);
        foreach (MultiTermQuery prefix in QueryTree.Leaves(query).OfType<MultiTermQuery>())
            prefix.MultiTermRewriteMethod = capped;
        return query;
    }

    protected override Query NewFuzzyQuery(string text, int fuzziness) =>
        base.NewFuzzyQuery(Normalized(text), fuzziness);

    private static string Normalized(string text) => FoldingEnglishAnalyzer.Fold(text, isPattern: false).ToLowerInvariant();
}
