using Search.Querying;

namespace Search;

/// <summary>A search: the query and everything optional about how to run it.</summary>
/// <param name="Query">The query text, read with <see cref="Syntax"/>. Empty or <c>*</c> matches every document
/// (useful with a date filter); a query of only negations (<c>-rust</c>, <c>NOT rust</c>) every document but those.
/// Must be empty (<c>""</c>) when <see cref="SimilarTo"/> is set.</param>
public sealed record SearchRequest(string Query)
{
    /// <summary>The id of a document to find documents like ("more like this", related articles), in place of a query: the
    /// hits are the documents that share most of its distinctive title and body words, best first, without the document
    /// itself. <see cref="Query"/> must then be empty. Default <see langword="null"/> (search <see cref="Query"/>).</summary>
    /// <remarks>Dates, sorting, paging (<see cref="Offset"/> and <see cref="After"/>), highlighting (which marks the shared
    /// words) and <see cref="Timeout"/> apply as to any search; <see cref="Syntax"/>, <see cref="Typos"/> and
    /// <see cref="AsYouType"/> have nothing to read and are ignored. The words are picked by Lucene's <c>MoreLikeThis</c>
    /// from the document's stored title and body, on the same snapshot the search runs on; a title match weighs as in a
    /// query. An id the index does not hold gives no hits (<see cref="SearchResults.TotalHits"/> 0), as does a document too
    /// short to have distinctive words: to tell the two apart, <see cref="SearchIndex.Get(string)"/> returns
    /// <see langword="null"/> for an unknown id.</remarks>
    public string? SimilarTo { get; init; }

    /// <summary>How <see cref="Query"/> is read. Default <see cref="QuerySyntax.Lucene"/>.</summary>
    public QuerySyntax Syntax { get; init; } = QuerySyntax.Lucene;

    /// <summary>Whether the words of a <see cref="QuerySyntax.Simple"/> query tolerate typos. Default
    /// <see cref="TypoTolerance.Auto"/>. The Lucene syntax ignores it: there, <c>word~</c> asks for typo tolerance word by
    /// word.</summary>
    public TypoTolerance Typos { get; init; } = TypoTolerance.Auto;

    /// <summary>Whether the last word of a <see cref="QuerySyntax.Simple"/> query also matches as the start of a word
    /// (<c>kab</c> finds Kabul), for result lists that update while a person types. The word must end the query: after a
    /// space it counts as finished. Default <see langword="false"/>. The Lucene syntax ignores it (write <c>kab*</c>).</summary>
    public bool AsYouType { get; init; }

    /// <summary>Only documents dated on or after this day. Default none. Documents without a date are excluded
    /// when either bound is set.</summary>
    public DateOnly? DateFrom { get; init; }

    /// <summary>Only documents dated on or before this day (inclusive). Default none.</summary>
    public DateOnly? DateTo { get; init; }

    /// <summary>Only documents holding, for every tag named, one of its values: <c>["places"] = ["usa", "canada"],
    /// ["topics"] = ["grain"]</c> keeps documents with places usa or canada and topic grain (OR within a tag, AND across
    /// tags). Values are exact, case as given; a tag no document has matches nothing. Filters never change scores. At most
    /// 1,000 values per tag. Default empty: no filter.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters { get; init; } = TagRules.None;

    /// <summary>What to count over every hit (not only this page; with the dates and <see cref="Filters"/> applied): tag
    /// names, and the date histograms <c>date:year</c>, <c>date:month</c> and <c>date:day</c>. The counts come in
    /// <see cref="SearchResults.Facets"/>. Default empty: nothing counted.</summary>
    public IReadOnlyList<string> Facets { get; init; } = [];

    /// <summary>How many values of each tag facet to return, the most frequent. Date histograms are not cut. Default 10,
    /// from 1 to 1,000.</summary>
    public int FacetSize { get; init; } = 10;

    /// <summary>The most values <see cref="FacetSize"/> may ask for.</summary>
    internal const int MaxFacetSize = 1000;

    /// <summary>The order of hits. Default <see cref="SearchSort.Relevance"/>.</summary>
    public SearchSort Sort { get; init; } = SearchSort.Relevance;

    /// <summary>How many hits to return. Default 10; 0 only counts. <c>Offset + Size</c> may not pass
    /// <see cref="SearchIndexOptions.MaxResultWindow"/>.</summary>
    public int Size { get; init; } = 10;

    /// <summary>How many hits to skip, for shallow pages. Default 0. Use <see cref="After"/> for deep paging.</summary>
    public int Offset { get; init; }

