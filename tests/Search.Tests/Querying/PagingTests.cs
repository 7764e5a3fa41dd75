namespace Search.Tests.Querying;

/// <summary>Pages by <see cref="SearchRequest.Offset"/> and <see cref="SearchRequest.Size"/>, and deep paging with the
/// <see cref="SearchResults.Next"/> / <see cref="SearchRequest.After"/> cursor.</summary>
public sealed class PagingTests(PagingCorpus corpus) : IClassFixture<PagingCorpus>
{
    private static SearchRequest Request(string query, SearchSort sort, int size) =>
        new(query) { Sort = sort, Size = size, Highlight = null };

    /// <summary>Follows the cursor from the first page to the last, checking each page on the way.</summary>
    private List<string> WalkCursor(SearchRequest first, long expectedTotal)
    {
        var ids = new List<string>();
        SearchRequest request = first;
        for (int pages = 0; ; pages++)
        {
            Assert.True(pages <= PagingCorpus.Count, "The cursor never reached the last page.");
            SearchResults page = corpus.Index.Search(request);
            Assert.Equal(expectedTotal, page.TotalHits);
            ids.AddRange(page.Ids());
            if (page.Next is null)
                return ids;
            Assert.Equal(first.Size, page.Hits.Count);
            request = request with { After = page.Next };
        }
    }

    [Theory]
    [InlineData(SearchSort.Relevance, 37)]
    [InlineData(SearchSort.DateDescending, 37)]
    [InlineData(SearchSort.DateAscending, 37)]
    [InlineData(SearchSort.Relevance, 7)]
    [InlineData(SearchSort.DateDescending, 7)]
    [InlineData(SearchSort.DateAscending, 7)]
    [InlineData(SearchSort.Relevance, 120)] // 1,080 matches: exactly nine full pages
    [InlineData(SearchSort.DateDescending, 120)]
    [InlineData(SearchSort.DateAscending, 120)]
    [InlineData(SearchSort.Relevance, 1000)]
    public void Search_FollowingNextCursor_SeesEveryMatchExactlyOnceInOrder(SearchSort sort, int size)
    {
        List<string> seen = WalkCursor(Request(PagingCorpus.Query, sort, size), corpus.Matching.Count);

        Assert.Equal(PagingCorpus.InOrder(corpus.Matching, sort), seen);
    }

    [Theory]
    [InlineData(SearchSort.Relevance)]
    [InlineData(SearchSort.DateDescending)]
    [InlineData(SearchSort.DateAscending)]
    public void Search_FollowingNextCursorOverEmptyQuery_SeesEveryDocumentExactlyOnce(SearchSort sort)
    {
        List<string> seen = WalkCursor(Request("", sort, 50), PagingCorpus.Count);

        // Every document scores the same against "match all", so relevance order is id order.
        string[] expected = sort == SearchSort.Relevance
            ? [.. corpus.Documents.Select(d => d.Id).Order(StringComparer.Ordinal)]
            : PagingCorpus.InOrder(corpus.Documents, sort);
        Assert.Equal(expected, seen);
    }

    [Theory]
    [InlineData(SearchSort.Relevance)]
    [InlineData(SearchSort.DateDescending)]
    [InlineData(SearchSort.DateAscending)]
    public void Search_FollowingNextCursorWithDateFilter_SeesEveryFilteredMatchExactlyOnce(SearchSort sort)
    {
        var from = new DateOnly(2021, 1, 10);
        var to = new DateOnly(2021, 1, 20);
        var expected = corpus.Matching.Where(d => d.Date >= from && d.Date <= to).ToList();

        List<string> seen = WalkCursor(Request(PagingCorpus.Query, sort, 25) with { DateFrom = from, DateTo = to }, expected.Count);

        Assert.Equal(PagingCorpus.InOrder(expected, sort), seen);
    }

