using static Search.Tests.Querying.QueryTestSupport;

namespace Search.Tests.Querying;

/// <summary>The Lucene query syntax (the default): operators, phrases, wildcards, fields, analysis and guard rails.</summary>
public sealed class QueryParsingTests
{
    private static SeedDocument Doc(string id, string title, string body) => TestDocs.Doc(id, title, body);

    [Fact]
    public async Task Search_TermInTitle_OutranksSameTermInBody()
    {
        // The body-only document has the smaller id, so only the title boost can put the other one first.
        using SearchIndex index = await TestDocs.IndexOf(
            Doc("a", "Market", "Kabul"),
            Doc("b", "Kabul", "Market"));

        SearchResults results = index.Search(new SearchRequest("kabul"));

        Assert.Equal(["b", "a"], results.Ids());
        Assert.True(results.Hits[0].Score > results.Hits[1].Score);
    }

    [Theory]
    [InlineData("kabul AND taliban", "1")]
    [InlineData("kabul && taliban", "1")]
    [InlineData("kabul OR airport", "1,2,3")]
    [InlineData("kabul || airport", "1,2,3")]
    [InlineData("kabul taliban", "1,2,3")]
    [InlineData("kabul NOT taliban", "2")]
    [InlineData("kabul AND NOT taliban", "2")]
    [InlineData("kabul !taliban", "2")]
    [InlineData("+kabul -taliban", "2")]
    [InlineData("+kabul +airport", "2")]
    [InlineData("-kabul airport", "3")]
    [InlineData("(kabul OR taliban) AND airport", "2,3")]
    [InlineData("airport AND NOT (kabul AND airport)", "3")]
    [InlineData("((((kabul)))) AND taliban", "1")]
    public async Task Search_BooleanOperators_MatchTheRightDocuments(string query, string expected)
    {
        using SearchIndex index = await TestDocs.IndexOf(
            Doc("1", "One", "kabul taliban"),
            Doc("2", "Two", "kabul airport"),
            Doc("3", "Three", "taliban airport"));

        Assert.Equal(IdList(expected), index.Search(new SearchRequest(query)).SortedIds());
    }

    [Theory]
    [InlineData("\"kabul airport\"", "p1")]
    [InlineData("\"Kabul Airport\"", "p1")]
    [InlineData("\"kabul airport\"~1", "p1,p2")]
    [InlineData("\"kabul airport\"~2", "p1,p2,p3b")]
    [InlineData("\"kabul airport\"~3", "p1,p2,p3,p3b")]
    [InlineData("\"airport kabul\"", "p3b")]
    [InlineData("body:\"kabul airport\"", "p1")]
    [InlineData("title:\"kabul airport\"", "")]
    public async Task Search_Phrase_MatchesWordsInOrderWithinSlop(string query, string expected)
    {
        using SearchIndex index = await TestDocs.IndexOf(
            Doc("p1", "One", "kabul airport closed"),
            Doc("p2", "Two", "kabul international airport"),
            Doc("p3", "Three", "airport near kabul"),
            Doc("p3b", "Four", "the airport kabul road"));

        Assert.Equal(IdList(expected), index.Search(new SearchRequest(query)).SortedIds());
    }

    [Theory]
    [InlineData("kab*")]
    [InlineData("KAB*")]
    [InlineData("Kab*")]
    [InlineData("k?bul")]
    [InlineData("K*L")]
    [InlineData("kabol~")]
    [InlineData("kabol~1")]
    [InlineData("Kabol~")]
    [InlineData("title:kab*")]
    public async Task Search_PrefixWildcardOrFuzzyTerm_MatchesTheWord(string query)
    {
        using SearchIndex index = await TestDocs.IndexOf(
            Doc("k", "Kabul", "The capital."),
            Doc("x", "Kandahar", "Another city."));

        Assert.Equal(["k"], index.Search(new SearchRequest(query)).Ids());
    }

