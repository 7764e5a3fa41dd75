using static Search.Tests.Querying.QueryTestSupport;

namespace Search.Tests.Querying;

/// <summary>Dates in the query syntax (<c>date:</c>) and the typed <see cref="SearchRequest.DateFrom"/> /
/// <see cref="SearchRequest.DateTo"/> filter.</summary>
public sealed class DateFilterTests
{
    private static SeedDocument[] Docs =>
    [
        TestDocs.Doc("d0", "New year", "Kabul news", "2020-12-31"),
        TestDocs.Doc("d1", "End of July", "Kabul news", "2021-07-31"),
        TestDocs.Doc("d2", "First of August", "Kabul news", "2021-08-01"),
        TestDocs.Doc("d3", "Fall of Kabul", "Kabul news", "2021-08-14"),
        TestDocs.Doc("d4", "End of August", "Kabul news", "2021-08-31"),
        TestDocs.Doc("d5", "September", "Kabul news", "2021-09-01"),
        TestDocs.Doc("d6", "Next year", "Delhi news", "2022-01-01"),
        TestDocs.Doc("u1", "Undated", "Kabul news"),
        TestDocs.Doc("u2", "Also undated", "Delhi news"),
    ];

    private static DateOnly Aug1 => new(2021, 8, 1);
    private static DateOnly Aug14 => new(2021, 8, 14);
    private static DateOnly Aug31 => new(2021, 8, 31);

    private static Task<SearchIndex> DatedIndex() => TestDocs.IndexOf(Docs);

    private static SearchRequest All(string query) => new(query) { Size = 100 };

    [Theory]
    [InlineData("date:2021-08-14", "d3")]
    [InlineData("date:2021-08", "d2,d3,d4")]
    [InlineData("date:2021", "d1,d2,d3,d4,d5")]
    [InlineData("date:2022", "d6")]
    [InlineData("date:2019", "")]
    [InlineData("date:[2021-08-01 TO 2021-08-31]", "d2,d3,d4")]
    [InlineData("date:{2021-08-01 TO 2021-08-31}", "d3")]
    [InlineData("date:[2021-08-01 TO 2021-08-31}", "d2,d3")]
    [InlineData("date:{2021-08-01 TO 2021-08-31]", "d3,d4")]
    [InlineData("date:[2021-08-14 TO *]", "d3,d4,d5,d6")]
    [InlineData("date:{2021-08-14 TO *]", "d4,d5,d6")]
    [InlineData("date:[* TO 2021-08-01]", "d0,d1,d2")]
    [InlineData("date:[* TO 2021-08-01}", "d0,d1")]
    [InlineData("date:[* TO *]", "d0,d1,d2,d3,d4,d5,d6")]
    [InlineData("date:[2021-08 TO 2021-09]", "d2,d3,d4,d5")]
    [InlineData("date:{2021-07 TO 2021-09}", "d2,d3,d4")]
    [InlineData("date:[2021 TO 2021]", "d1,d2,d3,d4,d5")]
    [InlineData("date:[2021-08-31 TO 2021-08-01]", "")]
    [InlineData("DATE:2021-08-14", "d3")]
    [InlineData("Date:2021-08", "d2,d3,d4")]
    [InlineData("date:(2021-08-14 OR 2022)", "d3,d6")]
    [InlineData("date:\"2021-08-14\"", "d3")]
    [InlineData("kabul AND date:2021-08", "d2,d3,d4")]
    [InlineData("delhi AND date:[2021 TO *]", "d6")]
    [InlineData("news -date:2021", "d0,d6,u1,u2")]
    [InlineData("title:end AND date:2021-08", "d4")]
    public async Task Search_DateInQuerySyntax_MatchesDaysMonthsYearsAndRanges(string query, string expected)
    {
        using SearchIndex index = await DatedIndex();

        Assert.Equal(IdList(expected), index.Search(All(query)).SortedIds());
    }

