namespace Search.Tests.Indexing;

/// <summary>Tags go in with a document and come back exactly as given (names and values in order, case kept) from
/// <see cref="SearchIndex.Get"/> and from hits, with and without highlighting; the stats count the documents holding each.</summary>
public sealed class TagStorageTests
{
    private static readonly SeedDocument Wheat = new("wheat", "Wheat exports rise", "Wheat and grain exports rose.")
    {
        Tags = new Dictionary<string, IReadOnlyList<string>>
        {
            ["topics"] = ["wheat", "Grain", "wheat"],
            ["places"] = ["usa"],
            ["date_raw"] = ["26-FEB-1987 15:01:01.79"],
        },
    };

    private static readonly SeedDocument Plain = new("plain", "Wheat prices", "No tags here, only wheat.");

    [Fact]
    public async Task Get_TaggedDocument_ReturnsTheTagsAsGivenInOrder()
    {
        using SearchIndex index = await TestDocs.IndexOf(Wheat, Plain);

        SeedDocument stored = index.Get("wheat")!;

        Assert.Equal(Wheat, stored);
        Assert.Equal(["topics", "places", "date_raw"], stored.Tags.Keys);
        Assert.Equal(["wheat", "Grain", "wheat"], stored.Tags["topics"]);
        Assert.Empty(index.Get("plain")!.Tags);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Search_Hits_CarryTheirTags(bool highlight)
    {
        using SearchIndex index = await TestDocs.IndexOf(Wheat, Plain);

        SearchResults results = index.Search(new SearchRequest("wheat") { Highlight = highlight ? new HighlightOptions() : null });

        SearchHit tagged = Assert.Single(results.Hits, hit => hit.Id == "wheat");
        SearchHit plain = Assert.Single(results.Hits, hit => hit.Id == "plain");
        Assert.True(ListEqual(Wheat.Tags, tagged.Tags));
        Assert.Equal(["topics", "places", "date_raw"], tagged.Tags.Keys);
        Assert.Empty(plain.Tags);
        Assert.Equal(highlight, tagged.Snippets.Count > 0);
    }

    [Fact]
    public async Task Upsert_Replacing_ReplacesTheTags()
    {
        using SearchIndex index = await TestDocs.IndexOf(Wheat);

        await index.UpsertAsync(Wheat with { Tags = new Dictionary<string, IReadOnlyList<string>> { ["places"] = ["canada"] } });
        await index.CommitAsync();

        Assert.Equal(["places"], index.Get("wheat")!.Tags.Keys);
        Assert.Equal(0, index.Search(new SearchRequest("places:usa") { Syntax = QuerySyntax.Lucene }).TotalHits);
        Assert.Equal(1, index.Search(new SearchRequest("places:canada") { Syntax = QuerySyntax.Lucene }).TotalHits);
    }

    [Fact]
    public async Task Get_LargestTagsAllowed_RoundTrip()
    {
        // 1,000 values of 256 characters, non-ASCII: far more bytes than one indexed term may hold.
        string[] values = [.. Enumerable.Range(0, 1000).Select(i => i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + new string('é', 252))];
        var big = new SeedDocument("big", "T", "B") { Tags = new Dictionary<string, IReadOnlyList<string>> { ["many"] = values } };
        using SearchIndex index = await TestDocs.IndexOf(big);

        Assert.Equal(big, index.Get("big"));
        Assert.Equal(1, index.Search(new SearchRequest("many:\"0999" + new string('é', 252) + "\"") { Syntax = QuerySyntax.Lucene }).TotalHits);
    }

    [Fact]
    public async Task GetStats_CountsTheLiveDocumentsHoldingEachTag()
    {
        using SearchIndex index = await TestDocs.IndexOf(
            Wheat,
            Plain,
            new SeedDocument("b", "T", "B") { Tags = new Dictionary<string, IReadOnlyList<string>> { ["places"] = ["usa", "canada"] } },
            new SeedDocument("c", "T", "B") { Tags = new Dictionary<string, IReadOnlyList<string>> { ["people"] = ["reagan"] } });
        await index.DeleteAsync("c");
        await index.CommitAsync();

        IndexStats stats = index.GetStats();

        Assert.Equal([new TagCount("date_raw", 1), new TagCount("places", 2), new TagCount("topics", 1)], stats.Tags);
    }

    [Fact]
    public async Task GetStats_NoTags_IsEmpty()
    {
        using SearchIndex index = await TestDocs.IndexOf(Plain);

        Assert.Empty(index.GetStats().Tags);
    }

    private static bool ListEqual(IReadOnlyDictionary<string, IReadOnlyList<string>> expected, IReadOnlyDictionary<string, IReadOnlyList<string>> actual) =>
        expected.Count == actual.Count && expected.All(tag => actual.TryGetValue(tag.Key, out IReadOnlyList<string>? values) && tag.Value.SequenceEqual(values));
}
