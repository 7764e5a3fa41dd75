namespace Search.Tests.Querying;

public class TimeBudgetTests
{
    [Theory]
    [InlineData(SearchSort.Relevance)]
    [InlineData(SearchSort.DateDescending)]
    public async Task Search_GenerousTimeout_ReturnsTheSameCompleteResultsAsWithout(SearchSort sort)
    {
        using SearchIndex index = await TestDocs.IndexOf([.. Enumerable.Range(0, 300).Select(i =>
            TestDocs.Doc($"d{i:D3}", $"Report {i}", $"common words {i % 7} repeated {new string('x', i % 5)}", $"2021-01-{(i % 28) + 1:D2}"))]);
        var request = new SearchRequest("common") { Sort = sort, Size = 25, Highlight = null };

        SearchResults unbounded = index.Search(request);
        SearchResults bounded = index.Search(request with { Timeout = TimeSpan.FromMinutes(1) });

        Assert.False(bounded.IsPartial);
        Assert.False(unbounded.IsPartial);
        Assert.Equal(unbounded.TotalHits, bounded.TotalHits);
        Assert.Equal(unbounded.Hits.Select(h => h.Id), bounded.Hits.Select(h => h.Id));
        Assert.Equal(unbounded.Next, bounded.Next);
    }
}
