namespace Search.Tests.Querying;

public class RankingTests
{
    [Fact]
    public async Task Search_SimpleSyntax_RanksQueryWordsCloseTogetherFirst()
    {
        // Same words, same length: only their distance differs, and the far one has the smaller id.
        using SearchIndex index = await TestDocs.IndexOf(
            TestDocs.Doc("a", "Report", "wing damage was found after a long inspection of the flutter tests"),
            TestDocs.Doc("b", "Report", "after a long inspection of the tests wing flutter damage was found"));

        SearchResults results = index.Search(new SearchRequest("wing flutter") { Syntax = QuerySyntax.Simple });

        Assert.Equal(["b", "a"], results.Hits.Select(h => h.Id));
        Assert.True(results.Hits[0].Score > results.Hits[1].Score);
    }

    [Fact]
    public async Task Search_SimpleSyntax_BothQueryWordsBeatOneWordRepeatedFromTheTitleInTheBody()
    {
        // "a" repeats its headline word in the text, as news leads do; "b" holds both query words, once each. Summing
        // the title and body scores of "kabul" made "a" win; scoring each word by its best field ranks "b" first.
        using SearchIndex index = await TestDocs.IndexOf(
            TestDocs.Doc("a", "Kabul", "kabul report of the day with other news"),
            TestDocs.Doc("b", "Report", "kabul and delhi report of the day news"),
            TestDocs.Doc("c", "Delhi", "weather report"),
            TestDocs.Doc("d", "Weather", "markets report"));

        SearchResults simple = index.Search(new SearchRequest("kabul delhi") { Syntax = QuerySyntax.Simple, Highlight = null });

        Assert.Equal("b", simple.Hits[0].Id);
        Assert.Equal(["a", "b", "c"], simple.Hits.Select(h => h.Id).Order());
    }

    [Fact]
    public async Task Search_SimpleSyntax_ProximityNeverAddsHits()
    {
        using SearchIndex index = await TestDocs.IndexOf(
            TestDocs.Doc("a", "Report", "wing flutter"),
            TestDocs.Doc("b", "Report", "wing only"));

        SearchResults results = index.Search(new SearchRequest("+flutter +wing") { Syntax = QuerySyntax.Simple });

        Assert.Equal(["a"], results.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task Search_QuestionWords_AreIgnoredLikeOtherStopWords()
    {
        using SearchIndex index = await TestDocs.IndexOf(
            TestDocs.Doc("a", "Answer", "what happened in Kabul"),
            TestDocs.Doc("b", "Other", "what would you do"));

        SearchResults results = index.Search(new SearchRequest("what happened in kabul") { Syntax = QuerySyntax.Simple });

        Assert.Equal(["a"], results.Hits.Select(h => h.Id));
    }
}
