using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Search.Indexing;

namespace Search.Querying;

/// <summary>The one filter a search runs with: its date range and its tag filters (<see cref="SearchRequest.Filters"/>)
/// together, so the hits, their count and the facets all see the same documents, and no score changes.</summary>
internal static class RequestFilter
{
    /// <summary>At most this many values per tag in <see cref="SearchRequest.Filters"/>: each is one clause of a boolean
    /// query, which Lucene limits to 1,024.</summary>
    public const int MaxValuesPerTag = 1000;

    /// <summary>The filter for the date range and the tag filters, or null when there is neither.</summary>
    public static Filter? For(Filter? dates, IReadOnlyDictionary<string, IReadOnlyList<string>> tags)
    {
        if (tags.Count == 0)
            return dates;
        // Every named tag must hold one of its values: a group of exact terms per tag, each group required.
        var all = new BooleanQuery();
        foreach ((string name, IReadOnlyList<string> values) in tags)
        {
            var anyValue = new BooleanQuery();
            foreach (string value in values)
                anyValue.Add(new TermQuery(new Term(IndexSchema.TagField(name), value)), Occur.SHOULD);
            all.Add(anyValue, Occur.MUST);
        }
        if (dates is not null)
            all.Add(new ConstantScoreQuery(dates), Occur.MUST);
        return new QueryWrapperFilter(all);
    }

    /// <summary>What is wrong with one entry of <see cref="SearchRequest.Filters"/>, as the end of a sentence, or null.</summary>
    public static string? Problem(string name, IReadOnlyList<string>? values)
    {
        if (name == IndexSchema.Date)
            return "\"date\" is not a tag: narrow dates with DateFrom and DateTo";
        if (TagRules.NameProblem(name) is { } bad)
            return bad;
        if (values is null || values.Count == 0)
            return $"the tag \"{name}\" has no values to filter by; give at least one";
        if (values.Count > MaxValuesPerTag)
            return string.Create(CultureInfo.InvariantCulture, $"the tag \"{name}\" has {values.Count:N0} values to filter by; at most {MaxValuesPerTag:N0} are allowed");
        foreach (string value in values)
        {
            if (TagRules.ValueProblem(name, value) is { } wrong)
                return wrong;
        }
        return null;
    }
}
