namespace Search;

/// <summary>One page of hits.</summary>
public sealed record SearchResults
{
    /// <summary>How many documents match in all, not only on this page.</summary>
    public required long TotalHits { get; init; }

    /// <summary>The hits on this page, in the requested order.</summary>
    public required IReadOnlyList<SearchHit> Hits { get; init; }

    /// <summary>A cursor for the next page (pass it as <see cref="SearchRequest.After"/>), or <see langword="null"/>
    /// on the last page.</summary>
    public string? Next { get; init; }

    /// <summary>The <see cref="SearchRequest.Timeout"/> ran out. Either while finding hits: hits and <see cref="TotalHits"/>
    /// cover only the part of the index searched in time, so better hits may be missing, and no hit is highlighted. Or while
    /// highlighting: the hits are complete, but those not highlighted in time have a <see cref="SearchHit.HighlightedTitle"/>
    /// without tags and no <see cref="SearchHit.Snippets"/> or <see cref="SearchHit.Matches"/>.</summary>
    public bool IsPartial { get; init; }

    /// <summary>How long the search took, highlighting included.</summary>
    public TimeSpan Took { get; init; }
}
