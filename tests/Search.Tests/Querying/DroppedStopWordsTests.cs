namespace Search.Tests.Querying;

/// <summary><see cref="SearchResults.DroppedStopWords"/>: why a query of only stop words matches nothing.</summary>
public sealed class DroppedStopWordsTests
{
    private static Task<SearchIndex> Index() => TestDocs.IndexOf(
        TestDocs.Doc("1", "The day of the flood", "What is the water level? It is high.", "2021-08-01"),
        TestDocs.Doc("2", "The end", "Of the story."));

    [Theory]
    [InlineData("the", QuerySyntax.Lucene, "the")]
    [InlineData("THE", QuerySyntax.Lucene, "THE")]
    [InlineData("what is", QuerySyntax.Lucene, "what|is")]
    [InlineData("\"what is\"", QuerySyntax.Lucene, "what|is")]
    [InlineData("title:the", QuerySyntax.Lucene, "the")]
    [InlineData("the AND of", QuerySyntax.Lucene, "the|of")]
    [InlineData("+the -of", QuerySyntax.Lucene, "the|of")]
    [InlineData("the The the", QuerySyntax.Lucene, "the")]
    [InlineData("What's", QuerySyntax.Lucene, "What's")]
    [InlineData("the", QuerySyntax.Simple, "the")]
    [InlineData("what is", QuerySyntax.Simple, "what|is")]
    [InlineData("\"what is\" | the", QuerySyntax.Simple, "what|is|the")]
    public async Task Search_OnlyStopWords_MatchesNothingAndNamesThem(string query, QuerySyntax syntax, string words)
    {
        using SearchIndex index = await Index();

        SearchResults results = index.Search(new SearchRequest(query) { Syntax = syntax });

        Assert.Equal(0, results.TotalHits);
        Assert.Empty(results.Hits);
        Assert.Equal(words.Split('|'), results.DroppedStopWords);
    }

    [Theory]
    [InlineData("the flood", QuerySyntax.Lucene)]
    [InlineData("what is the flood", QuerySyntax.Simple)]
    [InlineData("*", QuerySyntax.Lucene)]
    public async Task Search_QueryWithSomethingSearchable_NamesNoStopWords(string query, QuerySyntax syntax)
    {
        using SearchIndex index = await Index();

        SearchResults results = index.Search(new SearchRequest(query) { Syntax = syntax });

        Assert.NotEqual(0, results.TotalHits);
        Assert.Empty(results.DroppedStopWords);
    }

    [Theory]
    [InlineData("zanzibar", QuerySyntax.Lucene)]
    [InlineData("the*", QuerySyntax.Lucene)]
    [InlineData("#", QuerySyntax.Lucene)]
    [InlineData("!!! ???", QuerySyntax.Simple)]
    public async Task Search_NoHitsButNotForStopWords_NamesNone(string query, QuerySyntax syntax)
    {
        using SearchIndex index = await Index();

        SearchResults results = index.Search(new SearchRequest(query) { Syntax = syntax });

        Assert.Equal(0, results.TotalHits);
        Assert.Empty(results.DroppedStopWords);
    }

    [Fact]
    public async Task Search_OnlyStopWordsWithDateFilter_StillNamesThem()
    {
        using SearchIndex index = await Index();

        SearchResults results = index.Search(new SearchRequest("the") { DateFrom = new DateOnly(2021, 8, 1) });

        Assert.Equal(0, results.TotalHits);
        Assert.Equal(["the"], results.DroppedStopWords);
    }
}
