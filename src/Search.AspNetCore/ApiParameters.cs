using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace Search.AspNetCore;

// The query-string parameters, bound as text so that each is checked by SearchRequestReader with a message naming it,
// and described here once for the OpenAPI document.

/// <summary>What to search for: the parameters of <c>/search</c> that <c>/similar</c> lacks.</summary>
internal sealed class QueryTextParameters
{
    [FromQuery(Name = "q"), Description("The query (required). * or an empty query matches every document.")]
    public string? Q { get; init; }

    [FromQuery(Name = "syntax"), Description("lucene (AND/OR/NOT, \"phrases\", prefix*, title:, date:[...]; the default) or simple (never fails; for untrusted input).")]
    public string? Syntax { get; init; }

    [FromQuery(Name = "typos"), Description("auto (the default: with the simple syntax, a rare word also finds words an edit or two away) or off.")]
    public string? Typos { get; init; }

    [FromQuery(Name = "asYouType"), Description("true: the last simple-syntax word also matches as a prefix (a search box searching as the user types).")]
    public string? AsYouType { get; init; }
}

/// <summary>How to choose, order, page and show hits: the parameters <c>/search</c> and <c>/similar</c> share.</summary>
internal sealed class ResultParameters
{
    [FromQuery(Name = "from"), Description("Only documents dated on or after this day, YYYY-MM-DD.")]
    public string? From { get; init; }

    [FromQuery(Name = "to"), Description("Only documents dated on or before this day, YYYY-MM-DD.")]
    public string? To { get; init; }

    [FromQuery(Name = "sort"), Description("relevance (the default), date (newest first) or -date (oldest first).")]
    public string? Sort { get; init; }

    [FromQuery(Name = "limit"), Description("Hits per page, 0 (only count) up to the result window. Default 10.")]
    public string? Limit { get; init; }

    [FromQuery(Name = "offset"), Description("Hits to skip (shallow pages; go deeper with after).")]
    public string? Offset { get; init; }

    [FromQuery(Name = "after"), Description("Continue after this cursor: the next field of the previous page, same query and sort.")]
    public string? After { get; init; }

    [FromQuery(Name = "fragments"), Description("Snippets per hit, 0 to 100. Default 3.")]
    public string? Fragments { get; init; }

    [FromQuery(Name = "fragmentSize"), Description("Longest snippet in characters, 20 to 10000. Default 160.")]
    public string? FragmentSize { get; init; }

    [FromQuery(Name = "facet"), Description("Count the hits by a tag, or by date with date:year, date:month or date:day (repeatable).")]
    public string[]? Facet { get; init; }

    [FromQuery(Name = "facetSize"), Description("Most values per tag facet, 1 to 1000. Default 10.")]
    public string? FacetSize { get; init; }

    [FromQuery(Name = "filter"), Description("Only documents whose tag NAME has VALUE, written NAME:VALUE (repeatable: the same name twice means either value, different names must all hold).")]
    public string[]? Filter { get; init; }
}
