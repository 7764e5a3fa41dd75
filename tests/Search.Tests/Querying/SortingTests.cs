namespace Search.Tests.Querying;

/// <summary><see cref="SearchSort"/>: relevance, newest first and oldest first, each with the id tiebreak.</summary>
public sealed class SortingTests
{
    // Inserted out of order so that insertion order cannot pass for the sort.
    private static Task<SearchIndex> DatedIndex() => TestDocs.IndexOf(
        TestDocs.Doc("e", "Undated E", "kabul"),
        TestDocs.Doc("b", "August 20", "kabul", "2021-08-20"),
        TestDocs.Doc("c", "Undated C", "kabul"),
        TestDocs.Doc("a", "August 14", "kabul", "2021-08-14"),
        TestDocs.Doc("z", "August 14 too", "kabul", "2021-08-14"),
        TestDocs.Doc("d", "August 1", "kabul", "2021-08-01"),
        TestDocs.Doc("y", "August 14 as well", "kabul", "2021-08-14"),
        TestDocs.Doc("x", "No match", "delhi", "2021-08-15"));

    [Theory]
    [InlineData(SearchSort.DateDescending, "b,a,y,z,d,c,e")]
    [InlineData(SearchSort.DateAscending, "d,a,y,z,b,c,e")]
    public async Task Search_SortedByDate_OrdersByDateThenIdWithUndatedLast(SearchSort sort, string expected)
    {
        using SearchIndex index = await DatedIndex();

        SearchResults results = index.Search(new SearchRequest("kabul") { Sort = sort });

        Assert.Equal(expected.Split(','), results.Ids());
    }

    [Theory]
    [InlineData(SearchSort.DateDescending, "b,x,a,y,z,d,c,e")]
    [InlineData(SearchSort.DateAscending, "d,a,y,z,x,b,c,e")]
    public async Task Search_EmptyQuerySortedByDate_ListsEveryDocumentInDateOrder(SearchSort sort, string expected)
    {
        using SearchIndex index = await DatedIndex();

        SearchResults results = index.Search(new SearchRequest("") { Sort = sort });

        Assert.Equal(expected.Split(','), results.Ids());
    }

    [Theory]
    [InlineData(SearchSort.DateDescending)]
    [InlineData(SearchSort.DateAscending)]
    public async Task Search_SortedByDate_StillReportsRelevanceScores(SearchSort sort)
    {
        using SearchIndex index = await DatedIndex();

        SearchResults results = index.Search(new SearchRequest("kabul") { Sort = sort });

        Assert.All(results.Hits, hit => Assert.True(hit.Score > 0));
    }

    [Fact]
    public async Task Search_SortedByDate_IgnoresRelevance()
    {
        using SearchIndex index = await TestDocs.IndexOf(
            TestDocs.Doc("old", "Kabul Kabul Kabul", "kabul kabul kabul", "2020-01-01"),
            TestDocs.Doc("new", "Elsewhere", "a short note about kabul among many other words", "2021-01-01"));

        Assert.Equal(["new", "old"], index.Search(new SearchRequest("kabul") { Sort = SearchSort.DateDescending }).Ids());
        Assert.Equal(["old", "new"], index.Search(new SearchRequest("kabul") { Sort = SearchSort.DateAscending }).Ids());
        Assert.Equal(["old", "new"], index.Search(new SearchRequest("kabul") { Sort = SearchSort.Relevance }).Ids());
    }

    [Fact]
    public async Task Search_RelevanceTies_AreBrokenByIdAscending()
    {
        using SearchIndex index = await TestDocs.IndexOf(
            TestDocs.Doc("m", "Same", "kabul news"),
            TestDocs.Doc("b", "Same", "kabul news"),
            TestDocs.Doc("z", "Same", "kabul news"),
            TestDocs.Doc("a", "Same", "kabul news"),
            TestDocs.Doc("B", "Same", "kabul news"),
            TestDocs.Doc("a-1", "Same", "kabul news"));

        SearchResults results = index.Search(new SearchRequest("kabul"));

        Assert.Equal(["B", "a", "a-1", "b", "m", "z"], results.Ids());
        Assert.Single(results.Hits.Select(hit => hit.Score).Distinct());
    }

    [Fact]
    public async Task Search_Relevance_PutsBetterMatchesFirstWhateverTheirIds()
    {
        using SearchIndex index = await TestDocs.IndexOf(
            TestDocs.Doc("a", "Weather", "rain in kabul"),
            TestDocs.Doc("b", "Kabul", "kabul kabul"),
            TestDocs.Doc("c", "Kabul airport", "rain"));

        SearchResults results = index.Search(new SearchRequest("kabul"));

        Assert.Equal(["b", "c", "a"], results.Ids());
        Assert.True(results.Hits[0].Score > results.Hits[1].Score);
        Assert.True(results.Hits[1].Score > results.Hits[2].Score);
    }

    [Fact]
    public async Task Search_DefaultSort_IsRelevance()
    {
        using SearchIndex index = await TestDocs.IndexOf(
            TestDocs.Doc("a", "Old", "kabul", "2020-01-01"),
            TestDocs.Doc("b", "Kabul", "kabul", "2019-01-01"));

        Assert.Equal(SearchSort.Relevance, new SearchRequest("kabul").Sort);
        Assert.Equal(["b", "a"], index.Search(new SearchRequest("kabul")).Ids());
    }
}
