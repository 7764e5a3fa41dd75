using System.Globalization;

namespace Search.AspNetCore;

/// <summary>Turns the query-string parameters into a <see cref="SearchRequest"/>, checking each so that a mistake is
/// answered 400 naming the parameter as the client wrote it, not the library's property.</summary>
internal static class SearchRequestReader
{
    public static SearchRequest Search(QueryTextParameters text, ResultParameters results, int maxResultWindow) =>
        Results(results, new SearchRequest(text.Q ?? throw new ApiParameterException("q", "q is required: the query (* for every document)."))
        {
            Syntax = Choice("syntax", text.Syntax, QuerySyntax.Lucene, ("lucene", QuerySyntax.Lucene), ("simple", QuerySyntax.Simple)),
            Typos = Choice("typos", text.Typos, TypoTolerance.Auto, ("auto", TypoTolerance.Auto), ("off", TypoTolerance.Off)),
            AsYouType = Choice("asYouType", text.AsYouType, false, ("true", true), ("false", false)),
        }, maxResultWindow);

    public static SearchRequest Similar(string id, ResultParameters results, int maxResultWindow) =>
        Results(results, new SearchRequest(string.Empty) { SimilarTo = id }, maxResultWindow);

    /// <summary>Refuses a parameter given twice unless it is repeatable (<c>facet</c>, <c>filter</c>): bound as text,
    /// <c>q=a&amp;q=b</c> would otherwise search for <c>a,b</c>.</summary>
    public static void RefuseRepeated(Microsoft.AspNetCore.Http.IQueryCollection query)
    {
        foreach ((string name, Microsoft.Extensions.Primitives.StringValues values) in query)
        {
            if (values.Count > 1 && name is not ("facet" or "filter"))
                throw new ApiParameterException(name, string.Create(CultureInfo.InvariantCulture, $"{name} may be given once (was given {values.Count} times); only facet and filter repeat."));
        }
    }

    public static int CompletionLimit(string? limit) => Number("limit", limit, 10, 1, 1000);

    private static SearchRequest Results(ResultParameters p, SearchRequest request, int maxResultWindow)
    {
        int limit = Number("limit", p.Limit, 10, 0, maxResultWindow);
        int offset = Number("offset", p.Offset, 0, 0, maxResultWindow);
        string? after = string.IsNullOrEmpty(p.After) ? null : p.After;
        if (offset > 0 && after is not null)
            throw new ApiParameterException("offset", "Use either offset or after, not both.");
        if ((long)offset + limit > maxResultWindow)
        {
            throw new ApiParameterException("offset", string.Create(CultureInfo.InvariantCulture,
                $"offset {offset} with limit {limit} reaches past hit {maxResultWindow}, the deepest offset goes; page further with after and the next cursor."));
        }
        DateOnly? from = Date("from", p.From);
        DateOnly? to = Date("to", p.To);
        if (from > to)
            throw new ApiParameterException("from", string.Create(CultureInfo.InvariantCulture, $"from {from:yyyy-MM-dd} is after to {to:yyyy-MM-dd}: no day can be in that range."));
        return request with
        {
            Size = limit,
            Offset = offset,
            After = after,
            DateFrom = from,
            DateTo = to,
            Sort = Choice("sort", p.Sort, SearchSort.Relevance, ("relevance", SearchSort.Relevance), ("date", SearchSort.DateDescending), ("-date", SearchSort.DateAscending)),
            Filters = Filters(p.Filter ?? []),
            Facets = Facets(p.Facet ?? []),
            FacetSize = Number("facetSize", p.FacetSize, 10, 1, 1000),
            Highlight = new HighlightOptions
            {
                Fragments = Number("fragments", p.Fragments, 3, 0, HighlightOptions.MaxFragments),
                FragmentSize = Number("fragmentSize", p.FragmentSize, 160, HighlightOptions.MinFragmentSize, HighlightOptions.MaxFragmentSize),
                // The library encodes the text, so only its own <mark> tags are markup: a page may insert these as HTML.
                PreTag = "<mark>",
                PostTag = "</mark>",
                Encode = true,
            },
        };
    }

    private static int Number(string name, string? text, int fallback, int min, int max)
    {
        if (string.IsNullOrEmpty(text))
            return fallback;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            throw new ApiParameterException(name, string.Create(CultureInfo.InvariantCulture,
                $"{name} must be a whole number from {min} to {max} (was '{text}')."));
        }
        return value;
    }

    private static T Choice<T>(string name, string? text, T fallback, params (string Text, T Value)[] choices)
    {
        if (string.IsNullOrEmpty(text))
            return fallback;
        foreach ((string choice, T value) in choices)
        {
            if (choice == text)
                return value;
        }
        throw new ApiParameterException(name, $"{name} must be one of {string.Join(", ", choices.Select(c => c.Text))} (was '{text}').");
    }

    private static DateOnly? Date(string name, string? text)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
            return date;
        throw new ApiParameterException(name, $"{name} must be a date as YYYY-MM-DD (was '{text}').");
    }

    private static Dictionary<string, IReadOnlyList<string>> Filters(string[] texts)
    {
        var filters = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (string text in texts)
        {
            int colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == text.Length - 1)
                throw new ApiParameterException("filter", $"filter takes NAME:VALUE, such as places:usa (was '{text}').");
            string name = text[..colon];
            string value = text[(colon + 1)..];
            if (!filters.TryGetValue(name, out List<string>? values))
                filters[name] = values = [];
            if (!values.Contains(value, StringComparer.Ordinal))
                values.Add(value);
        }
        return filters.ToDictionary(pair => pair.Key, IReadOnlyList<string> (pair) => pair.Value, StringComparer.Ordinal);
    }

    private static List<string> Facets(string[] names)
    {
        var facets = new List<string>();
        foreach (string name in names)
        {
            if (name.Length == 0)
                throw new ApiParameterException("facet", "facet takes a tag name, or date:year, date:month or date:day (was empty).");
            if (!facets.Contains(name, StringComparer.Ordinal))
                facets.Add(name);
        }
        return facets;
    }
}
