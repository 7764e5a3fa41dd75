namespace Search.Tests.Querying;

/// <summary><see cref="SearchResults"/> and its <see cref="SearchHit"/>s: totals, timing and what each hit carries.</summary>
public sealed class SearchResultsTests
{
    private static Task<SearchIndex> Index() => TestDocs.IndexOf(
        TestDocs.Doc("a", "Kabul airport", "Crowds at Kabul airport.", "2021-08-16"),
        TestDocs.Doc("b", "Kabul", "The city fell.", "2021-08-15"),
        TestDocs.Doc("c", "Delhi", "Flights from Kabul arrive.", "2021-08-17"),
        TestDocs.Doc("d", "Kabul again", "More news from Kabul."),
        TestDocs.Doc("e", "Kabul today", "Quiet streets."),
        TestDocs.Doc("f", "Weather", "Rain in Delhi."));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(50)]
    public async Task Search_AnyPageSize_TotalHitsCountsEveryMatch(int size)
    {
        using SearchIndex index = await Index();

        SearchResults results = index.Search(new SearchRequest("kabul") { Size = size });

        Assert.Equal(5, results.TotalHits);
        Assert.Equal(Math.Min(size, 5), results.Hits.Count);
    }

    [Fact]
    public async Task Search_WithOffset_TotalHitsStillCountsEveryMatch()
    {
        using SearchIndex index = await Index();

        SearchResults results = index.Search(new SearchRequest("kabul") { Size = 2, Offset = 4 });

        Assert.Equal(5, results.TotalHits);
        Assert.Single(results.Hits);
    }

    [Fact]
    public async Task Search_WithDateFilter_TotalHitsCountsOnlyFilteredMatches()
    {
        using SearchIndex index = await Index();

        SearchResults results = index.Search(new SearchRequest("kabul") { Size = 1, DateFrom = new DateOnly(2021, 8, 16) });

        Assert.Equal(2, results.TotalHits);
    }

    [Fact]
    public async Task Search_NoMatch_HasZeroTotalAndNoHits()
    {
        using SearchIndex index = await Index();

        SearchResults results = index.Search(new SearchRequest("tokyo"));

        Assert.Equal(0, results.TotalHits);
        Assert.Empty(results.Hits);
        Assert.Null(results.Next);
    }

    [Theory]
    [InlineData("kabul")]
    [InlineData("tokyo")]
    [InlineData("")]
    public async Task Search_AnyQuery_TookIsPositive(string query)
    {
        using SearchIndex index = await Index();

        SearchResults results = index.Search(new SearchRequest(query));

        Assert.True(results.Took > TimeSpan.Zero, $"Took was {results.Took}.");
    }

    [Fact]
    public async Task Search_Hit_CarriesTheStoredDocument()
    {
        using SearchIndex index = await Index();

        SearchResults results = index.Search(new SearchRequest("id:a"));

        SearchHit hit = Assert.Single(results.Hits);
        Assert.Equal("a", hit.Id);
        Assert.Equal("Kabul airport", hit.Title);
        Assert.Equal(new DateOnly(2021, 8, 16), hit.Date);
        Assert.True(hit.Score > 0);
        Assert.Null(hit.Path);
    }

    [Fact]
    public async Task Search_UndatedHit_HasNoDate()
    {
        using SearchIndex index = await Index();

        SearchHit hit = Assert.Single(index.Search(new SearchRequest("id:d")).Hits);

        Assert.Null(hit.Date);
    }

    [Fact]
    public async Task Search_ResultsReflectCommittedChanges()
    {
        using SearchIndex index = await Index();

        await index.DeleteAsync("a");
        await index.UpsertAsync(TestDocs.Doc("g", "Kabul", "New article."));
        await index.CommitAsync();

        SearchResults results = index.Search(new SearchRequest("kabul") { Size = 50 });

        Assert.Equal(5, results.TotalHits);
        Assert.DoesNotContain("a", results.Ids());
        Assert.Contains("g", results.Ids());
    }
}
