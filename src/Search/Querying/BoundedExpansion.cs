using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Search.Querying;

/// <summary>
/// Rewrites wildcard, prefix and range terms as Lucene's default does (constant score), after counting the
/// index terms they expand to; past the limit it stops with <see cref="TermExpansionException"/> instead of
/// letting one query scan and match half the dictionary.
/// </summary>
internal sealed class BoundedExpansion(int maxTerms) : MultiTermQuery.RewriteMethod
{
    public override Query Rewrite(IndexReader reader, MultiTermQuery query)
    {
        // Distinct words over all segments, so the limit does not depend on how the index (or a sharded index) is split.
        if (MultiFields.GetTerms(reader, query.Field) is { } terms)
        {
            long count = 0;
            TermsEnum termsEnum = GetTermsEnum(query, terms, new AttributeSource());
            while (termsEnum.MoveNext())
            {
                if (++count > maxTerms)
                    throw new TermExpansionException(query, maxTerms);
            }
        }
        return MultiTermQuery.CONSTANT_SCORE_AUTO_REWRITE_DEFAULT.Rewrite(reader, query);
    }
}

/// <summary>A multi-term query expanded past <see cref="SearchIndexOptions.MaxTermExpansions"/>.</summary>
internal sealed class TermExpansionException(MultiTermQuery query, int limit)
    : Exception(string.Create(CultureInfo.InvariantCulture, $"'{Describe(query)}' matches more than {limit:N0} different words; make it more specific."))
{
    public string Term { get; } = Describe(query);

    private static string Describe(MultiTermQuery query) => query switch
    {
        PrefixQuery prefix => prefix.Prefix.Text + "*",
        WildcardQuery wildcard => wildcard.Term.Text,
        _ => query.ToString(query.Field),
    };
}
