using System.Net;
using System.Text;
using System.Text.Json;

namespace Search.AspNetCore.Tests;

public sealed class ProblemTests : IAsyncLifetime, IDisposable
{
    private readonly ApiHost _host = ApiHost.Writable(("Search:MaxRequestBodyBytes", "2000"));

    public Task InitializeAsync() => _host.SeedAsync(Corpus.News);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_query_syntax_error_is_400_with_its_position()
    {
        using HttpResponseMessage response = await _host.Client.GetAsync(new Uri("/api/search?q=oil%20AND%20(gas", UriKind.Relative));

        JsonElement problem = await Problems.AssertParameterAsync(response, "q");
        Assert.True(problem.GetProperty("position").GetInt32() >= 0);
    }

    [Theory]
    [InlineData("/api/search", "q")]
    [InlineData("/api/search?q=oil&limit=abc", "limit")]
    [InlineData("/api/search?q=oil&limit=-1", "limit")]
    [InlineData("/api/search?q=oil&limit=1000000", "limit")]
    [InlineData("/api/search?q=oil&offset=x", "offset")]
    [InlineData("/api/search?q=oil&sort=x", "sort")]
    [InlineData("/api/search?q=oil&syntax=regex", "syntax")]
    [InlineData("/api/search?q=oil&typos=maybe", "typos")]
    [InlineData("/api/search?q=oil&asYouType=yes", "asYouType")]
    [InlineData("/api/search?q=oil&from=bad", "from")]
    [InlineData("/api/search?q=oil&from=2020-13-01", "from")]
    [InlineData("/api/search?q=oil&to=01/02/2020", "to")]
    [InlineData("/api/search?q=oil&from=2021-01-01&to=2020-01-01", "from")]
    [InlineData("/api/search?q=oil&offset=2&after=abc", "offset")]
    [InlineData("/api/search?q=oil&filter=energy", "filter")]
    [InlineData("/api/search?q=oil&filter=topic:", "filter")]
    [InlineData("/api/search?q=oil&filter=Bad%20Name:x", "filter")]
    [InlineData("/api/search?q=oil&facet=Bad%20Name", "facet")]
    [InlineData("/api/search?q=oil&facet=date:week", "facet")]
    [InlineData("/api/search?q=oil&facet=", "facet")]
    [InlineData("/api/search?q=oil&facetSize=0", "facetSize")]
    [InlineData("/api/search?q=oil&after=not-a-cursor", "after")]
    [InlineData("/api/search?q=oil&fragments=101", "fragments")]
    [InlineData("/api/search?q=oil&fragmentSize=5", "fragmentSize")]
    [InlineData("/api/similar/news/2019/wheat?sort=x", "sort")]
    [InlineData("/api/complete", "q")]
    [InlineData("/api/complete?q=oi&limit=0", "limit")]
    [InlineData("/api/search?q=oil&q=gas", "q")]
    [InlineData("/api/search?q=oil&limit=1&limit=2", "limit")]
    public async Task A_bad_parameter_is_400_naming_it(string url, string parameter)
    {
        using HttpResponseMessage response = await _host.Client.GetAsync(new Uri(url, UriKind.Relative));

        await Problems.AssertParameterAsync(response, parameter);
    }

    [Fact]
    public async Task A_cursor_of_another_sort_is_400_naming_after()
    {
        JsonElement page = await _host.GetJsonAsync("/api/search?q=*&limit=2&sort=date");
        string next = page.GetProperty("next").GetString()!;

        using HttpResponseMessage response = await _host.Client.GetAsync(new Uri("/api/search?q=*&limit=2&after=" + Uri.EscapeDataString(next), UriKind.Relative));

        await Problems.AssertParameterAsync(response, "after");
    }

