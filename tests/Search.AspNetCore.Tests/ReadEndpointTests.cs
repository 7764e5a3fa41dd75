using System.Net;
using System.Text.Json;

namespace Search.AspNetCore.Tests;

public sealed class ReadEndpointTests : IAsyncLifetime, IDisposable
{
    private readonly ApiHost _host = new();

    public Task InitializeAsync() => _host.SeedAsync(Corpus.News);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Complete_suggests_words_with_the_documents_each_finds()
    {
        JsonElement json = await _host.GetJsonAsync("/api/complete?q=oil%20gl&limit=5");

        Assert.Equal(["text", "completions"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("oil gl", json.GetProperty("text").GetString());
        JsonElement first = json.GetProperty("completions")[0];
        Assert.Equal(["query", "documents"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("oil glut", first.GetProperty("query").GetString());
        Assert.Equal(1, first.GetProperty("documents").GetInt64());
    }

    [Theory]
    [InlineData("news/2019/oil-prices")]
    [InlineData("news%2F2019%2Foil-prices")]
    [InlineData("news%2f2019/oil-prices")]
    public async Task Documents_takes_ids_with_slashes_raw_or_escaped(string path)
    {
        JsonElement json = await _host.GetJsonAsync("/api/documents/" + path);

        Assert.Equal(["id", "title", "date", "body", "tags"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("news/2019/oil-prices", json.GetProperty("id").GetString());
        Assert.Equal("Oil prices rise", json.GetProperty("title").GetString());
        Assert.Equal("2019-03-01", json.GetProperty("date").GetString());
        Assert.StartsWith("Crude oil prices", json.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal(["energy", "markets"], json.GetProperty("tags").GetProperty("topic").EnumerateArray().Select(v => v.GetString()));
    }

    [Theory]
    [InlineData("news/2020/oil-glut")]
    [InlineData("news%2F2020%2Foil-glut")]
    public async Task Similar_takes_ids_with_slashes_and_answers_hits(string path)
    {
        JsonElement json = await _host.GetJsonAsync("/api/similar/" + path + "?limit=3&filter=topic:energy");

        Assert.Equal("news/2020/oil-glut", json.GetProperty("query").GetString());
        string[] ids = SearchEndpointTests.Ids(json);
        Assert.NotEmpty(ids);
        Assert.DoesNotContain("news/2020/oil-glut", ids);
        Assert.Contains("news/2019/oil-prices", ids);
        Assert.All(json.GetProperty("hits").EnumerateArray(), h => Assert.Contains("energy", h.GetProperty("tags").GetProperty("topic").EnumerateArray().Select(v => v.GetString())));
    }

    [Fact]
    public async Task Stats_describe_the_index()
    {
        JsonElement json = await _host.GetJsonAsync("/api/stats");

        Assert.Equal(["documents", "dateFrom", "dateTo", "sizeBytes", "segments", "tags"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(8, json.GetProperty("documents").GetInt64());
        Assert.Equal("2019-03-01", json.GetProperty("dateFrom").GetString());
        Assert.Equal("2022-09-01", json.GetProperty("dateTo").GetString());
        Assert.True(json.GetProperty("sizeBytes").GetInt64() > 0);
        Assert.True(json.GetProperty("segments").GetInt32() >= 1);
        var tags = json.GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("documents").GetInt64());
        Assert.Equal(7, tags["topic"]);
        Assert.Equal(7, tags["region"]);
    }

    [Fact]
    public async Task Health_is_healthy_when_the_index_answers()
    {
        using HttpResponseMessage response = await _host.Client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_lists_every_route_and_the_search_parameters()
    {
        JsonElement json = await _host.GetJsonAsync("/openapi/v1.json");
        JsonElement paths = json.GetProperty("paths");

        Assert.Equal(["/api/complete", "/api/documents", "/api/documents/{id}", "/api/search", "/api/similar/{id}", "/api/stats"],
            paths.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["delete", "get", "put"], paths.GetProperty("/api/documents/{id}").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["post"], paths.GetProperty("/api/documents").EnumerateObject().Select(p => p.Name));
        string[] parameters = [.. paths.GetProperty("/api/search").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Select(p => p.GetProperty("name").GetString()!)];
        Assert.Equal(["after", "asYouType", "facet", "facetSize", "filter", "fragmentSize", "fragments", "from", "limit", "offset", "q", "sort", "syntax", "to", "typos"],
            parameters.Order(StringComparer.Ordinal));
        JsonElement q = paths.GetProperty("/api/search").GetProperty("get").GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "q");
        Assert.Contains("query", q.GetProperty("description").GetString(), StringComparison.Ordinal);
        string[] similar = [.. paths.GetProperty("/api/similar/{id}").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Select(p => p.GetProperty("name").GetString()!)];
        Assert.Contains("id", similar);
        Assert.DoesNotContain("q", similar);
    }
}
