namespace Search;

/// <summary>One page of hits.</summary>
/// <remarks>A class without value equality, unlike the records it holds: it reports one run of a search, timing
/// included, so two results are equal only when they are the same object. Compare <see cref="Hits"/> (whose
/// <see cref="SearchHit"/>s compare by value) to compare what two searches found.</remarks>
public sealed class SearchResults
{
    /// <summary>How many documents match in all, not only on this page.</summary>
    public required long TotalHits { get; init; }

    /// <summary>The hits on this page, in the requested order.</summary>
    public required IReadOnlyList<SearchHit> Hits { get; init; }

    /// <summary>A cursor for the next page (pass it as <see cref="SearchRequest.After"/>). Default
    /// <see langword="null"/>: this is the last page.</summary>
    public string? Next { get; init; }

    /// <summary>The <see cref="SearchRequest.Timeout"/> ran out. Either while finding hits: hits and <see cref="TotalHits"/>
    /// cover only the part of the index searched in time, so better hits may be missing, and no hit is highlighted. Or while
    /// highlighting: the hits are complete, but those not highlighted in time have a <see cref="SearchHit.HighlightedTitle"/>
    /// without tags and no <see cref="SearchHit.Snippets"/> or <see cref="SearchHit.Matches"/>. Default
    /// <see langword="false"/>.</summary>
    public bool IsPartial { get; init; }

    /// <summary>The words of a query that matched nothing because every one of its words is a stop word: a word so common
    /// ("the", "what", "is") that the index leaves it out, so no document can match it. As typed, each once, in query
    /// order, for telling a person why there are no hits (<c>"the" is too common to be indexed</c>). Default empty, as it
    /// is whenever the query has anything searchable: in <c>the flood</c> only "flood" is searched, and this stays
    /// empty.</summary>
    public IReadOnlyList<string> DroppedStopWords { get; init; } = [];

    /// <summary>The query with its misspelled words corrected, in the query's own syntax and otherwise as typed, for a
    /// "Did you mean" link: set when a word of the query is in no document, or in very few while a word one or two edits
    /// away (same first letter) is in many more. Corrections are words as written in the documents, lower-cased, never
    /// stems. Default <see langword="null"/>: every word looks right. Words the index holds in many documents are never
    /// checked, so a correctly spelled query pays nothing for this.</summary>
    public string? Suggestion { get; init; }

    /// <summary>The counts of <see cref="SearchRequest.Facets"/>, keyed by each name as requested, over every hit of the
    /// query (not only this page), with its dates and filters. A tag's values come most frequent first, equal counts by value
    /// in ordinal order, at most <see cref="SearchRequest.FacetSize"/>; a tag no hit holds gives an empty list. A date
    /// histogram's buckets come in date order, with every bucket between the first and the last non-empty one (the empty
    /// ones at 0), except that one spanning more than 3,660 buckets (ten years of days) lists only its non-empty buckets;
    /// undated documents are in no bucket. When <see cref="IsPartial"/> is set because time ran out while finding hits, the
    /// counts cover the hits found so far. Default empty: no facets asked.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets { get; init; } = NoFacets;

    /// <summary>No facets: the default of <see cref="Facets"/>.</summary>
    internal static readonly IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> NoFacets =
        new System.Collections.ObjectModel.ReadOnlyDictionary<string, IReadOnlyList<FacetValue>>(new Dictionary<string, IReadOnlyList<FacetValue>>());

    /// <summary>How long the search took, highlighting included.</summary>
    public required TimeSpan Took { get; init; }
}
