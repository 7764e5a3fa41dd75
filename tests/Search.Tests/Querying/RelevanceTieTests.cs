namespace Search.Tests.Querying;

public class RelevanceTieTests
{
    [Fact]
    public async Task Search_ManyEqualScores_EveryPageSizeAndCursorFollowScoreThenIdOrder()
    {
        // Four groups of 75 documents with identical text score alike (more than the collector's slack, so pages
        // that end inside a group take the sorted path); ids are inserted out of order so internal doc numbers
        // disagree with id order.
        int[] order = [.. Enumerable.Range(0, 300).Select(i => (i * 37) % 300)];
        using SearchIndex index = await TestDocs.IndexOf([.. order.Select(i =>
            TestDocs.Doc($"id{i:D3}", "Report", string.Join(' ', Enumerable.Repeat("oil", 1 + (i % 4))) + " prices"))]);
        SearchResults all = index.Search(new SearchRequest("oil") { Size = 400, Highlight = null });
        List<string> expected = [.. all.Hits.OrderByDescending(h => h.Score).ThenBy(h => h.Id, StringComparer.Ordinal).Select(h => h.Id)];
        Assert.Equal(300, expected.Count);
        Assert.Equal(expected, all.Hits.Select(h => h.Id));

        foreach (int size in new[] { 3, 7, 74, 75, 76, 150, 299 })
        {
            SearchResults page = index.Search(new SearchRequest("oil") { Size = size, Highlight = null });
            Assert.Equal(expected.Take(size), page.Hits.Select(h => h.Id));

            var walked = new List<string>();
            string? after = null;
            do
            {
                SearchResults next = index.Search(new SearchRequest("oil") { Size = size, After = after, Highlight = null });
                walked.AddRange(next.Hits.Select(h => h.Id));
                after = next.Next;
            }
            while (after is not null);
            Assert.Equal(expected, walked);
        }
    }

    [Theory]
    [InlineData("kab*")]
    [InlineData("k?bul*")]
    [InlineData("*")]
    public async Task Search_ConstantScoreQueryOverManySegments_FollowsScoreThenIdOnEveryPageAndCursor(string query)
    {
        // Eight commits make eight segments; a third of the documents also match in the title, so scores fall into
        // two groups, each spread over every segment in an order unrelated to the ids.
        using SearchIndex index = SearchIndex.InMemory();
        for (int batch = 0; batch < 8; batch++)
        {
            for (int i = batch; i < 240; i += 8)
            {
                int n = (i * 101) % 240;
                await index.UpsertAsync(TestDocs.Doc($"doc{n:D3}", n % 3 == 0 ? "Kabul report" : "Report", "kabul prices today"));
            }
            await index.CommitAsync();
        }
        Assert.True(index.GetStats().Segments > 1);
        SearchResults all = index.Search(new SearchRequest(query) { Size = 300, Highlight = null });
        List<string> expected = [.. all.Hits.OrderByDescending(h => h.Score).ThenBy(h => h.Id, StringComparer.Ordinal).Select(h => h.Id)];
        Assert.Equal(240, expected.Count);
        Assert.Equal(expected, all.Hits.Select(h => h.Id));

        foreach (int size in new[] { 1, 10, 79, 80, 81, 239 })
        {
            Assert.Equal(expected.Take(size), index.Search(new SearchRequest(query) { Size = size, Highlight = null }).Hits.Select(h => h.Id));
            Assert.Equal(expected.Skip(size).Take(size), index.Search(new SearchRequest(query) { Size = size, Offset = size, Highlight = null }).Hits.Select(h => h.Id));
            var walked = new List<string>();
            string? after = null;
            do
            {
                SearchResults next = index.Search(new SearchRequest(query) { Size = size, After = after, Highlight = null });
                walked.AddRange(next.Hits.Select(h => h.Id));
                after = next.Next;
            }
            while (after is not null);
            Assert.Equal(expected, walked);
        }
    }
}
