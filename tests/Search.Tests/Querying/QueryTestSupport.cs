namespace Search.Tests.Querying;

/// <summary>Small helpers the querying tests share: hit ids in result or sorted order.</summary>
internal static class QueryTestSupport
{
    /// <summary>The ids of the hits, in result order.</summary>
    public static string[] Ids(this SearchResults results) => [.. results.Hits.Select(hit => hit.Id)];

    /// <summary>The ids of the hits, sorted ordinally, for assertions where the order does not matter.</summary>
    public static string[] SortedIds(this SearchResults results) => [.. results.Hits.Select(hit => hit.Id).Order(StringComparer.Ordinal)];

    /// <summary>A comma-separated id list from <c>[InlineData]</c> as a sorted array ("" is none).</summary>
    public static string[] IdList(string ids) =>
        [.. ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal)];
}