    [Theory]
    [InlineData(SearchSort.Relevance)]
    [InlineData(SearchSort.DateDescending)]
    [InlineData(SearchSort.DateAscending)]
    public void Search_OffsetPages_AreSlicesOfTheFullOrder(SearchSort sort)
    {
        string[] expected = PagingCorpus.InOrder(corpus.Matching, sort);

        for (int offset = 0; offset < 300; offset += 60)
        {
            SearchResults page = corpus.Index.Search(Request(PagingCorpus.Query, sort, 60) with { Offset = offset });

            Assert.Equal(expected.Skip(offset).Take(60), page.Ids());
            Assert.Equal(corpus.Matching.Count, page.TotalHits);
        }
    }

    [Theory]
    [InlineData(SearchSort.Relevance)]
    [InlineData(SearchSort.DateDescending)]
    public void Search_NextFromAnOffsetPage_ContinuesAfterThatPage(SearchSort sort)
    {
        string[] expected = PagingCorpus.InOrder(corpus.Matching, sort);
        SearchResults offsetPage = corpus.Index.Search(Request(PagingCorpus.Query, sort, 20) with { Offset = 40 });

        Assert.NotNull(offsetPage.Next);
        SearchResults next = corpus.Index.Search(Request(PagingCorpus.Query, sort, 20) with { After = offsetPage.Next });

        Assert.Equal(expected.Skip(60).Take(20), next.Ids());
    }

    [Fact]
    public void Search_LastOffsetPage_IsShortAndHasNoNext()
    {
        int total = corpus.Matching.Count;

        SearchResults last = corpus.Index.Search(Request(PagingCorpus.Query, SearchSort.Relevance, 50) with { Offset = total - 30 });

        Assert.Equal(30, last.Hits.Count);
        Assert.Null(last.Next);
    }

    [Fact]
    public void Search_OffsetPastTheLastHit_ReturnsNoHitsButTheTotal()
    {
        SearchResults page = corpus.Index.Search(Request(PagingCorpus.Query, SearchSort.Relevance, 10) with { Offset = 5000 });

        Assert.Empty(page.Hits);
        Assert.Null(page.Next);
        Assert.Equal(corpus.Matching.Count, page.TotalHits);
    }

    [Theory]
    [InlineData(SearchSort.Relevance)]
    [InlineData(SearchSort.DateAscending)]
    public void Search_SizeZero_CountsWithoutHits(SearchSort sort)
    {
        SearchResults page = corpus.Index.Search(Request(PagingCorpus.Query, sort, 0));

        Assert.Empty(page.Hits);
        Assert.Null(page.Next);
        Assert.Equal(corpus.Matching.Count, page.TotalHits);
    }

    [Fact]
    public void Search_DefaultSize_IsTen()
    {
        SearchResults page = corpus.Index.Search(new SearchRequest(PagingCorpus.Query) { Highlight = null });

        Assert.Equal(10, page.Hits.Count);
        Assert.NotNull(page.Next);
    }

    [Fact]
    public async Task Search_AllHitsOnOnePage_HasNoNext()
    {
        using SearchIndex index = await TestDocs.IndexOf(
            TestDocs.Doc("a", "Kabul", "news"),
            TestDocs.Doc("b", "Kabul", "news"));

        SearchResults exact = index.Search(new SearchRequest("kabul") { Size = 2 });
        SearchResults roomy = index.Search(new SearchRequest("kabul") { Size = 3 });

        Assert.Equal(2, exact.Hits.Count);
        Assert.Null(exact.Next);
        Assert.Null(roomy.Next);
    }

    [Fact]
    public async Task Search_CursorOnSmallIndex_WalksTiesOneByOne()
    {
        using SearchIndex index = await TestDocs.IndexOf(
            TestDocs.Doc("c", "Same", "kabul"),
            TestDocs.Doc("a", "Same", "kabul"),
            TestDocs.Doc("b", "Same", "kabul"));

        SearchResults first = index.Search(new SearchRequest("kabul") { Size = 1 });
        SearchResults second = index.Search(new SearchRequest("kabul") { Size = 1, After = first.Next });
        SearchResults third = index.Search(new SearchRequest("kabul") { Size = 1, After = second.Next });

        Assert.Equal(["a"], first.Ids());
        Assert.Equal(["b"], second.Ids());
        Assert.Equal(["c"], third.Ids());
        Assert.Null(third.Next);
    }
}
