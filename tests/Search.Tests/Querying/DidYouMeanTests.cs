namespace Search.Tests.Querying;

/// <summary><see cref="SearchResults.Suggestion"/>: the query with misspelled words corrected, in its own syntax.</summary>
public sealed class DidYouMeanTests
{
    private static Task<SearchIndex> Index()
    {
        var documents = new List<SeedDocument>
        {
            TestDocs.Doc("afg", "Afghanistan talks", "Talks on Afghanistan resumed in Kabul."),
            TestDocs.Doc("bbk", "Bundesbank rates", "The Bundesbank kept its rates."),
            TestDocs.Doc("stu", "Studies", "Two studies were published."),
            TestDocs.Doc("typo", "Budget", "The goverment budget was cut."),
        };
        // "government" is far more common than the misspelling "goverment".
        for (int i = 0; i < 12; i++)
            documents.Add(TestDocs.Doc($"gov{i}", $"Government news {i}", "The government said so."));
        return TestDocs.IndexOf([.. documents]);
    }

    [Theory]
    [InlineData("afganistan", QuerySyntax.Simple, "afghanistan")]
    [InlineData("afganistan", QuerySyntax.Lucene, "afghanistan")]
    [InlineData("Afganistan talks", QuerySyntax.Simple, "afghanistan talks")]
    [InlineData("bundesbnak -rates", QuerySyntax.Simple, "bundesbank -rates")]
    [InlineData("title:afganistan AND kabul", QuerySyntax.Lucene, "title:afghanistan AND kabul")]
    [InlineData("\"afganistan talks\" OR bundesbnak", QuerySyntax.Lucene, "\"afghanistan talks\" OR bundesbank")]
    [InlineData("goverment", QuerySyntax.Simple, "government")] // in the index, but far less common than its near word
    [InlineData("stuides", QuerySyntax.Simple, "studies")] // a word as written, never its stem ("studi")
    public async Task Search_MisspelledWord_SuggestsTheQueryCorrected(string query, QuerySyntax syntax, string expected)
    {
        using SearchIndex index = await Index();

        Assert.Equal(expected, index.Search(new SearchRequest(query) { Syntax = syntax }).Suggestion);
    }

    [Theory]
    [InlineData("afghanistan talks")]
    [InlineData("government")]
    [InlineData("kabul")]
    [InlineData("zzzzzzzzz")] // nothing near it
    [InlineData("afganistan~")] // a fuzzy term says itself how it matches
    [InlineData("afganist*")]
    [InlineData("id:afganistan")]
    [InlineData("*")]
    public async Task Search_NothingToCorrect_SuggestsNothing(string query)
    {
        using SearchIndex index = await Index();

        Assert.Null(index.Search(new SearchRequest(query)).Suggestion);
        Assert.Null(index.Search(new SearchRequest(query) { Syntax = QuerySyntax.Simple }).Suggestion);
    }

    [Fact]
    public async Task Search_SuggestionWithTyposOff_StillSuggestsWhileFindingNothing()
    {
        using SearchIndex index = await Index();

        SearchResults results = index.Search(new SearchRequest("afganistan") { Syntax = QuerySyntax.Simple, Typos = TypoTolerance.Off });

        Assert.Equal(0, results.TotalHits);
        Assert.Equal("afghanistan", results.Suggestion);
    }
}
