namespace Search.Tests;

/// <summary>Small builders for the documents and folders tests need.</summary>
internal static class TestDocs
{
    public static SeedDocument Doc(string id, string title, string body, string? date = null) =>
        new(id, title, body, date is null ? null : DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A committed in-memory index with default options holding <paramref name="documents"/>.</summary>
    public static Task<SearchIndex> IndexOf(params SeedDocument[] documents) => IndexOf(new SearchIndexOptions(), documents);

    /// <summary>A committed in-memory index with <paramref name="options"/> holding <paramref name="documents"/>.</summary>
    public static async Task<SearchIndex> IndexOf(SearchIndexOptions options, params SeedDocument[] documents)
    {
        SearchIndex index = SearchIndex.InMemory(options);
        foreach (SeedDocument document in documents)
            await index.UpsertAsync(document);
        await index.CommitAsync();
        return index;
    }

    /// <summary>The seed article shipped in <c>seeds/</c>, copied next to the test assembly.</summary>
    public static string SeedFolder => Path.Combine(AppContext.BaseDirectory, "seeds");

    public static string SeedFile => Directory.EnumerateFiles(SeedFolder, "*.txt").Single();
}