    [Theory]
    [InlineData("date:2021-02-30", 0)]
    [InlineData("date:2021-13", 0)]
    [InlineData("date:2021-00-10", 0)]
    [InlineData("date:21-08-14", 0)]
    [InlineData("date:2021-8-14", 0)]
    [InlineData("date:14.08.2021", 0)]
    [InlineData("date:0000", 0)]
    [InlineData("date:abc", 0)]
    [InlineData("date:[2021-02-30 TO *]", 0)]
    [InlineData("date:[2021-01-01 TO 2021-13-01]", 0)]
    [InlineData("date:[yesterday TO today]", 0)]
    [InlineData("kabul AND date:2021-02-30", 10)]
    [InlineData("kabul AND DATE:2021-02-30", 10)]
    [InlineData("date:2021 OR date:2021-02-30", 13)]
    [InlineData("date:2021 OR date:[2021-01-01 TO 10000-01]", 13)]
    [InlineData("date:0000-12", 0)]
    public async Task Search_InvalidDateInQuery_ThrowsQuerySyntaxException(string query, int position)
    {
        using SearchIndex index = await DatedIndex();

        QuerySyntaxException error = Assert.Throws<QuerySyntaxException>(() => index.Search(All(query)));

        Assert.Equal(position, error.Position);
        Assert.Contains("date", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("date:9999-12", "last")]
    [InlineData("date:9999", "last")]
    [InlineData("date:9999-12-31", "last")]
    [InlineData("date:[2021-01-01 TO 9999-12]", "mid,last")]
    [InlineData("date:[9999-12 TO *]", "last")]
    [InlineData("date:{9999-12 TO *]", "")]
    [InlineData("date:{9999-12-31 TO *]", "")]
    [InlineData("date:{9999 TO *}", "")]
    [InlineData("date:0001-01", "first")]
    [InlineData("date:0001", "first")]
    [InlineData("date:0001-01-01", "first")]
    [InlineData("date:[* TO 0001-01]", "first")]
    [InlineData("date:{* TO 0001-01-01}", "")]
    [InlineData("date:{* TO 0001}", "")]
    [InlineData("date:{0001-01-01 TO 9999-12-31}", "mid")]
    [InlineData("date:[0001 TO 9999]", "first,last,mid")]
    public async Task Search_DateAtTheEndsOfTheCalendar_MatchesWithoutFailing(string query, string expected)
    {
        using SearchIndex index = await TestDocs.IndexOf(
            TestDocs.Doc("first", "First day", "Kabul news", "0001-01-01"),
            TestDocs.Doc("mid", "Fall of Kabul", "Kabul news", "2021-08-14"),
            TestDocs.Doc("last", "Last day", "Kabul news", "9999-12-31"));

        Assert.Equal(IdList(expected), index.Search(All(query)).SortedIds());
    }

    [Theory]
    [InlineData("date:2021*")]
    [InlineData("date:2021-08~")]
    [InlineData("date:2021-0?-14")]
    public async Task Search_WildcardOrFuzzyDate_ThrowsQuerySyntaxException(string query)
    {
        using SearchIndex index = await DatedIndex();

        Assert.Throws<QuerySyntaxException>(() => index.Search(All(query)));
    }

    [Theory]
    [InlineData("date:2021-08", null, null, "d2,d3,d4")]
    [InlineData("date:[2021-08-14 TO *]", null, null, "d3,d4,d5,d6")]
    [InlineData("date:[* TO 2021-08-01}", null, null, "d0,d1")]
    [InlineData("kabul", "2021-08-01", "2021-08-31", "d2,d3,d4")]
    [InlineData("news", "2021-09-01", null, "d5,d6")]
    public void Search_IndexWithDatesAtLucenesDefaultPrecision_AnswersDateQueriesAndFilters(string query, string? from, string? to, string expected)
    {
        // Earlier builds indexed dates with Lucene's default precision step; their indexes must keep answering.
        using var folder = new TempFolder();
        using (var directory = Lucene.Net.Store.FSDirectory.Open(folder.Path))
        using (Lucene.Net.Analysis.Analyzer analyzer = Search.Indexing.IndexSchema.CreateAnalyzer())
        using (var writer = new Lucene.Net.Index.IndexWriter(directory,
                   new Lucene.Net.Index.IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, analyzer)))
        {
            foreach (SeedDocument doc in Docs)
            {
                Lucene.Net.Documents.Document lucene = new Search.Indexing.IndexSchema.ReusableDocument().Fill(doc, origin: null);
                lucene.RemoveFields(Search.Indexing.IndexSchema.Date);
                if (doc.Date is DateOnly date)
                {
                    lucene.Add(new Lucene.Net.Documents.Int64Field(Search.Indexing.IndexSchema.Date, date.DayNumber, Lucene.Net.Documents.Field.Store.YES));
                    lucene.Add(new Lucene.Net.Documents.NumericDocValuesField(Search.Indexing.IndexSchema.Date, date.DayNumber));
                }
                writer.AddDocument(lucene);
            }
        }
        using SearchIndex index = SearchIndex.Open(folder.Path);

        SearchResults results = index.Search(All(query) with { DateFrom = Day(from), DateTo = Day(to) });

        Assert.Equal(IdList(expected), results.SortedIds());
    }

