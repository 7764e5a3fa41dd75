using System.Globalization;

namespace Search.Tests.Querying;

/// <summary>Queries read the same whatever the thread's culture: Turkish casing (I/ı, İ/i) is the classic trap.</summary>
public sealed class CultureTests
{
    private static Task<SearchIndex> Index() => TestDocs.IndexOf(
        TestDocs.Doc("ist", "Istanbul", "Bridges over the Bosphorus.", "2021-08-14"),
        TestDocs.Doc("ind", "India", "Monsoon in Delhi.", "2021-08-20"),
        TestDocs.Doc("idx", "Indexing", "ID cards issued in Izmir.", "2021-09-01"),
        TestDocs.Doc("kab", "Kabul", "Airport crowds.", "2020-01-05"),
        TestDocs.Doc("und", "Island", "No date at all."));

    internal static T InCulture<T>(string name, Func<T> action)
    {
        CultureInfo culture = CultureInfo.CurrentCulture;
        CultureInfo uiCulture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    [Fact]
    public void InCulture_TrTr_ReallyUsesTurkishCasing()
    {
        // Guards the tests below: without Turkish casing rules they would prove nothing.
        string lowered = InCulture("tr-TR", () => "I".ToLower(CultureInfo.CurrentCulture));

        Assert.Equal("\u0131", lowered);
    }

    [Theory]
    [InlineData("TITLE:istanbul", QuerySyntax.Lucene, "ist")]
    [InlineData("title:ISTANBUL", QuerySyntax.Lucene, "ist")]
    [InlineData("Title:Istanbul", QuerySyntax.Lucene, "ist")]
    [InlineData("ISTANBUL", QuerySyntax.Lucene, "ist")]
    [InlineData("INDIA*", QuerySyntax.Lucene, "ind")]
    [InlineData("INDI?", QuerySyntax.Lucene, "ind")]
    [InlineData("IND*", QuerySyntax.Lucene, "ind,idx")]
    [InlineData("ISTANBOL~", QuerySyntax.Lucene, "ist")]
    [InlineData("I*", QuerySyntax.Lucene, "ind,idx,ist,und")]
    [InlineData("BODY:IZMIR", QuerySyntax.Lucene, "idx")]
    [InlineData("ID:ist", QuerySyntax.Lucene, "ist")]
    [InlineData("id:ist OR ID:ind", QuerySyntax.Lucene, "ind,ist")]
    [InlineData("INDIA AND NOT DELHI", QuerySyntax.Lucene, "")]
    [InlineData("date:2021-08", QuerySyntax.Lucene, "ind,ist")]
    [InlineData("DATE:2021", QuerySyntax.Lucene, "idx,ind,ist")]
    [InlineData("date:[2021-08-01 TO 2021-08-31]", QuerySyntax.Lucene, "ind,ist")]
    [InlineData("date:{2021-08-14 TO *}", QuerySyntax.Lucene, "idx,ind")]
    [InlineData("INDIA*", QuerySyntax.Simple, "ind")]
    [InlineData("ISTANBUL", QuerySyntax.Simple, "ist")]
    [InlineData("ISTANBOL~1", QuerySyntax.Simple, "ist")]
    [InlineData("I*", QuerySyntax.Simple, "ind,idx,ist,und")]
    public async Task Search_UnderTurkishCulture_FindsWhatInvariantCultureFinds(string query, QuerySyntax syntax, string expected)
    {
        using SearchIndex index = await Index();
        var request = new SearchRequest(query) { Syntax = syntax, Size = 100 };

        string[] invariant = InCulture("", () => index.Search(request).SortedIds());
        string[] turkish = InCulture("tr-TR", () => index.Search(request).SortedIds());

        string[] wanted = QueryTestSupport.IdList(expected);
        Assert.Equal(wanted, invariant);
        Assert.Equal(wanted, turkish);
    }

    [Fact]
    public async Task Search_IndexBuiltAndSearchedUnderTurkishCulture_FindsCapitalIWords()
    {
        using SearchIndex index = await InCulture("tr-TR", Index);

        Assert.Equal(["ist"], InCulture("tr-TR", () => index.Search(new SearchRequest("TITLE:istanbul")).Ids()));
        Assert.Equal(["ind"], InCulture("tr-TR", () => index.Search(new SearchRequest("INDIA*")).Ids()));
        Assert.Equal(["idx"], InCulture("tr-TR", () => index.Search(new SearchRequest("izmir")).Ids()));
        Assert.Equal(["ind", "ist"], InCulture("tr-TR", () => index.Search(new SearchRequest("date:2021-08")).SortedIds()));
    }

    [Fact]
    public async Task Search_DateFilterUnderTurkishCulture_FindsWhatInvariantCultureFinds()
    {
        using SearchIndex index = await Index();
        var request = new SearchRequest("") { DateFrom = new DateOnly(2021, 8, 15), DateTo = new DateOnly(2021, 12, 31) };

        string[] turkish = InCulture("tr-TR", () => index.Search(request).SortedIds());

        Assert.Equal(["idx", "ind"], turkish);
    }

    [Fact]
    public async Task Search_SortedByDateUnderTurkishCulture_KeepsTheOrder()
    {
        using SearchIndex index = await Index();
        var request = new SearchRequest("") { Sort = SearchSort.DateDescending };

        string[] turkish = InCulture("tr-TR", () => index.Search(request).Ids());

        Assert.Equal(["idx", "ind", "ist", "kab", "und"], turkish);
    }

    [Fact]
    public async Task Search_CursorUnderTurkishCulture_ContinuesTheInvariantWalk()
    {
        using SearchIndex index = await Index();
        var first = new SearchRequest("") { Size = 2 };

        SearchResults page = InCulture("", () => index.Search(first));
        SearchResults next = InCulture("tr-TR", () => index.Search(first with { After = page.Next }));

        Assert.Equal(["idx", "ind"], page.Ids());
        Assert.Equal(["ist", "kab"], next.Ids());
    }

    [Fact]
    public async Task Search_SyntaxErrorUnderTurkishCulture_HasTheSamePosition()
    {
        using SearchIndex index = await Index();

        QuerySyntaxException turkish = InCulture("tr-TR",
            () => Assert.Throws<QuerySyntaxException>(() => index.Search(new SearchRequest("IZMIR AND"))));
        QuerySyntaxException invalidDate = InCulture("tr-TR",
            () => Assert.Throws<QuerySyntaxException>(() => index.Search(new SearchRequest("date:2021-02-30"))));

        Assert.Equal(9, turkish.Position);
        Assert.Equal(0, invalidDate.Position);
    }
}