    [Theory]
    [InlineData("GET", "/api/documents/news/1999/nothing")]
    [InlineData("GET", "/api/documents/news%2F1999%2Fnothing")]
    [InlineData("GET", "/api/similar/news/1999/nothing")]
    [InlineData("DELETE", "/api/documents/news/1999/nothing")]
    public async Task An_unknown_id_is_404(string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative));
        using HttpClient writer = _host.Writer();

        using HttpResponseMessage response = await writer.SendAsync(request);

        JsonElement problem = await Problems.AssertAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("news/1999/nothing", problem.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("test-key ")]
    [InlineData("")]
    public async Task A_write_without_the_key_is_401_and_writes_nothing(string? key)
    {
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri("/api/documents/new", UriKind.Relative)) { Content = ApiHost.Body(new { title = "New" }) };
        using var delete = new HttpRequestMessage(HttpMethod.Delete, new Uri("/api/documents/news/2019/wheat", UriKind.Relative));
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/documents", UriKind.Relative)) { Content = ApiHost.Body(new[] { new { id = "bulk" } }) };
        foreach (HttpRequestMessage request in new[] { put, delete, post })
        {
            if (key is not null)
                request.Headers.Add(Microsoft.AspNetCore.Builder.SearchEndpointRouteBuilderExtensions.ApiKeyHeader, key);
            using HttpResponseMessage response = await _host.Client.SendAsync(request);
            JsonElement problem = await Problems.AssertAsync(response, HttpStatusCode.Unauthorized);
            Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(8, _host.Index.Count);
        Assert.NotNull(_host.Index.Get("news/2019/wheat"));
    }

    [Fact]
    public async Task A_write_is_401_when_no_key_is_configured()
    {
        using var host = new ApiHost();

        using HttpClient writer = host.Writer();
        using HttpResponseMessage response = await writer.PutAsync(new Uri("/api/documents/new", UriKind.Relative), ApiHost.Body(new { title = "New" }));

        JsonElement problem = await Problems.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("Search:ApiKey", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(host.Index.Get("new"));
    }

    [Fact]
    public async Task A_write_to_a_read_only_index_is_403_even_with_the_key()
    {
        string path = _host.IndexPath;
        _host.Stop();
        using var host = ApiHost.Writable(("Search:IndexPath", path), ("Search:ReadOnly", "true"));

        using HttpClient writer = host.Writer();
        using HttpResponseMessage response = await writer.PutAsync(new Uri("/api/documents/new", UriKind.Relative), ApiHost.Body(new { title = "New" }));

        await Problems.AssertAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(8, (await host.GetJsonAsync("/api/search?q=*&limit=0")).GetProperty("totalHits").GetInt64());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        using HttpClient writer = _host.Writer();
        string body = new('x', 3000);

        using HttpResponseMessage put = await writer.PutAsync(new Uri("/api/documents/big", UriKind.Relative), ApiHost.Body(new { title = "Big", body }));
        using HttpResponseMessage post = await writer.PostAsync(new Uri("/api/documents", UriKind.Relative), ApiHost.Body(new[] { new { id = "big", body } }));

        await Problems.AssertAsync(put, HttpStatusCode.RequestEntityTooLarge);
        await Problems.AssertAsync(post, HttpStatusCode.RequestEntityTooLarge);
        Assert.Null(_host.Index.Get("big"));
    }

    [Theory]
    [InlineData("{\"title\":\"T\",\"bdy\":\"misspelt\"}")]
    [InlineData("{\"title\":\"T\",")]
    [InlineData("[]")]
    [InlineData("{\"title\":\"T\",\"date\":\"15/03/2020\"}")]
    [InlineData("{\"title\":\"T\",\"tags\":{\"Bad Name\":[\"x\"]}}")]
    [InlineData("{\"title\":\"T\",\"tags\":{\"topic\":[\"\"]}}")]
    [InlineData("{\"id\":\"other\",\"title\":\"T\"}")]
    [InlineData("{}")]
    [InlineData("{\"title\":null,\"body\":\"\"}")]
    public async Task A_bad_document_is_400_and_writes_nothing(string json)
    {
        using HttpClient writer = _host.Writer();

        using HttpResponseMessage response = await writer.PutAsync(new Uri("/api/documents/new", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Null(_host.Index.Get("new"));
        Assert.Null(_host.Index.Get("other"));
    }

    [Fact]
    public async Task A_blank_id_is_400_and_writes_nothing()
    {
        using HttpClient writer = _host.Writer();

        using HttpResponseMessage response = await writer.PutAsync(new Uri("/api/documents/%20", UriKind.Relative), ApiHost.Body(new { title = "T" }));

        await Problems.AssertParameterAsync(response, "id");
        Assert.Null(_host.Index.Get(" "));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        using HttpClient writer = _host.Writer();

        using HttpResponseMessage response = await writer.PutAsync(new Uri("/api/documents/new", UriKind.Relative), new StringContent("title=T", Encoding.UTF8, "text/plain"));

        // Routing refuses it before the endpoint runs (the endpoints declare that they accept JSON), so the body is empty.
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Null(_host.Index.Get("new"));
    }

    [Theory]
    [InlineData("[{\"id\":\"a\",\"title\":\"A\"},{\"title\":\"no id\"}]", "[1].id")]
    [InlineData("[{\"id\":\"a\",\"title\":\"A\"},{\"id\":\"\",\"title\":\"empty id\"}]", "[1].id")]
    [InlineData("[{\"id\":\"a\",\"title\":\"A\"},null]", "[1].id")]
    [InlineData("[{\"id\":\"a\",\"title\":\"A\"},{\"id\":\"b\",\"tags\":{\"title\":[\"x\"]}}]", "[1].tags")]
    [InlineData("[{\"id\":\"a\",\"title\":\"A\"},{\"id\":\"b\",\"titel\":\"B\"}]", "body")]
    [InlineData("{\"id\":\"a\",\"title\":\"A\"}", "body")]
    [InlineData("[{\"id\":\"a\",\"title\":\"A\"},{\"id\":\"a\",\"title\":\"A again\"}]", "[1].id")]
    [InlineData("[{\"id\":\"a\",\"title\":\"A\"},{\"id\":\" \",\"title\":\"blank id\"}]", "[1].id")]
    [InlineData("[{\"id\":\"a\",\"title\":\"A\"},{\"id\":\"b\"}]", "[1].body")]
    public async Task A_bad_bulk_item_is_400_and_nothing_of_the_bulk_is_written(string json, string parameter)
    {
        using HttpClient writer = _host.Writer();

        using HttpResponseMessage response = await writer.PostAsync(new Uri("/api/documents", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

        await Problems.AssertParameterAsync(response, parameter);
        Assert.Null(_host.Index.Get("a"));
        Assert.Null(_host.Index.Get("b"));
        Assert.Equal(8, _host.Index.Count);
    }
}
