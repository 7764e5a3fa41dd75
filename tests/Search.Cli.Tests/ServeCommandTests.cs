using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

using Search.Cli.Commands;

namespace Search.Cli.Tests;

/// <summary><c>search serve</c> as a user runs it: a real process on a real port, answered over HTTP, stopped by a real
/// signal.</summary>
public sealed class ServeCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Serve_OnAFreshClone_IndexesSeeds_ServesPageApiHealthAndOpenApi_AndStopsCleanlyOnCtrlC()
    {
        using var workspace = new TempFolder();
        workspace.CopySeeds();
        string url = FreeLoopbackUrl();
        using var server = CliProcess.Start(workspace.Path, "serve", "--urls", url);
        using HttpClient http = await ConnectAsync(server, url);

        string page = await http.GetStringAsync("/");
        Assert.Contains("id=\"q\"", page, StringComparison.Ordinal);
        using (JsonDocument results = JsonDocument.Parse(await http.GetStringAsync("/api/search?q=kabul")))
        {
            JsonElement hit = Assert.Single(results.RootElement.GetProperty("hits").EnumerateArray());
            Assert.Contains("<mark>Kabul</mark>", string.Concat(hit.GetProperty("snippets").EnumerateArray().Select(s => s.GetString())), StringComparison.Ordinal);
        }
        Assert.Equal("Healthy", await http.GetStringAsync("/health"));
        using (JsonDocument openApi = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json")))
            Assert.True(openApi.RootElement.GetProperty("paths").TryGetProperty("/api/search", out _));

        // What routing answers by itself is a problem too.
        using (HttpResponseMessage unknown = await http.GetAsync("/api/nothing-here"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        }

        // Without a key the index is served read-only: writes are refused, not half-done.
        using HttpResponseMessage write = await http.PutAsync("/api/documents/new", Json("""{"title":"t","body":"b"}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);

        await server.SignalAsync("INT");
        RunResult run = await server.ExitAsync();
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Contains($"at {url}", run.Output, StringComparison.Ordinal);
        Assert.Contains("indexing", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WithApiKeyFromEnvironment_AcknowledgedWriteSurvivesTheServerStoppingBySigterm()
    {
        using var workspace = new TempFolder();
        workspace.CopySeeds();
        string url = FreeLoopbackUrl();
        ProcessStartInfo start = CliProcess.StartInfo(workspace.Path, ["serve", "--urls", url]);
        start.Environment[CliHost.ApiKeyVariable] = "s3cret";
        using var server = CliProcess.Start(start);
        using HttpClient http = await ConnectAsync(server, url);

        using var wrongKey = new HttpRequestMessage(HttpMethod.Put, "/api/documents/notes/zebra") { Content = Json("""{"title":"Zebra crossing","body":"A zebra crossed."}""") };
        wrongKey.Headers.Add("X-Api-Key", "guess");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrongKey)).StatusCode);

        using var put = new HttpRequestMessage(HttpMethod.Put, "/api/documents/notes/zebra") { Content = Json("""{"title":"Zebra crossing","body":"A zebra crossed.","date":"2024-05-06"}""") };
        put.Headers.Add("X-Api-Key", "s3cret");
        using HttpResponseMessage created = await http.SendAsync(put);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        await server.SignalAsync("TERM");
        RunResult run = await server.ExitAsync();
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);

        RunResult get = await Cli.RunAsync(workspace.Path, "get", "notes/zebra");
        Assert.True(get.ExitCode == 0, get.Error);
        Assert.Contains("Zebra crossing", get.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost:5000")]
    [InlineData("ftp://127.0.0.1:21")]
    [InlineData("http://127.0.0.1:5000/search")]
    [InlineData("http://locahost:5000")] // a typo would otherwise listen on every interface
    [InlineData("http://256.1.1.1:5000")]
    [InlineData("https://127.0.0.1:5443")]
    [InlineData(";")]
    [InlineData("http://127.0.0.1:5000;http://127.0.0.1:5000")]
    public async Task Serve_BadUrls_ExitsWithUsageNamingTheOption(string urls)
    {
        using var workspace = new TempFolder();
        RunResult run = await Cli.RunAsync(workspace.Path, "serve", "--urls", urls);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--urls", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Without --urls, serve listens on its default loopback address; should another program hold port 5000 on
    /// this machine, the command must still get as far as binding it (not refuse its own default).</summary>
    [Fact]
    public async Task Serve_WithoutUrls_ListensOnTheDefaultLoopbackAddress()
    {
        using var workspace = new TempFolder();
        workspace.CopySeeds();
        using var server = CliProcess.Start(workspace.Path, "serve");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (!server.HasExited && waited.Elapsed < Patience)
        {
            try
            {
                using HttpResponseMessage response = await http.GetAsync(new Uri(ServeCommand.DefaultUrls + "/health"));
                break;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        if (!server.HasExited)
            await server.SignalAsync("INT");
        RunResult run = await server.ExitAsync();
        if (run.ExitCode == ExitCodes.Success)
            Assert.Contains($"at {ServeCommand.DefaultUrls}", run.Output, StringComparison.Ordinal);
        else
            Assert.Contains("address already in use", run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("--urls", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_SecondWriterOnTheSameIndex_ExitsSayingItIsLocked()
    {
        using var workspace = new TempFolder();
        workspace.CopySeeds();
        RunResult indexed = await Cli.RunAsync(workspace.Path, "index");
        Assert.True(indexed.ExitCode == 0, indexed.Error);
        using SearchIndex writer = SearchIndex.Open(workspace.Combine(".search-index"));

        RunResult run = await Cli.RunAsync(workspace.Path, "serve", "--urls", FreeLoopbackUrl(), "--api-key", "k");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains("locked", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_PortInUse_FailsWithAMessageInsteadOfServingNothing()
    {
        using var workspace = new TempFolder();
        workspace.CopySeeds();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        RunResult run = await Cli.RunAsync(workspace.Path, "serve", "--urls", $"http://127.0.0.1:{port}");
        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains("address already in use", run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => line.StartsWith("search:", StringComparison.Ordinal) || line.StartsWith('['));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    internal static string FreeLoopbackUrl() => $"http://127.0.0.1:{FreePort()}";

    /// <summary>A TCP port free on this machine a moment ago.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A client for the server once it is healthy (it indexes the seeds first); fails if the process ends first.</summary>
    internal static async Task<HttpClient> ConnectAsync(CliProcess server, string url)
    {
        var http = new HttpClient { BaseAddress = new Uri(url), Timeout = Patience };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (server.HasExited)
                throw new InvalidOperationException($"search serve ended before answering: {server.Error}");
            try
            {
                // Listening comes first; healthy once the seeds are indexed (503 until then).
                using HttpResponseMessage response = await http.GetAsync("/health");
                if (response.IsSuccessStatusCode)
                    return http;
            }
            catch (HttpRequestException) when (waited.Elapsed < Patience)
            {
            }
            if (waited.Elapsed >= Patience)
                throw new TimeoutException($"search serve did not become healthy: {server.Error}");
            await Task.Delay(100);
        }
    }
}