    /// <summary>A cursor from <see cref="SearchResults.Next"/>: return the hits after it. Default none.
    /// Cannot be combined with <see cref="Offset"/>; must come from the same query and sort.</summary>
    public string? After { get; init; }

    /// <summary>A time budget for the whole search: finding the hits and highlighting them. When it runs out, the search
    /// returns at once with <see cref="SearchResults.IsPartial"/> set rather than late. Longer than zero when set. Default
    /// none.</summary>
    /// <remarks>If it runs out while finding hits, the hits are those found so far, and none is highlighted. If it runs out
    /// while highlighting, every hit is returned: those highlighted in time as usual, the others with no snippets and no
    /// matches, and a <see cref="SearchHit.HighlightedTitle"/> without tags (still encoded, so it shows safely). A hit is
    /// highlighted whole or not at all. The clock is also read every few hundred words inside one
    /// document, so a very long document cannot hold the answer up for more than a few milliseconds past the budget.</remarks>
    public TimeSpan? Timeout { get; init; }

    /// <summary>How to highlight hits, or <see langword="null"/> for no highlighting (faster). Default: highlighted with
    /// <see cref="HighlightOptions"/>' defaults.</summary>
    public HighlightOptions? Highlight { get; init; } = new();

    /// <summary>Checks every value, before the query is read, so a bad request never reaches Lucene.</summary>
    /// <param name="maxResultWindow">The index's <see cref="SearchIndexOptions.MaxResultWindow"/>.</param>
    /// <exception cref="ArgumentNullException"><see cref="Query"/> or a highlight tag is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number, enum value or <see cref="Timeout"/> is out of range; the
    /// exception names the property.</exception>
    /// <exception cref="ArgumentException"><see cref="Offset"/> is combined with <see cref="After"/>,
    /// <see cref="DateFrom"/> is after <see cref="DateTo"/>, <see cref="SimilarTo"/> is empty or set with a
    /// <see cref="Query"/>, or a filter or facet names no tag or has no values; the exception names the property and the
    /// tag.</exception>
    internal void Validate(int maxResultWindow)
    {
        OptionRules.NotNull(Query, nameof(Query));
        if (SimilarTo is not null)
        {
            OptionRules.NotEmpty(SimilarTo, nameof(SimilarTo), "it is the id of the document to find documents like");
            OptionRules.Empty(Query, nameof(Query), "SimilarTo is set: the hits are the documents like it, and a query cannot be searched as well");
        }
        OptionRules.Between(Size, 0, maxResultWindow, nameof(Size), ", the index's MaxResultWindow");
        OptionRules.AtLeast(Offset, 0, nameof(Offset));
        if ((long)Offset + Size > maxResultWindow)
        {
            throw OptionRules.OutOfRange(nameof(Offset), Offset,
                $"Offset + Size must not pass {maxResultWindow:N0}, the index's MaxResultWindow (was {Offset} + {Size}); page deeper with the After cursor.");
        }
        if (After is not null && Offset > 0)
            throw OptionRules.Invalid(nameof(Offset), $"Offset must be 0 when After is set (was {Offset}); page with one or the other.");
        if (DateFrom > DateTo)
        {
            throw OptionRules.Invalid(nameof(DateFrom), $"DateFrom must not be after DateTo (was {DateFrom:yyyy-MM-dd} to {DateTo:yyyy-MM-dd}).");
        }
        OptionRules.Defined(Sort, nameof(Sort));
        OptionRules.Defined(Syntax, nameof(Syntax));
        OptionRules.Defined(Typos, nameof(Typos));
        // A budget of zero or less would answer every search empty and partial; no budget is null.
        if (Timeout is TimeSpan budget)
            OptionRules.Positive(budget, nameof(Timeout));
        Highlight?.Validate(nameof(Highlight) + ".");
        ValidateFilters();
        ValidateFacets();
    }

    private void ValidateFilters()
    {
        OptionRules.NotNull(Filters, nameof(Filters));
        foreach ((string name, IReadOnlyList<string>? values) in Filters)
        {
            if (RequestFilter.Problem(name, values) is { } problem)
                throw OptionRules.Invalid(nameof(Filters), $"{nameof(Filters)}: {problem}.");
        }
    }

    private void ValidateFacets()
    {
        OptionRules.NotNull(Facets, nameof(Facets));
        foreach (string? name in Facets)
        {
            if (FacetNames.Problem(name) is { } problem)
                throw OptionRules.Invalid(nameof(Facets), $"{nameof(Facets)}: {problem}.");
        }
        OptionRules.Between(FacetSize, 1, MaxFacetSize, nameof(FacetSize));
    }
}
