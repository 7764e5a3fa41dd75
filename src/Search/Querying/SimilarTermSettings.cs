namespace Search.Querying;

/// <summary>
/// How <see cref="SearchRequest.SimilarTo"/> picks the words of the source document that it searches for, handed to
/// Lucene's <c>MoreLikeThis</c>. The defaults were chosen on Reuters-21578 with the benchmarks' <c>--similar-report</c>
/// (README, "Similar documents", has the figures and the settings tried).
/// </summary>
internal sealed record SimilarTermSettings
{
    /// <summary>The settings every index uses.</summary>
    public static SimilarTermSettings Default { get; } = new();

    /// <summary>How often a word must occur in the source document. A news story of a few hundred words names most of its
    /// distinctive subjects once, so a threshold of 2 (Lucene's default, made for long documents) dropped them.</summary>
    public int MinTermFreq { get; init; } = 1;

    /// <summary>In how many documents a word must occur: a word of the source document alone can match no other document,
    /// so 2 is the least that can help. Lucene's 5 measured a little better on Reuters-21578, but in a small index (tens of
    /// documents) few words are in 5 of them, which would leave almost nothing to search for.</summary>
    public int MinDocFreq { get; init; } = 2;

    /// <summary>The most words searched for: a story has several subjects, and 50 found clearly more related stories than
    /// Lucene's 25, while 100 added almost nothing but cost.</summary>
    public int MaxQueryTerms { get; init; } = 50;

    /// <summary>Words in more than this share of the documents (in percent) are left out, or none when null: on news, the
    /// words that name a whole topic (shares, dividend, oil) are common, and BM25 already gives common words little
    /// weight.</summary>
    public int? MaxDocFreqPercent { get; init; }

    /// <summary>Whether each word is boosted by its tf-idf weight in the source document (relative to the best word)
    /// rather than all weighing alike before BM25 scores them; boosting favoured the source's incidental repeated words.</summary>
    public bool BoostByWeight { get; init; }

    /// <summary>Which fields each word is searched in, and how their scores combine: best field, as in a simple-syntax
    /// query, measured best and highlights titles as a query does.</summary>
    public SimilarWordFields Fields { get; init; } = SimilarWordFields.BestField;

    /// <summary>Whether words are ranked by term frequency times BM25's idf, the index's own, rather than by Lucene's classic
    /// idf (<c>MoreLikeThis</c> accepts only a classic similarity, so BM25's idf is given through one); the two measured
    /// alike.</summary>
    public bool Bm25Idf { get; init; } = true;
}

/// <summary>Which fields a word of <see cref="SearchRequest.SimilarTo"/>'s query is searched in.</summary>
internal enum SimilarWordFields
{
    /// <summary>Only the field where most documents hold it: <c>MoreLikeThis</c>'s own choice, nearly always the body.</summary>
    MostFrequent,

    /// <summary>The title (weighing <see cref="Ranking.TitleBoost"/>) and the body, scores added, as in a Lucene-syntax query.</summary>
    Sum,

    /// <summary>The title (weighing <see cref="Ranking.TitleBoost"/>) and the body, the better field scoring in full and the
    /// other at <see cref="Ranking.FieldTieBreaker"/>, as in a simple-syntax query.</summary>
    BestField,
}
