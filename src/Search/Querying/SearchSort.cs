namespace Search;

/// <summary>The order of hits. Every order breaks ties by document id, so a query always gives the same order.</summary>
public enum SearchSort
{
    /// <summary>Best match first (BM25 score).</summary>
    Relevance,

    /// <summary>Newest first; documents without a date come last.</summary>
    DateDescending,

    /// <summary>Oldest first; documents without a date come last.</summary>
    DateAscending,
}
