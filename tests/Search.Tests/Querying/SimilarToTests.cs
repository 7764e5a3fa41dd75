namespace Search.Tests.Querying;

/// <summary><see cref="SearchRequest.SimilarTo"/>: documents like a given one, without it, as an ordinary search.</summary>
public sealed class SimilarToTests
{
    private static readonly string[] WheatStories = ["w2", "w3"];

    private static readonly string[] Unrelated = ["f1", "f2", "n1"];

    // Three wheat stories, two oil stories, two football stories and one on a budget, each sharing words only with its own kind
    // (but for "prices", which the oil stories share with the wheat ones).
    private static Task<SearchIndex> NewsIndex(params SeedDocument[] more) => TestDocs.IndexOf(
    [
        TestDocs.Doc("w1", "Wheat harvest hit by drought in Kansas",
            "The wheat harvest in Kansas fell sharply as drought cut yields. Farmers said the grain crop was the smallest in a decade, and wheat prices rose in Chicago.",
            "2021-08-10"),
        TestDocs.Doc("w2", "Drought cuts Kansas wheat yields",
            BodyOfW2, "2021-08-01"),
        TestDocs.Doc("w3", "Grain exports slow as wheat prices climb",
            "Wheat exports slowed this month as higher grain prices in Chicago deterred buyers; the drought in Kansas and the plains is blamed.",
            "2021-09-01"),
        TestDocs.Doc("o1", "Oil prices rise after OPEC meeting",
            "Crude oil prices rose after OPEC ministers agreed to cut output. Brent crude traded higher in London.", "2021-08-20"),
        TestDocs.Doc("o2", "OPEC output cut lifts crude",
            "The OPEC decision to cut crude output lifted oil prices; analysts expect Brent to stay firm.", "2021-08-21"),
        TestDocs.Doc("f1", "Local team wins football cup", "The local football team won the cup final in extra time before a record crowd.", "2021-08-05"),
        TestDocs.Doc("f2", "Football cup final draws record crowd", "A record crowd watched the football cup final, which went to extra time.", "2021-08-06"),
        TestDocs.Doc("n1", "Parliament debates budget", "Parliament debated the budget on Tuesday; members defended spending plans.", "2021-08-07"),
        .. more,
    ]);

    private static SearchRequest Like(string id) => new("") { SimilarTo = id };

    [Fact]
    public async Task SimilarTo_RanksDocumentsOnTheSameSubjectFirst_AndLeavesOutUnrelatedOnes()
    {
        using SearchIndex index = await NewsIndex();

        SearchResults results = index.Search(Like("w1"));

        Assert.Equal(WheatStories, results.Ids().Take(2).Order(StringComparer.Ordinal));
        Assert.All(Unrelated, id => Assert.DoesNotContain(id, results.Ids()));
    }

    [Fact]
    public async Task SimilarTo_LeavesOutTheDocumentItself_EvenWhenAnotherHoldsTheSameText()
    {
        using SearchIndex index = await NewsIndex(TestDocs.Doc("w1-copy", "Wheat harvest hit by drought in Kansas",
            "The wheat harvest in Kansas fell sharply as drought cut yields. Farmers said the grain crop was the smallest in a decade, and wheat prices rose in Chicago."));

        SearchResults results = index.Search(Like("w1"));

        Assert.Equal("w1-copy", results.Hits[0].Id);
        Assert.DoesNotContain("w1", results.Ids());
    }

