using static Search.Tests.Querying.QueryTestSupport;

namespace Search.Tests.Querying;

/// <summary><see cref="QuerySyntaxException"/>: Lucene-syntax mistakes and guard rails say what is wrong and where.</summary>
public sealed class QuerySyntaxErrorTests
{
    private static Task<SearchIndex> SmallIndex() => TestDocs.IndexOf(
        TestDocs.Doc("k", "Kabul", "The capital of Afghanistan.", "2021-08-14"),
        TestDocs.Doc("i", "India", "News from Delhi.", "2021-08-20"));

    [Theory]
    [InlineData("foo AND", 7, "AND")]
    [InlineData("(foo", 0, "(")]
    [InlineData("foo)", 3, ")")]
    [InlineData("\"abc", 0, "quote")]
    [InlineData("foo:bar", 0, "foo")]
    [InlineData("*abc", 0, "wildcard")]
    [InlineData("a/b", 1, "regular expression")]
    [InlineData("fo\\", 2, "backslash")]
    [InlineData("AND", 0, "AND")]
    [InlineData("kabul OR", 8, "OR")]
    [InlineData("kabul AND AND india", 10, "AND")]
    [InlineData("kabul (india", 6, "(")]
    [InlineData("kabul \"new delhi", 6, "quote")]
    [InlineData("kabul nope:x", 6, "nope")]
    [InlineData("kabul ?ndia", 6, "wildcard")]
    [InlineData("/.*a.{30}/", 0, "regular expression")]
    public async Task Search_LuceneSyntaxError_ThrowsWithMessageAndPosition(string query, int position, string mentioned)
    {
        using SearchIndex index = await SmallIndex();

        QuerySyntaxException error = Assert.Throws<QuerySyntaxException>(() => index.Search(new SearchRequest(query)));

        Assert.Equal(query, error.Query);
        Assert.Equal(position, error.Position);
        Assert.Contains(mentioned, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Search_ParserError_KeepsTheParsersExceptionAsInner()
    {
        using SearchIndex index = await SmallIndex();

        QuerySyntaxException error = Assert.Throws<QuerySyntaxException>(() => index.Search(new SearchRequest("kabul AND")));

        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public async Task Search_QuerySyntaxException_IsASearchException()
    {
        using SearchIndex index = await SmallIndex();

        Assert.ThrowsAny<SearchException>(() => index.Search(new SearchRequest("kabul AND")));
    }

    [Theory]
    [InlineData(5000)]
    [InlineData(33)]
    public async Task Search_ParenthesesNestedPastMaxQueryDepth_Throws(int depth)
    {
        using SearchIndex index = await SmallIndex();
        string query = new string('(', depth) + "a" + new string(')', depth);

        QuerySyntaxException error = Assert.Throws<QuerySyntaxException>(() => index.Search(new SearchRequest(query)));

        Assert.Equal(query, error.Query);
    }

    [Fact]
    public async Task Search_ParenthesesNestedPastMaxQueryDepth_PointsAtTheFirstTooDeepParenthesis()
    {
        // A longer length limit so that the depth guard, not the length guard, answers.
        using SearchIndex index = await TestDocs.IndexOf(new SearchIndexOptions { MaxQueryLength = 100_000 });
        string query = new string('(', 5000) + "a" + new string(')', 5000);

        QuerySyntaxException error = Assert.Throws<QuerySyntaxException>(() => index.Search(new SearchRequest(query)));

        Assert.Equal(32, error.Position);
        Assert.Contains("32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_DeepParenthesesNeverClosed_ThrowsInsteadOfOverflowing()
    {
        using SearchIndex index = await TestDocs.IndexOf(new SearchIndexOptions { MaxQueryLength = 100_000 });
        string query = string.Concat(Enumerable.Repeat("(a OR ", 15_000));

        QuerySyntaxException error = Assert.Throws<QuerySyntaxException>(() => index.Search(new SearchRequest(query)));

        Assert.Equal(32 * "(a OR ".Length, error.Position);
    }

    [Fact]
    public async Task Search_CustomMaxQueryDepth_IsTheLimit()
    {
        using SearchIndex index = await TestDocs.IndexOf(new SearchIndexOptions { MaxQueryDepth = 2 },
            TestDocs.Doc("k", "Kabul", "The capital."));

        Assert.Equal(["k"], index.Search(new SearchRequest("((kabul))")).Ids());
        QuerySyntaxException error = Assert.Throws<QuerySyntaxException>(() => index.Search(new SearchRequest("(((kabul)))")));
        Assert.Equal(2, error.Position);
    }

    [Fact]
    public async Task Search_QueryLongerThanMaxQueryLength_Throws()
    {
        using SearchIndex index = await SmallIndex();
        string query = "kabul " + new string('x', 10_000);

        QuerySyntaxException error = Assert.Throws<QuerySyntaxException>(() => index.Search(new SearchRequest(query)));

        Assert.Contains("10,000", error.Message, StringComparison.Ordinal);
        Assert.Equal(10_000, error.Position);
    }

    [Fact]
    public async Task Search_QueryExactlyMaxQueryLength_Succeeds()
    {
        using SearchIndex index = await SmallIndex();
        string query = "kabul " + new string('x', 10_000 - 6);

        Assert.Equal(["k"], index.Search(new SearchRequest(query)).Ids());
    }

    [Fact]
    public async Task Search_CustomMaxQueryLength_IsTheLimit()
    {
        using SearchIndex index = await TestDocs.IndexOf(new SearchIndexOptions { MaxQueryLength = 10 });

        index.Search(new SearchRequest("kabul city"));
        Assert.Throws<QuerySyntaxException>(() => index.Search(new SearchRequest("kabul city!")));
    }

    [Theory]
    [InlineData(600)]
    [InlineData(1025)]
    [InlineData(5000)]
    public async Task Search_MoreTermsThanMaxClauses_Throws(int terms)
    {
        using SearchIndex index = await TestDocs.IndexOf(new SearchIndexOptions { MaxQueryLength = 100_000 });
        string query = string.Join(' ', Enumerable.Range(0, terms).Select(i => "w" + i));

        QuerySyntaxException error = Assert.Throws<QuerySyntaxException>(() => index.Search(new SearchRequest(query)));

        Assert.Contains("clauses", error.Message, StringComparison.Ordinal);
        Assert.Contains("1,024", error.Message, StringComparison.Ordinal);
        // Each word counts once for the title and once for the body: the 513th word (w512) passes 1,024.
        Assert.Equal(query.IndexOf(" w512 ", StringComparison.Ordinal) + 1, error.Position);
    }

    [Fact]
    public async Task Search_MoreTermsThanMaxClausesInNestedGroups_PointsAtTheTermPastTheLimit()
    {
        using SearchIndex index = await TestDocs.IndexOf(new SearchIndexOptions { MaxQueryLength = 100_000 });
        string group = "(" + string.Join(' ', Enumerable.Range(0, 100).Select(i => "w" + i)) + ")";
        string query = string.Join(" OR ", Enumerable.Repeat(group, 20));

        QuerySyntaxException error = Assert.Throws<QuerySyntaxException>(() => index.Search(new SearchRequest(query)));

        // Five groups of 100 words make 1,000 clauses; the 13th word of the sixth group (w12) passes 1,024.
        int sixthGroup = Enumerable.Range(0, 6).Aggregate(0, (at, _) => query.IndexOf('(', at) + 1) - 1;
        Assert.Equal(query.IndexOf(" w12 ", sixthGroup, StringComparison.Ordinal) + 1, error.Position);
    }

    [Fact]
    public async Task Search_FieldedTermsPastMaxClauses_PointAtTheTermPastTheLimit()
    {
        using SearchIndex index = await TestDocs.IndexOf(new SearchIndexOptions { MaxClauses = 10 });
        // A fielded term is one clause, a bare word two: 4 + 2 + 4 = 10 reach the limit, "delhi" passes it.
        string query = "title:a1 title:a2 title:a3 title:a4 kabul \"new york\"~2 body:x* body:y~ delhi";

        QuerySyntaxException error = Assert.Throws<QuerySyntaxException>(() => index.Search(new SearchRequest(query)));

        Assert.Equal(query.IndexOf("delhi", StringComparison.Ordinal), error.Position);
    }

    [Theory]
    [InlineData("kab*l?????", 0)]
    [InlineData("kabul OR x*a??????????????????????", 9)]
    [InlineData("title:x*a*b*c*d*e*f*g*h*i*j", 0)]
    [InlineData("x*a?b?c?d?e?", 0)]
    [InlineData("x\\*a*b*c*d*e*f*g*h*i*j*k", 0)]
    [InlineData("x*abcdefghijabcdefghijabcdefghijabc", 0)]
    [InlineData("x*a??????war０İa*", 0)]
    public async Task Search_WildcardTermWithTooManyWildcardsAfterAStar_IsRejectedAtOnce(string query, int position)
    {
        using SearchIndex index = await SmallIndex();

        QuerySyntaxException error = Assert.Throws<QuerySyntaxException>(() => index.Search(new SearchRequest(query)));

        Assert.Equal(position, error.Position);
        Assert.Contains("after its first '*'", error.Message, StringComparison.Ordinal);
    }

    // Each pattern is just inside a limit the test above breaks; it must run and find exactly the words it describes.
    [Theory]
    [InlineData("kab*l????", "w1,w2")]
    [InlineData("k?b?l*", "k,w1,w2")]
    [InlineData("ka??????????ul", "w2")]
    [InlineData("x\\*a??????????", "")]
    [InlineData("x*abcdefghijabcdefghijabcdefghijab", "w3")]
    [InlineData("x*a*b*c*d*e*f*g*h*i", "w4")]
    public async Task Search_WildcardTermWithinTheLimits_Runs(string query, string expected)
    {
        using SearchIndex index = await TestDocs.IndexOf(
            TestDocs.Doc("k", "Kabul", "The capital of Afghanistan."),
            TestDocs.Doc("i", "India", "News from Delhi."),
            TestDocs.Doc("w1", "One", "kabulstan"),
            TestDocs.Doc("w2", "Two", "kabulkabulkaul"),
            TestDocs.Doc("w3", "Three", "xabcdefghijabcdefghijabcdefghijab"),
            TestDocs.Doc("w4", "Four", "xabcdefghi"));

        SearchResults results = index.Search(new SearchRequest(query));

        Assert.Equal(IdList(expected), results.SortedIds());
    }

    [Theory]
    [InlineData("x*a")]
    [InlineData("x~2")]
    public async Task Search_WildcardOrFuzzyTermLongerThanAnyWord_IsRejected(string shape)
    {
        using SearchIndex index = await SmallIndex();
        string query = "kabul OR " + shape.Insert(1, new string('k', 300));

        QuerySyntaxException error = Assert.Throws<QuerySyntaxException>(() => index.Search(new SearchRequest(query)));

        Assert.Equal(9, error.Position);
        Assert.Contains("no indexed word is longer than 255", error.Message, StringComparison.Ordinal);
    }

    // Numbers after '^' (boosts) and '~' (fuzzy and phrase distances) that Lucene cannot use, reads as something else
    // ("^1e41" as a boost of 1 and the word "e41") or would turn into an infinite score.
    [Theory]
    [InlineData("kabul~99999999999999999999", 5, "fuzzy distance")]
    [InlineData("kabul~-1", 5, "fuzzy distance")]
    [InlineData("kabul~1.5e400", 5, "fuzzy distance")]
    [InlineData("kabul~1.5", 5, "at most 2 edits")]
    [InlineData("kabul~3", 5, "at most 2 edits")]
    [InlineData("kabul~x", 5, "fuzzy distance")]
    [InlineData("india kabul^2~7", 13, "fuzzy distance")]
    [InlineData("\"a b\"~99999999999999999999", 5, "phrase distance")]
    [InlineData("\"a b\" ~2.5", 6, "whole number")]
    [InlineData("\"a b\"~-1", 5, "phrase distance")]
    [InlineData("kabul^", 5, "boost")]
    [InlineData("kabul^-2", 5, "boost")]
    [InlineData("kabul^x", 5, "boost")]
    [InlineData("kabul^ 2", 5, "boost")]
    [InlineData("kabul^1e41", 5, "boost '1e41'")]
    [InlineData("kabul^1.5.2", 5, "boost")]
    [InlineData("kabul^1,5", 5, "boost")]
    [InlineData("kabul^10001", 5, "10,000")]
    [InlineData("india kabul^100000000000000000000000000000000000000000", 11, "10,000")]
    [InlineData("india OR title:kabul^99999999999999999999999999999999999999", 20, "10,000")]
    [InlineData("title:(kabul india)^99999", 19, "10,000")]
    [InlineData("((kabul^100 india)^100)^2", 23, "multiply")]
    [InlineData("(\"capital of afghanistan\"~2^5000 OR india) ^3", 43, "multiply")]
    public async Task Search_UnusableBoostOrDistance_ThrowsAtItsPosition(string query, int position, string mentioned)
    {
        using SearchIndex index = await SmallIndex();

        QuerySyntaxException error = Assert.Throws<QuerySyntaxException>(() => index.Search(new SearchRequest(query)));

        Assert.Equal(position, error.Position);
        Assert.Contains(mentioned, error.Message, StringComparison.Ordinal);
        Assert.Contains(position.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kabul^10000", "k")]
    [InlineData("kabul^0.5 india", "k,i")]
    [InlineData("((kabul^100)^100)", "k")]
    [InlineData("((kabul^100)^0.5)^200", "k")]
    [InlineData("kabul\\^99999999999999999999999", "k")]
    [InlineData("title:[a^99999999999999999999 TO l~1.5]", "i,k")]
    [InlineData("kabul~ india~0 kabal~1 kabal~2 kabul~0.8 kabul~2.0", "k,i")]
    [InlineData("\"capital afghanistan\"~3", "k")]
    [InlineData("\"capital afghanistan\" ~2147483647", "k")]
    public async Task Search_BoostOrDistanceWithinTheLimits_Runs(string query, string expected)
    {
        using SearchIndex index = await SmallIndex();

        SearchResults results = index.Search(new SearchRequest(query));

        Assert.Equal(IdList(expected), results.SortedIds());
        Assert.All(results.Hits, hit => Assert.True(float.IsFinite(hit.Score), $"{hit.Id} scored {hit.Score}"));
    }

    [Fact]
    public async Task Search_AsManyTermsAsAllowedAtTheLargestBoost_ScoresStayFinite()
    {
        using SearchIndex index = await SmallIndex();
        // 512 words (1,024 clauses) at 10,000, and groups nested to a product of 10,000.
        string query = string.Join(' ', Enumerable.Range(0, 510).Select(i => i % 2 == 0 ? "kabul^10000" : "capital^10000"))
            + " ((afghanistan^100)^10)^10 ((news^0.5)^100)^100";

        SearchResults results = index.Search(new SearchRequest(query) { Highlight = null });

        Assert.NotEmpty(results.Hits);
        Assert.All(results.Hits, hit => Assert.True(float.IsFinite(hit.Score), $"{hit.Id} scored {hit.Score}"));
    }

    [Fact]
    public async Task Search_CustomMaxClauses_IsEnforced()
    {
        using SearchIndex index = await TestDocs.IndexOf(new SearchIndexOptions { MaxClauses = 10 },
            TestDocs.Doc("k", "Kabul", "The capital."));

        Assert.Equal(["k"], index.Search(new SearchRequest("kabul delhi")).Ids());
        Assert.Throws<QuerySyntaxException>(() => index.Search(new SearchRequest(string.Join(' ', Enumerable.Range(0, 20).Select(i => "w" + i)))));
    }

    [Theory]
    [InlineData("/kabul/")]
    [InlineData("title:/kab.*/")]
    [InlineData("/.*a.{30}/")]
    [InlineData("kabul OR /[a-z]+/")]
    public async Task Search_RegularExpression_IsRejected(string query)
    {
        using SearchIndex index = await SmallIndex();

        QuerySyntaxException error = Assert.Throws<QuerySyntaxException>(() => index.Search(new SearchRequest(query)));

        Assert.Equal(query.IndexOf('/', StringComparison.Ordinal), error.Position);
    }

    [Theory]
    [InlineData("*abc")]
    [InlineData("?abc")]
    [InlineData("title:*bul")]
    [InlineData("id:*")]
    [InlineData("kabul OR *ndia")]
    public async Task Search_LeadingWildcardByDefault_IsRejected(string query)
    {
        using SearchIndex index = await SmallIndex();

        QuerySyntaxException error = Assert.Throws<QuerySyntaxException>(() => index.Search(new SearchRequest(query)));

        Assert.Contains("wildcard", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    // Malformed queries of every kind: whatever the parser makes of them, the caller sees a result or a
    // QuerySyntaxException pointing inside the query, never another exception.
    [Theory]
    [InlineData("title:")]
    [InlineData("title:(")]
    [InlineData("[a TO")]
    [InlineData("[a TO b")]
    [InlineData("{a TO b]")]
    [InlineData("kabul^")]
    [InlineData("kabul^x")]
    [InlineData("kabul^-2")]
    [InlineData("^2")]
    [InlineData("kabul~x")]
    [InlineData("kabul~2.5")]
    [InlineData("kabul~-1")]
    [InlineData("\"kabul india\"~")]
    [InlineData("+")]
    [InlineData("-")]
    [InlineData("!")]
    [InlineData("&&")]
    [InlineData("||")]
    [InlineData("NOT")]
    [InlineData("OR")]
    [InlineData("AND OR NOT")]
    [InlineData("()")]
    [InlineData("( )")]
    [InlineData("\"\"")]
    [InlineData(")(")]
    [InlineData("a:b:c")]
    [InlineData("title:date:x")]
    [InlineData("title:body:kabul")]
    [InlineData("\\")]
    [InlineData("\\\\")]
    [InlineData("\\u0041")]
    [InlineData("kabul\u0000")]
    [InlineData("\u0001\u0002")]
    [InlineData("\uD800")]
    [InlineData("\uDC00*")]
    [InlineData("\uD800~")]
    [InlineData("kabul \uD83D\uDE00")]
    [InlineData("\u05E9\u05DC\u05D5\u05DD")]
    [InlineData("date:")]
    [InlineData("date:*")]
    [InlineData("date:kab*")]
    [InlineData("date:kab~")]
    [InlineData("date:[* TO *]")]
    [InlineData("date:[TO]")]
    [InlineData("id:")]
    [InlineData("title:[* TO *]")]
    [InlineData("kabul^99999999999999999999")]
    [InlineData("kabul~99999999999999999999")]
    [InlineData("kabul^1e41")]
    [InlineData("kabul~1.5e400")]
    [InlineData("\"a b\"~99999999999999999999")]
    [InlineData("[a^2 TO b~3]^2~")]
    [InlineData("(a)~2")]
    [InlineData("^^~~")]
    public async Task Search_MalformedLuceneQuery_ThrowsNothingButQuerySyntaxException(string query)
    {
        using SearchIndex index = await SmallIndex();

        try
        {
            index.Search(new SearchRequest(query));
        }
        catch (QuerySyntaxException error)
        {
            Assert.Equal(query, error.Query);
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
            if (error.Position is int position)
                Assert.InRange(position, 0, query.Length);
        }
    }
}
