using Lucene.Net.Analysis;
using Lucene.Net.QueryParsers.Simple;
using Lucene.Net.Search;

namespace Search.Querying;

/// <summary>
/// Lucene's simple parser, with prefix and fuzzy terms lower-cased (the base leaves them as typed, so
/// <c>Kab*</c> would never match the lower-cased index) and prefix expansion capped at the top terms instead
/// of failing: this syntax is for untrusted input and never raises.
/// </summary>
internal sealed class SimpleSyntaxParser(Analyzer analyzer, IDictionary<string, float> weights, int maxExpansions)
    : SimpleQueryParser(analyzer, weights)
{
    protected override Query NewPrefixQuery(string text)
    {
        Query query = base.NewPrefixQuery(text.ToLowerInvariant());
        var capped = new MultiTermQuery.TopTermsScoringBooleanQueryRewrite(maxExpansions);
        foreach (MultiTermQuery prefix in QueryTree.Leaves(query).OfType<MultiTermQuery>())
            prefix.MultiTermRewriteMethod = capped;
        return query;
    }

    protected override Query NewFuzzyQuery(string text, int fuzziness) =>
        base.NewFuzzyQuery(text.ToLowerInvariant(), fuzziness);
}