    [Fact]
    public async Task Search_FuzzyTermTooFarAway_DoesNotMatch()
    {
        using SearchIndex index = await TestDocs.IndexOf(Doc("k", "Kabul", "The capital."));

        Assert.Empty(index.Search(new SearchRequest("kxbxl~1")).Hits);
    }

    [Theory]
    [InlineData("title:kabul", "t")]
    [InlineData("body:kabul", "b")]
    [InlineData("TITLE:kabul", "t")]
    [InlineData("Title:kabul", "t")]
    [InlineData("BODY:kabul", "b")]
    [InlineData("bOdY:kabul", "b")]
    [InlineData("kabul", "b,t")]
    [InlineData("title:(kabul OR market)", "b,t")]
    [InlineData("title:kabul AND body:market", "t")]
    [InlineData("title:kabul AND body:kabul", "")]
    public async Task Search_FieldScope_SearchesOnlyThatField(string query, string expected)
    {
        using SearchIndex index = await TestDocs.IndexOf(
            Doc("t", "Kabul", "Market"),
            Doc("b", "Market", "Kabul"));

        Assert.Equal(IdList(expected), index.Search(new SearchRequest(query)).SortedIds());
    }

    [Theory]
    [InlineData("id:Report-7", "Report-7")]
    [InlineData("ID:Report-7", "Report-7")]
    [InlineData("id:report-7", "")]
    [InlineData("id:Report", "")]
    [InlineData("id:\"2021/000_ef606cd905d48908\"", "2021/000_ef606cd905d48908")]
    [InlineData("id:2021\\/000_ef606cd905d48908", "2021/000_ef606cd905d48908")]
    [InlineData("id:Report-7 OR id:Report-70", "Report-7,Report-70")]
    public async Task Search_IdField_MatchesTheExactIdOnly(string query, string expected)
    {
        using SearchIndex index = await TestDocs.IndexOf(
            Doc("Report-7", "Seven", "Report number seven"),
            Doc("Report-70", "Seventy", "Report number seventy"),
            Doc("2021/000_ef606cd905d48908", "From a file", "Report from a file"));

        Assert.Equal(IdList(expected), index.Search(new SearchRequest(query)).SortedIds());
    }

    [Theory]
    [InlineData("flood")]
    [InlineData("floods")]
    [InlineData("flooded")]
    [InlineData("flooding")]
    [InlineData("FLOOD")]
    [InlineData("\"river flooding\"")]
    public async Task Search_EnglishStemming_FindsOtherFormsOfTheWord(string query)
    {
        using SearchIndex index = await TestDocs.IndexOf(
            Doc("s1", "Floods hit the north", "Many villages are under water after the river floods."),
            Doc("s2", "Rain", "The river flooded the valley."),
            Doc("s3", "Fire season", "Dry weather across the south."));

        SearchResults results = index.Search(new SearchRequest(query));

        Assert.Contains("s2", results.Ids());
        Assert.DoesNotContain("s3", results.Ids());
    }

    [Fact]
    public async Task Search_StemmedQuery_FindsEveryForm()
    {
        using SearchIndex index = await TestDocs.IndexOf(
            Doc("s1", "Floods hit the north", "Villages under water."),
            Doc("s2", "Rain", "The river flooded the valley."),
            Doc("s3", "Fire season", "Dry weather across the south."));

        Assert.Equal(["s1", "s2"], index.Search(new SearchRequest("flood")).SortedIds());
    }

    [Theory]
    [InlineData("the")]
    [InlineData("THE")]
    [InlineData("the a of")]
    [InlineData("title:the")]
    [InlineData("\"the\"")]
    [InlineData("the AND of")]
    public async Task Search_StopWordsOnly_FindsNothingWithoutError(string query)
    {
        using SearchIndex index = await TestDocs.IndexOf(
            Doc("1", "The day of the flood", "The water and the rain."),
            Doc("2", "The end", "Of the story."));

        SearchResults results = index.Search(new SearchRequest(query));

        Assert.Empty(results.Hits);
        Assert.Equal(0, results.TotalHits);
    }

