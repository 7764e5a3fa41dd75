using System.Text.Json;

namespace Search.AspNetCore.Tests;

public sealed class PagingAndFacetTests : IAsyncLifetime, IDisposable
{
    private readonly ApiHost _host = new();

    public async Task InitializeAsync()
    {
        await _host.SeedAsync(Corpus.News);
        await _host.SeedAsync(Corpus.Reports(23));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    [Theory]
    [InlineData("report", "")]
    [InlineData("report", "&sort=date")]
    [InlineData("*", "&sort=-date")]
    [InlineData("*", "")]
    public async Task Pages_after_the_cursor_add_up_to_one_big_page(string q, string sort)
    {
        JsonElement all = await _host.GetJsonAsync($"/api/search?q={q}{sort}&limit=100");
        var paged = new List<string>();
        string? next = null;
        int pages = 0;
        do
        {
            string after = next is null ? "" : "&after=" + Uri.EscapeDataString(next);
            JsonElement page = await _host.GetJsonAsync($"/api/search?q={q}{sort}&limit=4{after}");
            Assert.Equal(all.GetProperty("totalHits").GetInt64(), page.GetProperty("totalHits").GetInt64());
            paged.AddRange(SearchEndpointTests.Ids(page));
            next = page.GetProperty("next").GetString();
            Assert.True(++pages <= 20, "the cursor never ends");
        }
        while (next is not null);

        Assert.Equal(SearchEndpointTests.Ids(all), paged);
        Assert.Equal(paged.Count, paged.Distinct(StringComparer.Ordinal).Count());
        Assert.True(pages > 3);
    }

    [Fact]
    public async Task Facet_counts_agree_with_the_filter_of_each_value()
    {
        JsonElement json = await _host.GetJsonAsync("/api/search?q=*&facet=topic&facet=region&facet=date:year&limit=0");
        JsonElement facets = json.GetProperty("facets");

        Assert.Equal(["topic", "region", "date:year"], facets.EnumerateObject().Select(p => p.Name));
        Facet[] topics = Values(facets.GetProperty("topic"));
        Assert.Equal(new Facet("energy", 4), topics[0]);
        Assert.Contains(new Facet("markets", 3), topics);
        foreach (Facet value in topics.Concat(Values(facets.GetProperty("region"))))
        {
            string name = topics.Contains(value) ? "topic" : "region";
            JsonElement filtered = await _host.GetJsonAsync($"/api/search?q=*&filter={name}:{value.Value}&limit=0");
            Assert.Equal(value.Count, filtered.GetProperty("totalHits").GetInt64());
        }

        Facet[] years = Values(facets.GetProperty("date:year"));
        Assert.Equal(["2019", "2020", "2021", "2022"], years.Select(y => y.Value[..4]));
        Assert.Equal([2, 2 + 23, 2, 1], years.Select(y => y.Count));
        foreach (Facet year in years)
        {
            string y = year.Value[..4];
            JsonElement dated = await _host.GetJsonAsync($"/api/search?q=*&from={y}-01-01&to={y}-12-31&limit=0");
            Assert.Equal(year.Count, dated.GetProperty("totalHits").GetInt64());
        }
    }

    [Fact]
    public async Task Filters_of_one_name_mean_either_and_of_two_names_mean_both()
    {
        JsonElement either = await _host.GetJsonAsync("/api/search?q=*&filter=region:usa&filter=region:brazil&limit=100");
        JsonElement both = await _host.GetJsonAsync("/api/search?q=*&filter=topic:energy&filter=region:europe&limit=100&facet=region");

        Assert.Equal(["news/2019/wheat", "news/2020/oil-glut", "news/2021/coffee"], SearchEndpointTests.Ids(either).Order(StringComparer.Ordinal));
        Assert.Equal(["news/2021/solar", "news/2022/gas"], SearchEndpointTests.Ids(both).Order(StringComparer.Ordinal));
        Assert.Equal([new Facet("europe", 2)], Values(both.GetProperty("facets").GetProperty("region")));
    }

    private static Facet[] Values(JsonElement facet) =>
        [.. facet.EnumerateArray().Select(v => new Facet(v.GetProperty("value").GetString()!, v.GetProperty("count").GetInt64()))];

    private sealed record Facet(string Value, long Count);
}
