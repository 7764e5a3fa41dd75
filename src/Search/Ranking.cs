using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace Search;

/// <summary>
/// The default ranking, in one place. Each choice was measured on the Cranfield collection with <c>search eval</c>
/// and kept only with a reason that should hold elsewhere (see docs/ranking.md).
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
    /// abstract, news leads restate the headline), and summing counted such words twice; 0.3 measured best on Cranfield
    /// (benchmarks/README.md, "Measurement notes").</summary>
    public const float FieldTieBreaker = 0.3f;

    /// <summary>The boost of each "these two query words near each other" clause added to natural-language (simple
    /// syntax) queries: documents where consecutive query words occur close together rank a little higher.</summary>
    public const float ProximityBoost = 0.5f;

    /// <summary>How far apart (in positions) two consecutive query words may be to count as near.</summary>
    public const int ProximitySlop = 3;

    /// <summary>The most word pairs a query gets proximity clauses for, which bounds their cost on long queries.</summary>
    public const int MaxProximityPairs = 32;

    /// <summary>
    /// Lucene's 33 English stop words plus the pronouns, question words, auxiliaries and other function words that
    /// natural-language queries are full of ("what", "how", "must", "been"): they carry no topic, and measured on
    /// Cranfield, dropping them improved MAP and nDCG@10 (see docs/ranking.md). Matched case-sensitively:
    /// the analyzer lowercases before it drops stop words, and a case-blind set folds each token again on every lookup
    /// (8% of the analyzer's time on Reuters-21578).
    /// </summary>
    public static readonly CharArraySet StopWords = new(LuceneVersion.LUCENE_48,
    [
        .. EnglishAnalyzer.DefaultStopSet.Select(w => w.ToString()!),
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself", "yourselves",
        "he", "him", "his", "himself", "she", "her", "hers", "herself", "its", "itself", "them", "theirs", "themselves",
        "what", "which", "who", "whom", "am", "were", "been", "being", "have", "has", "had", "having", "do", "does",
        "did", "doing", "because", "until", "while", "about", "against", "between", "through", "during", "before",
        "after", "above", "below", "from", "up", "down", "out", "off", "over", "under", "again", "further", "once",
        "here", "when", "where", "why", "how", "all", "any", "both", "each", "few", "more", "most", "other", "some",
        "nor", "only", "own", "same", "so", "than", "too", "very", "can", "just", "should", "now", "would", "could",
        "must", "may", "might", "also",
    ], ignoreCase: false);

    /// <summary>BM25 with Lucene's usual parameters (k1 1.2, b 0.75) on every field; other values measured no better.
    /// Norms are written at index time, so the writer and every searcher use this same instance.</summary>
    public static Similarity Similarity { get; } = new BM25Similarity();
}