    [Fact]
    public async Task Search_StopWordBesideRealWord_SearchesTheRealWord()
    {
        using SearchIndex index = await TestDocs.IndexOf(
            Doc("1", "The flood", "Water."),
            Doc("2", "The end", "Of the story."));

        Assert.Equal(["1"], index.Search(new SearchRequest("the flood")).Ids());
    }

    [Fact]
    public async Task Search_PrefixWithinExpansionLimit_FindsDocuments()
    {
        using SearchIndex index = await TestDocs.IndexOf(Doc("many", "Words", ManyWords()));

        Assert.Equal(["many"], index.Search(new SearchRequest("aa*")).Ids());
    }

    [Theory]
    [InlineData("aa*")]
    [InlineData("body:aa*")]
    [InlineData("aa?")]
    [InlineData("kabul OR aa*")]
    public async Task Search_TermExpandingPastMaxTermExpansions_ThrowsNamingTheTerm(string query)
    {
        using SearchIndex index = await TestDocs.IndexOf(new SearchIndexOptions { MaxTermExpansions = 5 }, Doc("many", "Words", ManyWords()));

        QuerySyntaxException error = Assert.Throws<QuerySyntaxException>(() => index.Search(new SearchRequest(query)));

        Assert.Contains("aa", error.Message, StringComparison.Ordinal);
        Assert.Equal(query, error.Query);
        Assert.Equal(query.IndexOf("aa", StringComparison.Ordinal), error.Position);
    }

    [Fact]
    public async Task Search_TermExpandingWithinMaxTermExpansions_FindsDocuments()
    {
        using SearchIndex index = await TestDocs.IndexOf(new SearchIndexOptions { MaxTermExpansions = 5 }, Doc("many", "Words", ManyWords()));

        Assert.Equal(["many"], index.Search(new SearchRequest("aa2*")).Ids()); // aa2 and aa20
    }

    [Theory]
    [InlineData("*bul")]
    [InlineData("*BUL")]
    [InlineData("?abul")]
    [InlineData("title:*ul")]
    public async Task Search_LeadingWildcardWhenAllowed_MatchesTheWord(string query)
    {
        using SearchIndex index = await TestDocs.IndexOf(new SearchIndexOptions { AllowLeadingWildcard = true },
            Doc("k", "Kabul", "The capital."),
            Doc("x", "Kandahar", "Another city."));

        Assert.Equal(["k"], index.Search(new SearchRequest(query)).Ids());
    }

    [Fact]
    public async Task Search_NestingAtMaxQueryDepth_Succeeds()
    {
        using SearchIndex index = await TestDocs.IndexOf(Doc("k", "Kabul", "The capital."));

        string query = new string('(', 32) + "kabul" + new string(')', 32);

        Assert.Equal(["k"], index.Search(new SearchRequest(query)).Ids());
    }

    [Fact]
    public async Task Search_ManyTermsWithinMaxClauses_Succeeds()
    {
        using SearchIndex index = await TestDocs.IndexOf(Doc("k", "Kabul", "The capital."));

        string query = "kabul " + string.Join(' ', Enumerable.Range(0, 200).Select(i => "w" + i));

        Assert.Equal(["k"], index.Search(new SearchRequest(query)).Ids());
    }

    [Theory]
    [InlineData("\"a/b\" OR kabul")]
    [InlineData("a\\/b OR kabul")]
    [InlineData("kabul\\:")]
    [InlineData("\"kabul: city\"")]
    public async Task Search_EscapedOrQuotedSpecialCharacters_AreSearchedAsText(string query)
    {
        using SearchIndex index = await TestDocs.IndexOf(Doc("k", "Kabul: city", "The capital."));

        Assert.Equal(["k"], index.Search(new SearchRequest(query)).Ids());
    }

    // aa1 … aa20: two start with "aa2", all twenty with "aa".
    private static string ManyWords() => string.Join(' ', Enumerable.Range(1, 20).Select(i => "aa" + i));
}
