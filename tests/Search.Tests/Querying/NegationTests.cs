using static Search.Tests.Querying.QueryTestSupport;

namespace Search.Tests.Querying;

/// <summary>Queries of negations: a group of only negations means every document but those, in both syntaxes and at any
/// level, as in Elasticsearch.</summary>
public sealed class NegationTests
{
    // Ids are added out of order, so that id order cannot come from the order documents were indexed in.
    private static Task<SearchIndex> Index() => TestDocs.IndexOf(
        TestDocs.Doc("e", "Weather", "Rain in the north."),
        TestDocs.Doc("b", "Python news", "A python library ships.", "2021-08-02"),
        TestDocs.Doc("a", "Rust release", "The rust compiler ships.", "2021-08-01"),
        TestDocs.Doc("d", "Kabul mix", "Kabul, rust and python.", "2021-08-04"),
        TestDocs.Doc("c", "Kabul airport", "Flights leave Kabul.", "2021-08-03"));

    private static SearchRequest Request(string query, QuerySyntax syntax) => new(query) { Syntax = syntax, Size = 100 };

    [Theory]
    [InlineData("-rust", QuerySyntax.Lucene, "b,c,e")]
    [InlineData("NOT rust", QuerySyntax.Lucene, "b,c,e")]
    [InlineData("!rust", QuerySyntax.Lucene, "b,c,e")]
    [InlineData("-rust -python", QuerySyntax.Lucene, "c,e")]
    [InlineData("NOT rust NOT python", QuerySyntax.Lucene, "c,e")]
    [InlineData("NOT rust AND NOT python", QuerySyntax.Lucene, "c,e")]
    [InlineData("-\"rust compiler\"", QuerySyntax.Lucene, "b,c,d,e")]
    [InlineData("-title:rust", QuerySyntax.Lucene, "b,c,d,e")]
    [InlineData("-ru*", QuerySyntax.Lucene, "b,c,e")]
    [InlineData("-date:2021-08-03", QuerySyntax.Lucene, "a,b,d,e")]
    [InlineData("-rust", QuerySyntax.Simple, "b,c,e")]
    [InlineData("-rust -python", QuerySyntax.Simple, "c,e")]
    [InlineData("-\"rust compiler\"", QuerySyntax.Simple, "b,c,d,e")]
    [InlineData("-ru*", QuerySyntax.Simple, "b,c,e")]
    public async Task Search_OnlyNegations_FindsEveryDocumentButThose(string query, QuerySyntax syntax, string expected)
    {
        using SearchIndex index = await Index();

        SearchResults results = index.Search(Request(query, syntax));

        Assert.Equal(IdList(expected), results.SortedIds());
        Assert.Equal(IdList(expected).Length, results.TotalHits);
    }

    [Theory]
    [InlineData("kabul AND (-rust)", QuerySyntax.Lucene, "c")]
    [InlineData("kabul AND (NOT rust)", QuerySyntax.Lucene, "c")]
    [InlineData("+kabul +(-rust -python)", QuerySyntax.Lucene, "c")]
    [InlineData("(-rust) AND (-python)", QuerySyntax.Lucene, "c,e")]
    [InlineData("kabul OR (-rust)", QuerySyntax.Lucene, "b,c,d,e")]
    [InlineData("-(-rust)", QuerySyntax.Lucene, "a,d")]
    [InlineData("NOT (NOT rust)", QuerySyntax.Lucene, "a,d")]
    [InlineData("kabul + (-rust)", QuerySyntax.Simple, "c")]
    [InlineData("kabul + (-rust -python)", QuerySyntax.Simple, "c")]
    [InlineData("-(-rust)", QuerySyntax.Simple, "a,d")]
    public async Task Search_NestedGroupOfOnlyNegations_IsEveryDocumentButThose(string query, QuerySyntax syntax, string expected)
    {
        using SearchIndex index = await Index();

        Assert.Equal(IdList(expected), index.Search(Request(query, syntax)).SortedIds());
    }

