using Lucene.Net.Search.Similarities;

namespace Search;

/// <summary>
/// The default ranking, in one place. Each choice was measured on the Cranfield collection with <c>search eval</c>
/// and kept only with a reason that should hold elsewhere (see the README's ranking table).
/// </summary>
internal static class Ranking
{
    /// <summary>How much a title match counts against a body match. Headlines summarise articles, so a title match
    /// should win over an equal body match; but the title is its own field, and BM25 already scores a match in a short
    /// field highly, so a larger boost (2 was the first default) overweighted titles on Cranfield.</summary>
    public const float TitleBoost = 1.25f;

    /// <summary>In natural-language (simple syntax) queries each word scores its best field in full and the other fields at
    /// this fraction (a "best fields" disjunction, Elasticsearch's multi_match default shape), rather than the sum of
    /// both. Headlines are often repeated or restated in the text (Cranfield repeats every title at the start of its
    /// abstract, news leads restate the headline), and summing counted such words twice. Measured on Cranfield: MAP
    /// 0.3140 to 0.3222 at 0.3, with 0.2 and 0.4 close behind.</summary>
    public const float FieldTieBreaker = 0.3f;

    /// <summary>The boost of each "these two query words near each other" clause added to natural-language (simple
    /// syntax) queries: documents where consecutive query words occur close together rank a little higher.</summary>
    public const float ProximityBoost = 0.5f;

    /// <summary>How far apart (in positions) two consecutive query words may be to count as near.</summary>
    public const int ProximitySlop = 3;

    /// <summary>The most word pairs a query gets proximity clauses for, which bounds their cost on long queries.</summary>
    public const int MaxProximityPairs = 32;

    /// <summary>BM25 with Lucene's usual parameters (k1 1.2, b 0.75) on every field; other values measured no better.
    /// Norms are written at index time, so the writer and every searcher use this same instance.</summary>
    public static Similarity Similarity { get; } = new BM25Similarity();
}
