namespace Search.Tests.Querying;

/// <summary>Accents fold alike in documents and queries, in both syntaxes; highlights still mark the document's own text.</summary>
public sealed class FoldingTests
{
    private static Task<SearchIndex> Index() => TestDocs.IndexOf(
        TestDocs.Doc("zue", "Banks in Zürich", "Bankers in Zürich met on Friday."),
        TestDocs.Doc("zu", "Zurich Insurance results", "Zurich Insurance reported higher profits."),
        TestDocs.Doc("zl", "Lake boats", "Boats on the lake near zurich."),
        TestDocs.Doc("sao", "São Paulo floods", "Rain fell on São Paulo for a week."),
        TestDocs.Doc("kra", "Kraków old town", "Tourists returned to Kraków."),
        TestDocs.Doc("mos", "Москва", "Новости из Москвы."),
        TestDocs.Doc("ara", "القاهرة", "أخبار من القاهرة اليوم"),
        TestDocs.Doc("tok", "東京都の天気", "東京で雨"),
        TestDocs.Doc("ist", "İstanbul bridges", "Traffic over the Bosphorus."),
        TestDocs.Doc("isa", "Istanbul ferries", "Ferries cross the strait."));

    public static TheoryData<string, string> BothSyntaxes => new()
    {
        { "zurich", "zl,zu,zue" },
        { "Zurich", "zl,zu,zue" },
        { "Zürich", "zl,zu,zue" },
        { "ZÜRICH", "zl,zu,zue" },
        { "sao paulo", "sao" },
        { "\"sao paulo\"", "sao" },
        { "São Paulo", "sao" },
        { "krakow", "kra" },
        { "Kraków", "kra" },
        { "zür*", "zl,zu,zue" },
        { "Zür*", "zl,zu,zue" },
        { "krakóv~1", "kra" },
        // Scripts without an ASCII folding are found as before, in any case.
        { "москва", "mos" },
        { "МОСКВА", "mos" },
        { "القاهرة", "ara" },
        { "東京", "tok" },
    };

    [Theory]
    [MemberData(nameof(BothSyntaxes))]
    public async Task Search_LuceneSyntax_FindsEverySpellingWithAndWithoutAccents(string query, string expected)
    {
        using SearchIndex index = await Index();

        SearchResults results = index.Search(new SearchRequest(query) { Syntax = QuerySyntax.Lucene, Size = 100 });

        Assert.Equal(QueryTestSupport.IdList(expected), results.SortedIds());
    }

    [Theory]
    [MemberData(nameof(BothSyntaxes))]
    public async Task Search_SimpleSyntax_FindsEverySpellingWithAndWithoutAccents(string query, string expected)
    {
        using SearchIndex index = await Index();

        SearchResults results = index.Search(new SearchRequest(query) { Syntax = QuerySyntax.Simple, Size = 100 });

        Assert.Equal(QueryTestSupport.IdList(expected), results.SortedIds());
    }

    [Theory]
    [InlineData("Zür?ch", "zl,zu,zue")]
    [InlineData("title:zür*", "zu,zue")]
    [InlineData("body:ZÜR*", "zl,zu,zue")]
    [InlineData("title:[zürich TO zürich]", "zu,zue")]
    [InlineData("title:krakow AND body:Kraków", "kra")]
    public async Task Search_LuceneSyntaxFieldsAndPatterns_FoldTheTerm(string query, string expected)
    {
        using SearchIndex index = await Index();

        SearchResults results = index.Search(new SearchRequest(query) { Syntax = QuerySyntax.Lucene, Size = 100 });

        Assert.Equal(QueryTestSupport.IdList(expected), results.SortedIds());
    }

    [Theory]
    [InlineData("zurich", QuerySyntax.Simple)]
    [InlineData("zurich", QuerySyntax.Lucene)]
    [InlineData("ZÜRICH", QuerySyntax.Simple)]
    [InlineData("zür*", QuerySyntax.Lucene)]
    [InlineData("zür*", QuerySyntax.Simple)]
    public async Task Matches_FoldedQuery_MarkTheAccentedWordsOfTheDocument(string query, QuerySyntax syntax)
    {
        const string title = "Banks in Zürich";
        const string body = "Bankers in Zürich met on Friday; Zürich agreed.";
        using SearchIndex index = await TestDocs.IndexOf(TestDocs.Doc("zue", title, body));

        SearchHit hit = Assert.Single(index.Search(new SearchRequest(query) { Syntax = syntax, Highlight = new HighlightOptions() }).Hits);

        HighlightMatch[] expected =
        [
            new() { Field = HighlightMatch.TitleField, Start = title.IndexOf("Zürich", StringComparison.Ordinal), End = title.Length },
            new() { Field = HighlightMatch.BodyField, Start = 11, End = 17 },
            new() { Field = HighlightMatch.BodyField, Start = 33, End = 39 },
        ];
        Assert.Equal(expected, hit.Matches);
        Assert.All(hit.Matches, match => Assert.Equal("Zürich", (match.Field == HighlightMatch.TitleField ? title : body)[match.Start..match.End]));
        Assert.Equal("Banks in <mark>Zürich</mark>", hit.HighlightedTitle);
        Assert.Contains("<mark>Zürich</mark> met", string.Concat(hit.Snippets), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(QuerySyntax.Simple)]
    [InlineData(QuerySyntax.Lucene)]
    public async Task Matches_UnaccentedPhrase_MarkTheAccentedPhraseAsOneMatch(QuerySyntax syntax)
    {
        const string body = "Rain fell on São Paulo for a week.";
        using SearchIndex index = await TestDocs.IndexOf(TestDocs.Doc("sao", "Weather", body));

        SearchHit hit = Assert.Single(index.Search(new SearchRequest("\"sao paulo\"") { Syntax = syntax, Highlight = new HighlightOptions() }).Hits);

        HighlightMatch match = Assert.Single(hit.Matches);
        Assert.Equal("São Paulo", body[match.Start..match.End]);
    }

    [Theory]
    [InlineData("istanbul")]
    [InlineData("Istanbul")]
    [InlineData("ISTANBUL")]
    [InlineData("İstanbul")]
    [InlineData("İSTANBUL")]
    [InlineData("ıstanbul")]
    [InlineData("istanb*")]
    [InlineData("İstanb*")]
    public async Task Search_TurkishCapitalAndDotlessI_FoldToIInEveryCulture(string query)
    {
        using SearchIndex index = await Index();

        foreach (QuerySyntax syntax in new[] { QuerySyntax.Simple, QuerySyntax.Lucene })
        {
            var request = new SearchRequest(query) { Syntax = syntax, Size = 100 };
            string[] invariant = CultureTests.InCulture("", () => index.Search(request).SortedIds());
            string[] turkish = CultureTests.InCulture("tr-TR", () => index.Search(request).SortedIds());

            Assert.Equal(["isa", "ist"], invariant);
            Assert.Equal(["isa", "ist"], turkish);
        }
    }
}
