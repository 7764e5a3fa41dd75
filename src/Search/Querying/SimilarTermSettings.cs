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
    /// so 2 is the least that can help, and Lucene's 5 dropped the rare names that tie two stories together.</summary>
    public int MinDocFreq { get; init; } = 2;

    /// <summary>The most words searched for: enough for the several subjects of a story, few enough that its incidental
    /// words do not pull in unrelated ones.</summary>
    public int MaxQueryTerms { get; init; } = 25;

    /// <summary>Words in more than this share of the documents (in percent) are left out, or none when null: BM25 already
    /// gives such words little weight.</summary>
    public int? MaxDocFreqPercent { get; init; }

    /// <summary>Whether each word is boosted by its tf-idf weight in the source document (relative to the best word)
    /// rather than all weighing alike before BM25 scores them.</summary>
    public bool BoostByWeight { get; init; }

    /// <summary>Whether each word is searched in the title (weighing <see cref="Ranking.TitleBoost"/>) and in the body, as in
    /// a query, rather than only in the field where most documents hold it (<c>MoreLikeThis</c>'s own choice, nearly always
    /// the body).</summary>
    public bool TitleAndBody { get; init; } = true;

    /// <summary>Whether words are ranked by term frequency times BM25's idf, the index's own, rather than by Lucene's classic
    /// idf (<c>MoreLikeThis</c> accepts only a classic similarity, so BM25's idf is given through one).</summary>
    public bool Bm25Idf { get; init; } = true;
}
