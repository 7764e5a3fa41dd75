namespace Search.Tests.Querying;

/// <summary>In the Lucene syntax a tag is a field of exact values: matched as written (case, punctuation, spaces), in
/// groups, prefixes, wildcards and ranges too, and unknown names still fail, listing the tags.</summary>
public sealed class TagQueryTests
{
    private static SeedDocument Doc(string id, string body, string topics, string places = "") => new(id, "Title " + id, body)
    {
        Tags = new Dictionary<string, IReadOnlyList<string>>
        {
            ["topics"] = topics.Split(',', StringSplitOptions.RemoveEmptyEntries),
            ["places"] = places.Split(',', StringSplitOptions.RemoveEmptyEntries),
        },
    };

    private static Task<SearchIndex> Corpus() => TestDocs.IndexOf(
        Doc("a", "wheat harvest", "grain,wheat", "usa"),
        Doc("b", "corn harvest", "Grain,corn", "canada"),
        Doc("c", "currency markets", "money-fx", "usa,uk"),
        Doc("d", "shipping news", "ship", "new zealand"),
        Doc("e", "granite quarry", "grainy"));

    [Theory]
    [InlineData("topics:grain", "a")]
    [InlineData("topics:Grain", "b")]
    [InlineData("topics:GRAIN", "")]
    [InlineData("topics:money-fx", "c")]
    [InlineData("places:(usa OR canada)", "a,b,c")]
    [InlineData("places:usa AND topics:wheat", "a")]
    [InlineData("places:usa -topics:grain", "c")]
    [InlineData("harvest AND places:canada", "b")]
    [InlineData("places:\"new zealand\"", "d")]
    [InlineData("places:new", "")]
    [InlineData("topics:grain*", "a,e")]
    [InlineData("topics:Gr*", "b")]
    [InlineData("topics:gr?in", "a")]
    [InlineData("topics:money-*", "c")]
    [InlineData("topics:[corn TO money-fx]", "a,b,c,e")]
    [InlineData("Topics:wheat", "a")]
    [InlineData("topics:harvest", "")]
    public async Task Search_TagField_MatchesExactValues(string query, string expected)
    {
        using SearchIndex index = await Corpus();

        SearchResults results = index.Search(new SearchRequest(query) { Syntax = QuerySyntax.Lucene });

        Assert.Equal(QueryTestSupport.IdList(expected), results.SortedIds());
    }

    [Fact]
    public async Task Search_TagTermWithHighlighting_HighlightsOnlyTheText()
    {
        using SearchIndex index = await Corpus();

        SearchHit hit = Assert.Single(index.Search(new SearchRequest("harvest AND topics:wheat") { Highlight = new HighlightOptions() }).Hits);

        Assert.Equal("a", hit.Id);
        Assert.Contains("<mark>harvest</mark>", hit.Snippets[0], StringComparison.Ordinal);
        Assert.DoesNotContain("<mark>wheat</mark>", hit.Snippets[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_UnknownField_ListsTheFieldsAndTheTags()
    {
        using SearchIndex index = await Corpus();

        QuerySyntaxException error = Assert.Throws<QuerySyntaxException>(() => index.Search(new SearchRequest("wheat topic:grain")));

        Assert.Contains("Unknown field 'topic'", error.Message, StringComparison.Ordinal);
        Assert.Contains("the tags places, topics", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, error.Position);
    }

    [Fact]
    public async Task Search_TagNameOfNoDocument_IsAnUnknownField()
    {
        using SearchIndex index = await TestDocs.IndexOf(TestDocs.Doc("a", "Title", "Body"));

        QuerySyntaxException error = Assert.Throws<QuerySyntaxException>(() => index.Search(new SearchRequest("topics:grain")));

        Assert.Contains("Unknown field 'topics'", error.Message, StringComparison.Ordinal);
        Assert.Contains("this index has no tags", error.Message, StringComparison.Ordinal);
    }
}