    [Theory]
    [InlineData("kabul", "2021-08-01", "2021-08-31", "d2,d3,d4")]
    [InlineData("kabul", "2021-08-14", "2021-08-14", "d3")]
    [InlineData("kabul", "2021-08-02", "2021-08-13", "")]
    [InlineData("kabul", "2021-08-14", null, "d3,d4,d5")]
    [InlineData("kabul", null, "2021-08-01", "d0,d1,d2")]
    [InlineData("news", "2021-09-01", null, "d5,d6")]
    [InlineData("news", null, "2020-12-31", "d0")]
    [InlineData("title:end", "2021-08-01", null, "d4")]
    [InlineData("date:2021", "2021-08-15", null, "d4,d5")]
    [InlineData("date:2021-08-14", "2021-08-15", null, "")]
    [InlineData("\"kabul news\"", "2021-08-01", "2021-12-31", "d2,d3,d4,d5")]
    [InlineData("kab* OR delhi", "2021-09-01", null, "d5,d6")]
    public async Task Search_DateFromAndDateTo_KeepOnlyDocumentsInTheInclusiveRange(string query, string? from, string? to, string expected)
    {
        using SearchIndex index = await DatedIndex();

        SearchResults results = index.Search(All(query) with { DateFrom = Day(from), DateTo = Day(to) });

        Assert.Equal(IdList(expected), results.SortedIds());
        Assert.Equal(results.Hits.Count, results.TotalHits);
    }

    [Theory]
    [InlineData("kab*", QuerySyntax.Simple)]
    [InlineData("kabul", QuerySyntax.Simple)]
    [InlineData("kabul", QuerySyntax.Lucene)]
    public async Task Search_DateFilterWithEitherSyntax_NarrowsHits(string query, QuerySyntax syntax)
    {
        using SearchIndex index = await DatedIndex();

        SearchResults results = index.Search(All(query) with { Syntax = syntax, DateFrom = Aug1, DateTo = Aug31 });

        Assert.Equal(["d2", "d3", "d4"], results.SortedIds());
    }

    [Theory]
    [InlineData("", QuerySyntax.Lucene)]
    [InlineData("   ", QuerySyntax.Lucene)]
    [InlineData("\t\n", QuerySyntax.Lucene)]
    [InlineData("*", QuerySyntax.Lucene)]
    [InlineData(" * ", QuerySyntax.Lucene)]
    [InlineData("", QuerySyntax.Simple)]
    [InlineData("*", QuerySyntax.Simple)]
    public async Task Search_EmptyOrStarQueryWithDateFilter_ListsAllDocumentsInTheRange(string query, QuerySyntax syntax)
    {
        using SearchIndex index = await DatedIndex();

        SearchResults results = index.Search(All(query) with { Syntax = syntax, DateFrom = Aug1, DateTo = Aug31 });

        Assert.Equal(["d2", "d3", "d4"], results.SortedIds());
    }

    [Theory]
    [InlineData("", QuerySyntax.Lucene)]
    [InlineData("  ", QuerySyntax.Lucene)]
    [InlineData("*", QuerySyntax.Lucene)]
    [InlineData("", QuerySyntax.Simple)]
    [InlineData("*", QuerySyntax.Simple)]
    public async Task Search_EmptyOrStarQueryWithoutFilter_ListsEveryDocument(string query, QuerySyntax syntax)
    {
        using SearchIndex index = await DatedIndex();

        SearchResults results = index.Search(All(query) with { Syntax = syntax });

        Assert.Equal(Docs.Select(d => d.Id).Order(StringComparer.Ordinal), results.SortedIds());
        Assert.Equal(Docs.Length, results.TotalHits);
    }

    [Theory]
    [InlineData("2021-01-01", null)]
    [InlineData(null, "2030-01-01")]
    [InlineData("0001-01-01", "9999-12-31")]
    public async Task Search_AnyDateBound_ExcludesUndatedDocuments(string? from, string? to)
    {
        using SearchIndex index = await DatedIndex();

        SearchResults results = index.Search(All("news") with { DateFrom = Day(from), DateTo = Day(to) });

        Assert.NotEmpty(results.Hits);
        Assert.DoesNotContain(results.Hits, hit => hit.Date is null);
    }

    [Fact]
    public async Task Search_DateFilter_DoesNotChangeScores()
    {
        using SearchIndex index = await DatedIndex();

        SearchResults unfiltered = index.Search(All("kabul OR fall"));
        SearchResults filtered = index.Search(All("kabul OR fall") with { DateFrom = Aug14, DateTo = Aug14 });

        SearchHit hit = Assert.Single(filtered.Hits);
        Assert.Equal(unfiltered.Hits.Single(h => h.Id == hit.Id).Score, hit.Score);
    }

    [Fact]
    public async Task Search_DatedHit_CarriesItsDate()
    {
        using SearchIndex index = await DatedIndex();

        SearchResults results = index.Search(All("date:2021-08-14"));

        Assert.Equal(Aug14, Assert.Single(results.Hits).Date);
    }

    private static DateOnly? Day(string? text) =>
        text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
