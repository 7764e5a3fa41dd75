namespace Search.Tests.Querying;

/// <summary><see cref="QuerySyntax.Simple"/>: a lenient syntax for untrusted input that never fails.</summary>
public sealed class SimpleSyntaxTests
{
    private static Task<SearchIndex> SmallIndex() => TestDocs.IndexOf(
        TestDocs.Doc("k", "Kabul airport", "The Taliban took Kabul.", "2021-08-14"),
        TestDocs.Doc("i", "India", "News from Delhi and the airport.", "2021-08-20"),
        TestDocs.Doc("n", "Nothing", "Weather report."));

    private static SearchRequest Simple(string query) => new(query) { Syntax = QuerySyntax.Simple };

    private static string Words(int count, string prefix = "w") => string.Join(' ', Enumerable.Range(0, count).Select(i => prefix + i));

    // Hostile input around a plain word: the word must still be found.
    public static TheoryData<string> HostileInputsWithPlainWord => new()
    {
        "kabul \"unbalanced quote",
        "\"kabul",
        "kabul (unbalanced",
        "kabul )",
        "kabul ))))",
        "((( kabul",
        "kabul +",
        "+ kabul",
        "kabul |",
        "| kabul",
        "kabul -",
        "kabul ~",
        "kabul ~~~ ***",
        "kabul *",
        "kabul \\",
        "kabul AND OR NOT",
        "kabul title:",
        "kabul /.*a.{30}/",
        "kabul date:2021-02-30",
        "kabul \uD83C\uDF89 \uD83D\uDC4D\uD83C\uDFFD",
        "kabul \u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627",
        "\u202E kabul \u202C",
        "kabul\u0000\u0001\u0007\u001B",
        "kabul \uD800",
        "kabul \uDC00x",
        "\uD83D kabul",
        "kabul \uD800*",
        "kabul \uD800~2",
        "kabul~99999999999999999999",
        "kabul~-1",
        "kabul~1.5e400",
        "kabul \"a b\"~99999999999999999999",
        "kabul^",
        "kabul^-2",
        "kabul^1e41",
        "kabul^100000000000000000000000000000000000000000 india^100000000000000000000000000000000000000",
        "((kabul^100)^100)^100",
        "kabul date:9999-12",
        "kabul date:[2021-01-01 TO 9999-12]",
        "kabul date:{* TO 0001-01-01}",
        new string('(', 5000) + "kabul",
        new string('(', 5000) + "kabul" + new string(')', 5000),
        "kabul " + new string(')', 5000),
        "kabul " + new string('x', 20_000),
        "kabul " + Words(5000),
        "kabul " + string.Join('-', Enumerable.Range(0, 3000).Select(i => "w" + i)),
        "kabul " + string.Join('|', Enumerable.Range(0, 3000).Select(i => "w" + i)),
        "kabul " + string.Concat(Enumerable.Repeat("x~ ", 2000)),
        "kabul " + string.Concat(Enumerable.Repeat("z* ", 2000)),
        "kabul " + string.Concat(Enumerable.Repeat("the* ", 2000)),
        "kabul " + string.Concat(Enumerable.Repeat("#* ", 2000)),
        "kabul " + string.Concat(Enumerable.Repeat("(the*) ", 1200)),
        "kabul " + string.Concat(Enumerable.Repeat("\"w1 w2\" ", 1500)),
        // The length cut falls between the two halves of a surrogate pair.
        "kabul " + new string('x', 9_993) + "\uD83C\uDF89" + new string('y', 100),
    };

    [Theory]
    [MemberData(nameof(HostileInputsWithPlainWord))]
    public async Task Search_HostileInputWithPlainWord_FindsTheWordWithoutThrowing(string query)
    {
        using SearchIndex index = await SmallIndex();

        SearchResults results = index.Search(Simple(query));

        Assert.Contains("k", results.Ids());
    }