    [Fact]
    public async Task SimilarTo_WithAQuery_IsRefusedNamingBoth()
    {
        using SearchIndex index = await NewsIndex();

        ArgumentException error = Assert.Throws<ArgumentException>(() => index.Search(new SearchRequest("wheat") { SimilarTo = "w1" }));

        Assert.Equal(nameof(SearchRequest.Query), error.ParamName);
        Assert.Contains("SimilarTo", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"wheat\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimilarTo_Empty_IsRefused()
    {
        using SearchIndex index = await NewsIndex();

        ArgumentException error = Assert.Throws<ArgumentException>(() => index.Search(Like("")));

        Assert.Equal(nameof(SearchRequest.SimilarTo), error.ParamName);
    }

    [Fact]
    public async Task SimilarTo_UnknownId_FindsNothing_AndGetTellsWhy()
    {
        using SearchIndex index = await NewsIndex();

        SearchResults results = index.Search(Like("w9"));

        Assert.Equal(0, results.TotalHits);
        Assert.Empty(results.Hits);
        Assert.Null(results.Next);
        Assert.Null(index.Get("w9"));
    }

    [Fact]
    public async Task SimilarTo_DeletedDocument_FindsNothing()
    {
        using SearchIndex index = await NewsIndex();
        await index.DeleteAsync("w1");
        await index.CommitAsync();

        Assert.Equal(0, index.Search(Like("w1")).TotalHits);
    }

    [Fact]
    public async Task SimilarTo_WithDates_KeepsOnlyHitsInTheRange()
    {
        using SearchIndex index = await NewsIndex();
        var from = new DateOnly(2021, 8, 15);

        SearchResults results = index.Search(Like("w1") with { DateFrom = from });

        Assert.Contains("w3", results.Ids());
        Assert.DoesNotContain("w2", results.Ids());
        Assert.All(results.Hits, hit => Assert.True(hit.Date >= from));
    }

    [Fact]
    public async Task SimilarTo_SortedByDate_HasTheSameHitsNewestFirst()
    {
        using SearchIndex index = await NewsIndex();

        SearchResults byRelevance = index.Search(Like("w1"));
        SearchResults byDate = index.Search(Like("w1") with { Sort = SearchSort.DateDescending });

        Assert.Equal(byRelevance.Ids().Order(StringComparer.Ordinal), byDate.Ids().Order(StringComparer.Ordinal));
        Assert.Equal(byDate.Hits.Select(h => h.Date).OrderDescending(), byDate.Hits.Select(h => h.Date));
    }

    [Fact]
    public async Task SimilarTo_PagedByOffsetOrCursor_WalksTheSameHits()
    {
        using SearchIndex index = await NewsIndex();
        string[] all = [.. index.Search(Like("w1")).Ids()];
        Assert.True(all.Length >= 3, $"expected at least 3 hits, got {all.Length}");

        var byCursor = new List<string>();
        SearchResults page = index.Search(Like("w1") with { Size = 1 });
        byCursor.AddRange(page.Ids());
        while (page.Next is not null)
        {
            page = index.Search(Like("w1") with { Size = 1, After = page.Next });
            byCursor.AddRange(page.Ids());
        }

        Assert.Equal(all, byCursor);
        Assert.Equal(all[1..3], index.Search(Like("w1") with { Offset = 1, Size = 2 }).Ids());
    }

    [Fact]
    public async Task SimilarTo_Highlighted_MarksTheSharedWords()
    {
        using SearchIndex index = await NewsIndex();

        SearchHit hit = index.Search(Like("w1")).Hits.Single(h => h.Id == "w2");

        Assert.True(Marked(hit, HighlightMatch.TitleField, hit.Title, "Kansas"));
        Assert.Contains(hit.Snippets, snippet => snippet.Contains("<mark>", StringComparison.Ordinal));
        Assert.False(Marked(hit, HighlightMatch.BodyField, BodyOfW2, "elevators"));
        Assert.True(Marked(hit, HighlightMatch.BodyField, BodyOfW2, "Chicago"));
    }

    private const string BodyOfW2 = "Kansas farmers expect lower wheat yields after months of drought. Grain elevators report thin deliveries, and wheat futures climbed in Chicago.";

    /// <summary>Whether one of the hit's matches in <paramref name="field"/> covers <paramref name="word"/>.</summary>
    private static bool Marked(SearchHit hit, string field, string text, string word)
    {
        int at = text.IndexOf(word, StringComparison.Ordinal);
        return hit.Matches.Any(m => m.Field == field && m.Start <= at && m.End >= at + word.Length);
    }

    [Fact]
    public async Task SimilarTo_WithoutHighlighting_ReturnsPlainHits()
    {
        using SearchIndex index = await NewsIndex();

        SearchResults results = index.Search(Like("w1") with { Highlight = null });

        Assert.All(results.Hits, hit => Assert.Null(hit.HighlightedTitle));
        Assert.Equal(index.Search(Like("w1")).Ids(), results.Ids());
    }

    [Fact]
    public async Task SimilarTo_TitleMatch_WeighsMoreThanTheSameBodyMatch()
    {
        // Two documents that differ only in whether the shared word is in the title or in the body.
        using SearchIndex index = await TestDocs.IndexOf(
            TestDocs.Doc("source", "Sorghum", "Sorghum sorghum."),
            TestDocs.Doc("in-title", "Sorghum", "Millet news."),
            TestDocs.Doc("in-body", "Millet", "Sorghum news."),
            TestDocs.Doc("other", "Barley", "Barley news."));

        Assert.Equal(["in-title", "in-body"], index.Search(Like("source")).Ids());
    }
}
