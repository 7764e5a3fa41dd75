using Search.Querying;

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
}