    [Theory]
    [InlineData("kabul -rust", "c")]
    [InlineData("ships -rust", "b")]
    [InlineData("kabul airport -rust -python", "c")]
    [InlineData("kabul | -rust", "c")]
    public async Task Search_SimpleNegationBesideWords_ExcludesFromTheirMatchesAsInLuceneSyntax(string query, string expected)
    {
        using SearchIndex index = await Index();

        Assert.Equal(IdList(expected), index.Search(Request(query, QuerySyntax.Simple)).SortedIds());
        Assert.Equal(IdList(expected), index.Search(Request(query.Replace("|", "OR", StringComparison.Ordinal), QuerySyntax.Lucene)).SortedIds());
    }

    [Theory]
    [InlineData("-rust", QuerySyntax.Lucene)]
    [InlineData("NOT rust AND NOT python", QuerySyntax.Lucene)]
    [InlineData("-rust", QuerySyntax.Simple)]
    [InlineData("-rust -python", QuerySyntax.Simple)]
    public async Task Search_OnlyNegations_ScoresEveryHitAlikeInIdOrder(string query, QuerySyntax syntax)
    {
        using SearchIndex index = await Index();

        SearchResults results = index.Search(Request(query, syntax));

        Assert.NotEmpty(results.Hits);
        Assert.Equal(results.SortedIds(), results.Ids());
        Assert.All(results.Hits, hit => Assert.Equal(results.Hits[0].Score, hit.Score));
    }

    [Fact]
    public async Task Search_OnlyNegations_PagesThroughEveryHitOnceByCursor()
    {
        using SearchIndex index = await Index();
        var seen = new List<string>();
        string? after = null;
        do
        {
            SearchResults page = index.Search(new SearchRequest("-rust") { Size = 1, After = after });
            seen.AddRange(page.Ids());
            after = page.Next;
        }
        while (after is not null);

        Assert.Equal(["b", "c", "e"], seen);
    }

    [Theory]
    [InlineData(QuerySyntax.Lucene)]
    [InlineData(QuerySyntax.Simple)]
    public async Task Search_OnlyNegationsWithDateFilter_KeepsTheFilter(QuerySyntax syntax)
    {
        using SearchIndex index = await Index();

        SearchResults results = index.Search(Request("-rust", syntax) with
        {
            DateFrom = new DateOnly(2021, 8, 1),
            DateTo = new DateOnly(2021, 8, 3),
        });

        Assert.Equal(["b", "c"], results.SortedIds());
    }

    [Theory]
    [InlineData("-rust date:[2021-08-01 TO 2021-08-03]", "b,c")]
    [InlineData("-rust AND date:2021-08", "b,c")]
    [InlineData("-rust -date:2021-08-03", "b,e")]
    public async Task Search_NegationsWithDateClauses_ApplyBoth(string query, string expected)
    {
        using SearchIndex index = await Index();

        Assert.Equal(IdList(expected), index.Search(Request(query, QuerySyntax.Lucene)).SortedIds());
    }

    [Theory]
    [InlineData(QuerySyntax.Lucene)]
    [InlineData(QuerySyntax.Simple)]
    public async Task Search_OnlyNegations_MarksNothingAndShowsTheLeadingFragment(QuerySyntax syntax)
    {
        using SearchIndex index = await Index();

        SearchResults results = index.Search(Request("-rust -python", syntax));

        Assert.All(results.Hits, hit => Assert.Empty(hit.Matches));
        Assert.All(results.Hits, hit => Assert.Single(hit.Snippets));
        Assert.Equal("Flights leave Kabul.", results.Hits.Single(hit => hit.Id == "c").Snippets[0]);
    }

    [Theory]
    [InlineData(QuerySyntax.Lucene)]
    [InlineData(QuerySyntax.Simple)]
    public async Task Search_WordBesideNegation_MarksOnlyTheWord(QuerySyntax syntax)
    {
        using SearchIndex index = await TestDocs.IndexOf(TestDocs.Doc("k", "Kabul airport", "Kabul news, no rust."));

        SearchHit hit = Assert.Single(index.Search(Request("kabul -python", syntax)).Hits);

        Assert.Equal("<mark>Kabul</mark> airport", hit.HighlightedTitle);
        Assert.Equal(["Kabul"], hit.Matches.Where(m => m.Field == HighlightMatch.BodyField).Select(m => "Kabul news, no rust."[m.Start..m.End]));
    }
}