    public static TheoryData<string> HostileInputs => new()
    {
        "",
        " ",
        "\"",
        "\"\"",
        "(",
        ")",
        "()",
        "+",
        "-",
        "|",
        "~",
        "~2",
        "*",
        "**",
        "\\",
        "\\\\",
        "-*",
        "+-+-|~*\"()",
        "\uD800",
        "\uDC00\uD800",
        "\u0000",
        "\uFFFF\uFFFE",
        "\u200B\u200F\u202E",
        new string('(', 5000),
        new string(')', 5000),
        new string('"', 5001),
        new string('-', 20_000),
        new string('~', 20_000),
        new string('*', 20_000),
        string.Concat(Enumerable.Repeat("\uD83C\uDF89", 10_000)),
        string.Concat(Enumerable.Repeat("\uD800", 20_000)),
        Words(5000),
        string.Concat(Enumerable.Repeat("a* ", 5000)),
        string.Concat(Enumerable.Repeat("-a ", 5000)),
        string.Join('-', Enumerable.Range(0, 3000).Select(i => "w" + i)),
    };

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public async Task Search_HostileInput_NeverThrows(string query)
    {
        using SearchIndex index = await SmallIndex();

        SearchResults results = index.Search(Simple(query));

        Assert.InRange(results.TotalHits, 0, 3);
    }

    [Theory]
    [InlineData("Kab*")]
    [InlineData("KAB*")]
    [InlineData("kab*")]
    [InlineData("kabul")]
    [InlineData("KABUL")]
    [InlineData("kabol~1")]
    [InlineData("KABOL~1")]
    [InlineData("\"taliban took kabul\"")]
    [InlineData("kabul + taliban")]
    [InlineData("taliban | zebra")]
    [InlineData("airport + -india")]
    [InlineData("(kabul | delhi) + taliban")]
    public async Task Search_SimpleOperators_FindTheMatchingDocument(string query)
    {
        using SearchIndex index = await SmallIndex();

        Assert.Equal(["k"], index.Search(Simple(query)).Ids());
    }

    [Theory]
    [InlineData("airport", "i,k")]
    [InlineData("kabul | delhi", "i,k")]
    [InlineData("kabul + delhi", "")]
    [InlineData("-kabul", "i,n")]
    [InlineData("airport -india", "k")]
    [InlineData("-kabul -india", "n")]
    [InlineData("\"took kabul taliban\"", "")]
    [InlineData("the", "")]
    [InlineData("*", "i,k,n")]
    [InlineData("", "i,k,n")]
    public async Task Search_SimpleQuery_MatchesExactlyTheExpectedDocuments(string query, string expected)
    {
        using SearchIndex index = await SmallIndex();

        Assert.Equal(QueryTestSupport.IdList(expected), index.Search(Simple(query)).SortedIds());
    }

    [Fact]
    public async Task Search_SimpleSyntax_StemsLikeLuceneSyntax()
    {
        using SearchIndex index = await TestDocs.IndexOf(
            TestDocs.Doc("s1", "Floods hit the north", "Villages under water."),
            TestDocs.Doc("s2", "Rain", "The river flooded the valley."));

        Assert.Equal(["s1", "s2"], index.Search(Simple("flood")).SortedIds());
    }

    [Fact]
    public async Task Search_SimpleSyntax_RanksTitleMatchesFirst()
    {
        using SearchIndex index = await TestDocs.IndexOf(
            TestDocs.Doc("a", "Market", "Kabul"),
            TestDocs.Doc("b", "Kabul", "Market"));

        Assert.Equal(["b", "a"], index.Search(Simple("kabul")).Ids());
    }

    [Fact]
    public async Task Search_SimplePrefixMatchingManyWords_DoesNotFail()
    {
        using SearchIndex index = await TestDocs.IndexOf(new SearchIndexOptions { MaxTermExpansions = 5 },
            TestDocs.Doc("many", "Words", string.Join(' ', Enumerable.Range(1, 20).Select(i => "aa" + i))));

        Assert.Equal(["many"], index.Search(Simple("aa*")).Ids());
    }
}
