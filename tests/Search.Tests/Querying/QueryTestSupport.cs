namespace Search.Tests.Querying;

/// <summary>Small helpers the querying tests share: hit ids, and indexes with non-default options.</summary>
internal static class QueryTestSupport
{
    /// <summary>The ids of the hits, in result order.</summary>
    public static string[] Ids(this SearchResults results) => [.. results.Hits.Select(hit => hit.Id)];

    /// <summary>The ids of the hits, sorted ordinally, for assertions where the order does not matter.</summary>
    public static string[] SortedIds(this SearchResults results) => [.. results.Hits.Select(hit => hit.Id).Order(StringComparer.Ordinal)];

    /// <summary>A comma-separated id list from <c>[InlineData]</c> as a sorted array ("" is none).</summary>
    public static string[] IdList(string ids) =>
        [.. ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal)];

    /// <summary>A committed in-memory index with <paramref name="options"/> holding <paramref name="documents"/>.</summary>
    public static async Task<SearchIndex> IndexWith(SearchIndexOptions options, params SeedDocument[] documents)
    {
        SearchIndex index = SearchIndex.InMemory(options);
        foreach (SeedDocument document in documents)
            await index.UpsertAsync(document);
        await index.CommitAsync();
        return index;
    }
}
