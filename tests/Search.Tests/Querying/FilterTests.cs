namespace Search.Tests.Querying;

/// <summary><see cref="SearchRequest.Filters"/>: exact tag values, OR within a tag and AND across tags, combined with the
/// date range, never changing a score; bad filters are refused naming the property and the tag.</summary>
public sealed class FilterTests
{
    private static SeedDocument Doc(string id, string body, string date, string topics, string places) => new(id, "Title " + id, body,
        DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
    {
        Tags = new Dictionary<string, IReadOnlyList<string>>
        {
            ["topics"] = topics.Split(',', StringSplitOptions.RemoveEmptyEntries),
            ["places"] = places.Split(',', StringSplitOptions.RemoveEmptyEntries),
        },
    };

    private static Task<SearchIndex> Corpus() => TestDocs.IndexOf(
        Doc("a", "wheat harvest wheat", "1987-02-01", "grain,wheat", "usa"),
        Doc("b", "corn harvest", "1987-03-01", "Grain,corn", "canada"),
        Doc("c", "currency harvest markets", "1987-03-02", "money-fx", "usa,uk"),
        Doc("d", "shipping harvest news", "1987-04-01", "ship", "new zealand"),
        Doc("e", "granite harvest quarry", "1987-04-02", "", ""));

    private static Dictionary<string, IReadOnlyList<string>> Filters(params (string Name, string[] Values)[] filters) =>
        filters.ToDictionary(f => f.Name, f => (IReadOnlyList<string>)f.Values);

    [Theory]
    [InlineData("topics=grain", "a")]
    [InlineData("topics=Grain", "b")]
    [InlineData("topics=GRAIN", "")]
    [InlineData("places=usa|canada", "a,b,c")]
    [InlineData("places=usa;topics=wheat", "a")]
    [InlineData("places=usa|canada;topics=corn|money-fx", "b,c")]
    [InlineData("places=new zealand", "d")]
    [InlineData("places=new", "")]
    [InlineData("people=reagan", "")]
    public async Task Search_Filters_KeepDocumentsHoldingAValueOfEveryNamedTag(string filters, string expected)
    {
        using SearchIndex index = await Corpus();
        var parsed = filters.Split(';').Select(f => f.Split('=')).Select(p => (p[0], p[1].Split('|'))).ToArray();

        SearchResults results = index.Search(new SearchRequest("harvest") { Filters = Filters(parsed) });

        Assert.Equal(QueryTestSupport.IdList(expected), results.SortedIds());
        Assert.Equal(results.Hits.Count, results.TotalHits);
    }

    [Fact]
    public async Task Search_FilterKeepingAHit_LeavesItsScoreAsItWas()
    {
        using SearchIndex index = await Corpus();

        SearchResults all = index.Search(new SearchRequest("harvest wheat"));
        SearchResults filtered = index.Search(new SearchRequest("harvest wheat") { Filters = Filters(("places", ["usa"])) });

        Assert.Equal(["a", "c"], filtered.Ids());
        foreach (SearchHit hit in filtered.Hits)
            Assert.Equal(all.Hits.Single(h => h.Id == hit.Id).Score, hit.Score);
    }

    [Fact]
    public async Task Search_FilterWithDateRangeAndMatchAll_AppliesBoth()
    {
        using SearchIndex index = await Corpus();

        SearchResults results = index.Search(new SearchRequest("*")
        {
            Filters = Filters(("places", ["usa", "canada"])),
            DateFrom = new DateOnly(1987, 3, 1),
        });

        Assert.Equal(["b", "c"], results.SortedIds());
    }

    [Theory]
    [InlineData("Places", "\"Places\" is not valid")]
    [InlineData("date", "\"date\" is not a tag")]
    [InlineData("title", "reserved")]
    public async Task Search_FilterOnABadTagName_IsRefusedNamingFiltersAndTheName(string name, string expected)
    {
        using SearchIndex index = await Corpus();

        ArgumentException error = Assert.Throws<ArgumentException>(() => index.Search(new SearchRequest("*") { Filters = Filters((name, ["x"])) }));

        Assert.Equal(nameof(SearchRequest.Filters), error.ParamName);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_FilterWithoutValues_IsRefusedNamingTheTag()
    {
        using SearchIndex index = await Corpus();
        var nullValues = new Dictionary<string, IReadOnlyList<string>> { ["places"] = null! };

        ArgumentException empty = Assert.Throws<ArgumentException>(() => index.Search(new SearchRequest("*") { Filters = Filters(("topics", [])) }));
        ArgumentException missing = Assert.Throws<ArgumentException>(() => index.Search(new SearchRequest("*") { Filters = nullValues }));
        ArgumentException emptyValue = Assert.Throws<ArgumentException>(() => index.Search(new SearchRequest("*") { Filters = Filters(("topics", [""])) }));

        Assert.Equal(nameof(SearchRequest.Filters), empty.ParamName);
        Assert.Contains("\"topics\" has no values to filter by", empty.Message, StringComparison.Ordinal);
        Assert.Contains("\"places\" has no values to filter by", missing.Message, StringComparison.Ordinal);
        Assert.Contains("\"topics\" has an empty value", emptyValue.Message, StringComparison.Ordinal);
    }
}
