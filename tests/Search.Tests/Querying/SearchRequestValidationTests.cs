using System.Buffers.Text;
using static Search.Tests.Querying.QueryTestSupport;

namespace Search.Tests.Querying;

/// <summary>A <see cref="SearchRequest"/> is checked when the search starts; bad values never reach Lucene.</summary>
public sealed class SearchRequestValidationTests
{
    private static Task<SearchIndex> SmallIndex() => TestDocs.IndexOf(
        Enumerable.Range(0, 30).Select(i => TestDocs.Doc($"doc-{i:D2}", "Kabul", "Kabul news " + i, $"2021-08-{i % 28 + 1:D2}")).ToArray());

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(int.MinValue, 0)]
    [InlineData(10, -1)]
    [InlineData(10, int.MinValue)]
    [InlineData(10_001, 0)]
    [InlineData(10, 9_991)]
    [InlineData(1, 10_000)]
    [InlineData(int.MaxValue, 0)]
    [InlineData(10, int.MaxValue)]
    [InlineData(int.MaxValue, int.MaxValue)]
    public async Task Search_SizeOrOffsetOutOfRange_ThrowsArgumentOutOfRange(int size, int offset)
    {
        using SearchIndex index = await SmallIndex();

        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(new SearchRequest("kabul") { Size = size, Offset = offset }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Search_TimeoutOfZeroOrLess_ThrowsNamingTimeoutAndItsValue(int milliseconds)
    {
        using SearchIndex index = await SmallIndex();
        TimeSpan timeout = TimeSpan.FromMilliseconds(milliseconds);

        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(
            () => index.Search(new SearchRequest("kabul") { Timeout = timeout }));

        Assert.Equal(nameof(SearchRequest.Timeout), error.ParamName);
        Assert.Contains($"Timeout must be longer than zero (was {timeout:c})", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_WindowPastMaxResultWindow_MessageNamesTheLimit()
    {
        using SearchIndex index = await SmallIndex();

        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(
            () => index.Search(new SearchRequest("kabul") { Size = 10, Offset = 9_995 }));

        Assert.Contains("10,000", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10_000, 0)]
    [InlineData(10, 9_990)]
    [InlineData(0, 10_000)]
    [InlineData(0, 0)]
    public async Task Search_WindowUpToMaxResultWindow_IsAccepted(int size, int offset)
    {
        using SearchIndex index = await SmallIndex();

        SearchResults results = index.Search(new SearchRequest("kabul") { Size = size, Offset = offset, Highlight = null });

        Assert.Equal(30, results.TotalHits);
        Assert.Equal(offset == 0 ? Math.Min(size, 30) : 0, results.Hits.Count);
    }

    [Fact]
    public async Task Search_CustomMaxResultWindow_IsTheLimit()
    {
        using SearchIndex index = await TestDocs.IndexOf(new SearchIndexOptions { MaxResultWindow = 20 },
            TestDocs.Doc("a", "Kabul", "news"));

        index.Search(new SearchRequest("kabul") { Size = 10, Offset = 10 });
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(new SearchRequest("kabul") { Size = 10, Offset = 11 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(new SearchRequest("kabul") { Size = 21 }));
    }

    [Fact]
    public async Task Search_AfterTogetherWithOffset_ThrowsArgumentException()
    {
        using SearchIndex index = await SmallIndex();
        string next = index.Search(new SearchRequest("kabul") { Size = 5 }).Next!;

        Assert.Throws<ArgumentException>(() => index.Search(new SearchRequest("kabul") { Size = 5, Offset = 5, After = next }));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("garbage")]
    [InlineData("not-a-cursor")]
    [InlineData("!!!")]
    [InlineData("====")]
    [InlineData("AQ")]
    [InlineData("AQAA")]
    [InlineData("%2F%2F")]
    [InlineData("\uD800")]
    [InlineData("eyJzb3J0IjoiUmVsZXZhbmNlIn0")]
    public async Task Search_GarbageCursor_ThrowsArgumentExceptionNamingAfter(string after)
    {
        using SearchIndex index = await SmallIndex();

        foreach (SearchSort sort in Enum.GetValues<SearchSort>())
        {
            ArgumentException error = Assert.Throws<ArgumentException>(() => index.Search(new SearchRequest("kabul") { Sort = sort, After = after }));
            Assert.Equal(nameof(SearchRequest.After), error.ParamName);
            Assert.StartsWith("After is not a valid cursor", error.Message, StringComparison.Ordinal);
        }
    }

    // Arbitrary bytes in the cursor's shape: each must be rejected as an ArgumentException or simply used, never
    // surface as another exception.
    [Theory]
    [InlineData(new byte[] { 1, 0, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, (byte)'a' })]
    [InlineData(new byte[] { 1, 0, 0x80, 0, 0, 0, 0, 0, 0, 0, (byte)'a' })]
    [InlineData(new byte[] { 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, (byte)'a' })]
    [InlineData(new byte[] { 1, 1, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, (byte)'a' })]
    [InlineData(new byte[] { 1, 2, 0x80, 0, 0, 0, 0, 0, 0, 0, (byte)'a' })]
    [InlineData(new byte[] { 1, 0, 0, 0, 0, 0, 0x7F, 0xC0, 0, 0, (byte)'a' })]
    [InlineData(new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFE })]
    [InlineData(new byte[] { 1, 9, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 2, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 0 })]
    public async Task Search_ForgedCursor_IsRejectedOrUsedButNeverCrashes(byte[] bytes)
    {
        using SearchIndex index = await SmallIndex();
        string after = Base64Url.EncodeToString(bytes);

        foreach (SearchSort sort in Enum.GetValues<SearchSort>())
        {
            try
            {
                index.Search(new SearchRequest("kabul") { Sort = sort, After = after });
            }
            catch (ArgumentException e)
            {
                Assert.IsType<ArgumentException>(e);
                Assert.Equal(nameof(SearchRequest.After), e.ParamName);
            }
        }
    }

    [Theory]
    [InlineData(SearchSort.Relevance)]
    [InlineData(SearchSort.DateDescending)]
    [InlineData(SearchSort.DateAscending)]
    public async Task Search_TamperedCursor_IsRejectedOrUsedButNeverCrashes(SearchSort sort)
    {
        using SearchIndex index = await SmallIndex();
        string next = index.Search(new SearchRequest("kabul") { Sort = sort, Size = 5 }).Next!;

        for (int i = 0; i < next.Length; i++)
        {
            foreach (char replacement in "A_-z9")
            {
                string tampered = string.Concat(next.AsSpan(0, i), replacement.ToString(), next.AsSpan(i + 1));
                try
                {
                    index.Search(new SearchRequest("kabul") { Sort = sort, Size = 5, After = tampered, Highlight = null });
                }
                catch (ArgumentException e)
                {
                    Assert.IsType<ArgumentException>(e);
                }
            }
        }
    }

    [Theory]
    [InlineData(SearchSort.Relevance, SearchSort.DateDescending)]
    [InlineData(SearchSort.Relevance, SearchSort.DateAscending)]
    [InlineData(SearchSort.DateDescending, SearchSort.Relevance)]
    [InlineData(SearchSort.DateDescending, SearchSort.DateAscending)]
    [InlineData(SearchSort.DateAscending, SearchSort.Relevance)]
    [InlineData(SearchSort.DateAscending, SearchSort.DateDescending)]
    public async Task Search_CursorFromAnotherSort_ThrowsArgumentException(SearchSort madeWith, SearchSort usedWith)
    {
        using SearchIndex index = await SmallIndex();
        string next = index.Search(new SearchRequest("kabul") { Sort = madeWith, Size = 5 }).Next!;

        ArgumentException error = Assert.Throws<ArgumentException>(
            () => index.Search(new SearchRequest("kabul") { Sort = usedWith, Size = 5, After = next }));

        Assert.Contains(usedWith.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_DateFromAfterDateTo_ThrowsArgumentException()
    {
        using SearchIndex index = await SmallIndex();

        Assert.Throws<ArgumentException>(() => index.Search(new SearchRequest("kabul")
        {
            DateFrom = new DateOnly(2021, 8, 2),
            DateTo = new DateOnly(2021, 8, 1),
        }));
    }

    [Fact]
    public async Task Search_DateFromEqualToDateTo_IsOneDay()
    {
        using SearchIndex index = await SmallIndex();
        var day = new DateOnly(2021, 8, 1);

        SearchResults results = index.Search(new SearchRequest("kabul") { DateFrom = day, DateTo = day });

        Assert.Equal(["doc-00", "doc-28"], results.SortedIds());
    }

    [Fact]
    public async Task Search_NullQuery_ThrowsArgumentNullException()
    {
        using SearchIndex index = await SmallIndex();

        Assert.Throws<ArgumentNullException>(() => index.Search(new SearchRequest(null!)));
        Assert.Throws<ArgumentNullException>(() => index.Search(null!));
    }

    [Fact]
    public async Task Search_UndefinedSortOrSyntax_ThrowsArgumentOutOfRange()
    {
        using SearchIndex index = await SmallIndex();

        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(new SearchRequest("kabul") { Sort = (SearchSort)42 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(new SearchRequest("kabul") { Syntax = (QuerySyntax)42 }));
    }

    [Fact]
    public async Task Search_InvalidRequest_IsRejectedBeforeTheQueryIsRead()
    {
        using SearchIndex index = await SmallIndex();

        // The query is broken too; the request check comes first and names the real problem.
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(new SearchRequest("kabul AND") { Size = -1 }));
    }

    // Each rule of the request once: the value that breaks it, the property the exception names, and the value it quotes.
    [Theory]
    [InlineData("size negative", nameof(SearchRequest.Size), "(was -1)")]
    [InlineData("size past the window", nameof(SearchRequest.Size), "(was 10001)")]
    [InlineData("offset negative", nameof(SearchRequest.Offset), "(was -3)")]
    [InlineData("offset + size past the window", nameof(SearchRequest.Offset), "(was 9995 + 10)")]
    [InlineData("offset with after", nameof(SearchRequest.Offset), "(was 5)")]
    [InlineData("dates reversed", nameof(SearchRequest.DateFrom), "(was 2021-08-02 to 2021-08-01)")]
    [InlineData("undefined sort", nameof(SearchRequest.Sort), "(was 42)")]
    [InlineData("undefined syntax", nameof(SearchRequest.Syntax), "(was 7)")]
    public async Task Search_ValueBreakingARule_NamesThePropertyAndTheValue(string rule, string property, string was)
    {
        using SearchIndex index = await SmallIndex();
        var kabul = new SearchRequest("kabul");
        SearchRequest request = rule switch
        {
            "size negative" => kabul with { Size = -1 },
            "size past the window" => kabul with { Size = 10_001 },
            "offset negative" => kabul with { Offset = -3 },
            "offset + size past the window" => kabul with { Offset = 9_995, Size = 10 },
            "offset with after" => kabul with { Offset = 5, After = index.Search(kabul with { Size = 5 }).Next },
            "dates reversed" => kabul with { DateFrom = new DateOnly(2021, 8, 2), DateTo = new DateOnly(2021, 8, 1) },
            "undefined sort" => kabul with { Sort = (SearchSort)42 },
            "undefined syntax" => kabul with { Syntax = (QuerySyntax)7 },
            _ => throw new ArgumentOutOfRangeException(nameof(rule)),
        };

        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => index.Search(request));

        Assert.Equal(property, error.ParamName);
        Assert.StartsWith(property, error.Message, StringComparison.Ordinal);
        Assert.Contains(was, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_NullQuery_NamesQuery()
    {
        using SearchIndex index = await SmallIndex();

        ArgumentNullException error = Assert.Throws<ArgumentNullException>(() => index.Search(new SearchRequest(null!)));

        Assert.Equal(nameof(SearchRequest.Query), error.ParamName);
        Assert.StartsWith("Query must be set (was null).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SearchRequest_Defaults_AreAsDocumented()
    {
        var request = new SearchRequest("kabul");

        Assert.Equal(QuerySyntax.Lucene, request.Syntax);
        Assert.Equal(SearchSort.Relevance, request.Sort);
        Assert.Equal(10, request.Size);
        Assert.Equal(0, request.Offset);
        Assert.Null(request.After);
        Assert.Null(request.DateFrom);
        Assert.Null(request.DateTo);
        Assert.NotNull(request.Highlight);
    }
}
