namespace Search.Tests.Querying;

/// <summary><see cref="SearchRequest.Facets"/>: exact counts over every hit (not the page) across segments, without deleted
/// documents, with filters and dates applied; tag values most frequent first, ties by value; date buckets in order with
/// the gaps at 0 and undated documents in none.</summary>
public sealed class FacetTests
{
    private static SeedDocument Doc(string id, string body, string? date, string topics, string places = "") =>
        new(id, "Title " + id, body, date is null ? null : DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
        {
            Tags = new Dictionary<string, IReadOnlyList<string>>
            {
                ["topics"] = topics.Split(',', StringSplitOptions.RemoveEmptyEntries),
                ["places"] = places.Split(',', StringSplitOptions.RemoveEmptyEntries),
            },
        };

    /// <summary>Three segments (one commit each) and a deleted document: topics earn 4, grain 2, acq 2, Wheat 1, wheat 1.</summary>
    private static async Task<SearchIndex> Corpus()
    {
        SearchIndex index = SearchIndex.InMemory();
        SeedDocument[][] segments =
        [
            [Doc("a", "oil harvest", "1987-02-26", "earn,grain", "usa"), Doc("b", "oil", "1987-02-27", "earn", "uk"), Doc("gone", "oil", "1987-02-27", "earn,grain", "usa")],
            [Doc("c", "oil harvest", "1987-04-01", "acq,wheat", "usa"), Doc("d", "oil", null, "earn")],
            [Doc("e", "oil harvest", "1988-01-15", "acq,Wheat,grain", "canada"), Doc("f", "oil", "1987-04-30", "earn"), Doc("g", "oil", "1988-01-16", "")],
        ];
        foreach (SeedDocument[] segment in segments)
        {
            foreach (SeedDocument document in segment)
                await index.UpsertAsync(document);
            await index.CommitAsync();
        }
        await index.DeleteAsync("gone");
        await index.CommitAsync();
        Assert.True(index.GetStats().Segments > 1);
        return index;
    }

    private static string[] Shown(IReadOnlyList<FacetValue> values) =>
        [.. values.Select(v => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{v.Value}={v.Count}"))];

    [Fact]
    public async Task Search_TagFacet_CountsEveryHitAcrossSegmentsMostFrequentFirstTiesByValue()
    {
        using SearchIndex index = await Corpus();

        SearchResults results = index.Search(new SearchRequest("oil") { Size = 1, Facets = ["topics"] });

        Assert.Single(results.Hits);
        Assert.Equal(["earn=4", "acq=2", "grain=2", "Wheat=1", "wheat=1"], Shown(results.Facets["topics"]));
    }

    [Fact]
    public async Task Search_MatchAllWithFacets_CountsTheWholeIndexWithoutDeletedDocuments()
    {
        using SearchIndex index = await Corpus();

        SearchResults results = index.Search(new SearchRequest("*") { Size = 0, Facets = ["places", "topics"] });

        Assert.Equal(7, results.TotalHits);
        Assert.Equal(["places", "topics"], results.Facets.Keys);
        Assert.Equal(["usa=2", "canada=1", "uk=1"], Shown(results.Facets["places"]));
        Assert.Equal(["earn=4", "acq=2", "grain=2", "Wheat=1", "wheat=1"], Shown(results.Facets["topics"]));
    }

    [Fact]
    public async Task Search_FacetSize_KeepsTheMostFrequentValues()
    {
        using SearchIndex index = await Corpus();

        SearchResults results = index.Search(new SearchRequest("*") { Facets = ["topics"], FacetSize = 2 });

        Assert.Equal(["earn=4", "acq=2"], Shown(results.Facets["topics"]));
    }

    [Fact]
    public async Task Search_FacetWithFiltersAndDates_CountsOnlyTheHitsThatPass()
    {
        using SearchIndex index = await Corpus();

        SearchResults filtered = index.Search(new SearchRequest("harvest")
        {
            Facets = ["topics", "places"],
            Filters = new Dictionary<string, IReadOnlyList<string>> { ["places"] = ["usa", "canada"] },
            DateFrom = new DateOnly(1987, 3, 1),
        });

        Assert.Equal(["c", "e"], filtered.SortedIds());
        Assert.Equal(["acq=2", "Wheat=1", "grain=1", "wheat=1"], Shown(filtered.Facets["topics"]));
        Assert.Equal(["canada=1", "usa=1"], Shown(filtered.Facets["places"]));
    }

    [Fact]
    public async Task Search_UnknownTagFacet_IsPresentAndEmpty()
    {
        using SearchIndex index = await Corpus();

        SearchResults results = index.Search(new SearchRequest("*") { Facets = ["people"] });

        Assert.Empty(results.Facets["people"]);
    }

    [Fact]
    public async Task Search_DateHistograms_FillTheGapsAndLeaveUndatedDocumentsOut()
    {
        using SearchIndex index = await Corpus();

        SearchResults results = index.Search(new SearchRequest("*") { Facets = ["date:year", "date:month", "date:day"] });

        Assert.Equal(["1987=4", "1988=2"], Shown(results.Facets["date:year"]));
        Assert.Equal(["1987-02=2", "1987-03=0", "1987-04=2", "1987-05=0", "1987-06=0", "1987-07=0", "1987-08=0", "1987-09=0",
            "1987-10=0", "1987-11=0", "1987-12=0", "1988-01=2"], Shown(results.Facets["date:month"]));
        IReadOnlyList<FacetValue> days = results.Facets["date:day"];
        Assert.Equal("1987-02-26=1", Shown(days)[0]);
        Assert.Equal("1987-02-28=0", Shown(days)[2]);
        Assert.Equal("1988-01-16=1", Shown(days)[^1]);
        Assert.Equal(new DateOnly(1988, 1, 16).DayNumber - new DateOnly(1987, 2, 26).DayNumber + 1, days.Count);
        Assert.Equal(6, days.Sum(d => d.Count));
    }

    [Fact]
    public async Task Search_DayHistogramOverManyYears_ListsOnlyTheNonEmptyDays()
    {
        using SearchIndex index = await TestDocs.IndexOf(
            TestDocs.Doc("old", "t", "b", "1900-01-01"), TestDocs.Doc("new", "t", "b", "2020-06-30"));

        SearchResults results = index.Search(new SearchRequest("*") { Facets = ["date:day", "date:year"] });

        Assert.Equal(["1900-01-01=1", "2020-06-30=1"], Shown(results.Facets["date:day"]));
        Assert.Equal(121, results.Facets["date:year"].Count);
    }

    [Fact]
    public async Task Search_DatesMillenniaApart_AreEachCountedInTheirBucket()
    {
        using SearchIndex index = await TestDocs.IndexOf(
            TestDocs.Doc("first", "t", "b", "0001-01-01"), TestDocs.Doc("mid", "t", "b", "2021-08-14"), TestDocs.Doc("mid2", "t", "b", "2021-08-14"),
            TestDocs.Doc("last", "t", "b", "9999-12-31"));

        SearchResults results = index.Search(new SearchRequest("*") { Facets = ["date:year", "date:day"] });

        Assert.Equal(["0001=1", "2021=2", "9999=1"], Shown(results.Facets["date:year"]));
        Assert.Equal(["0001-01-01=1", "2021-08-14=2", "9999-12-31=1"], Shown(results.Facets["date:day"]));
    }

    [Fact]
    public async Task Search_NoFacetsAsked_GivesAnEmptyDictionary()
    {
        using SearchIndex index = await Corpus();

        Assert.Empty(index.Search(new SearchRequest("oil")).Facets);
    }

    [Theory]
    [InlineData(SearchSort.DateDescending)]
    [InlineData(SearchSort.Relevance)]
    public async Task Search_FacetsWithAnySortOrTimeBudget_CountTheSame(SearchSort sort)
    {
        using SearchIndex index = await Corpus();

        SearchResults results = index.Search(new SearchRequest("oil OR harvest")
        {
            Sort = sort,
            Size = 2,
            Facets = ["topics"],
            Timeout = TimeSpan.FromMinutes(1),
        });

        Assert.False(results.IsPartial);
        Assert.Equal(["earn=4", "acq=2", "grain=2", "Wheat=1", "wheat=1"], Shown(results.Facets["topics"]));
    }

    [Theory]
    [InlineData("Topics", "\"Topics\" is not valid")]
    [InlineData("date:week", "date:year, date:month and date:day")]
    [InlineData("date", "date:year, date:month and date:day")]
    public async Task Search_BadFacetName_IsRefusedNamingFacetsAndTheName(string name, string expected)
    {
        using SearchIndex index = await Corpus();

        ArgumentException error = Assert.Throws<ArgumentException>(() => index.Search(new SearchRequest("*") { Facets = [name] }));

        Assert.Equal(nameof(SearchRequest.Facets), error.ParamName);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Reuters-21578's metadata has a <c>date_raw</c> column: a tag whose name merely starts with "date" is a tag.</summary>
    [Fact]
    public async Task Search_TagNamedLikeDate_IsFacetedAsATag()
    {
        using SearchIndex index = SearchIndex.InMemory();
        await index.UpsertAsync(new SeedDocument("a", "Oil", "oil") { Tags = new Dictionary<string, IReadOnlyList<string>> { ["date_raw"] = ["26-FEB-1987"] } });
        await index.CommitAsync();

        SearchResults results = index.Search(new SearchRequest("oil") { Facets = ["date_raw"] });

        Assert.Equal(["26-FEB-1987=1"], Shown(results.Facets["date_raw"]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task Search_FacetSizeOutOfRange_IsRefusedNamingFacetSize(int size)
    {
        using SearchIndex index = await Corpus();

        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(
            () => index.Search(new SearchRequest("*") { Facets = ["topics"], FacetSize = size }));

        Assert.Equal(nameof(SearchRequest.FacetSize), error.ParamName);
    }
}
