namespace Search.Tests.Querying;

/// <summary><see cref="SearchRequest.AsYouType"/>: the last word of a simple query also matches as a prefix.</summary>
public sealed class AsYouTypeTests
{
    private static Task<SearchIndex> Index() => TestDocs.IndexOf(
        TestDocs.Doc("kab", "Kabul airport", "Flights left Kabul."),
        TestDocs.Doc("kan", "Kandahar", "Fighting near Kandahar."),
        TestDocs.Doc("hap", "Happy news", "Happiness all round."),
        TestDocs.Doc("oil", "Oil prices", "Crude oil prices rose."));

    private static string Ids(SearchResults results) => string.Join(',', results.Hits.Select(h => h.Id).Order(StringComparer.Ordinal));

    private static SearchResults Search(SearchIndex index, string query, bool asYouType = true) =>
        index.Search(new SearchRequest(query) { Syntax = QuerySyntax.Simple, AsYouType = asYouType, Typos = TypoTolerance.Off });

    [Theory]
    [InlineData("kab", "kab")]
    [InlineData("ka", "kab,kan")]
    [InlineData("Kand", "kan")]
    [InlineData("happy", "hap")] // a whole word still matches as itself (its stem is "happi")
    [InlineData("oil pri", "oil")]
    [InlineData("airport kab", "kab")]
    public async Task AsYouType_LastWordMatchesAsAPrefix(string query, string expected)
    {
        using SearchIndex index = await Index();

        Assert.Equal(expected, Ids(Search(index, query)));
    }

    [Fact]
    public async Task AsYouType_Off_MatchesWholeWordsOnly()
    {
        using SearchIndex index = await Index();

        Assert.Empty(Search(index, "kab", asYouType: false).Hits);
    }

    [Theory]
    [InlineData("kab ")] // a space ends the word
    [InlineData("kab pri")] // only the last word is a prefix
    public async Task AsYouType_OnlyTheWordBeingTyped_IsAPrefix(string query)
    {
        using SearchIndex index = await Index();

        Assert.DoesNotContain("kab", Search(index, query).Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task AsYouType_NegatedLastWord_ExcludesOnlyTheWord()
    {
        using SearchIndex index = await Index();

        Assert.Equal("hap,kab,kan,oil", Ids(Search(index, "-ka")));
    }

    [Fact]
    public async Task AsYouType_Highlights_TheWordStarted()
    {
        using SearchIndex index = await Index();

        SearchHit hit = Assert.Single(Search(index, "kand").Hits);

        Assert.Equal("<mark>Kandahar</mark>", hit.HighlightedTitle);
    }
}
