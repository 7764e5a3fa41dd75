using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Search.Cli.Tests;

/// <summary><c>search serve --cluster</c> as a user runs it: a real silo, the same documents indexed into it and into a
/// local index, and two real servers whose HTTP answers must be the same.</summary>
public sealed class ServeClusterTests
{
    private const string ApiKey = "s3cret";

    private static readonly string[] Words =
    [
        "wheat", "grain", "corn", "crude", "oil", "barrel", "export", "shipment", "price", "rose", "fell", "tonnes", "harbour",
        "farmers", "bank", "rate", "cocoa", "coffee", "sugar", "gold", "market", "traders", "season", "weather", "import",
    ];

    private static readonly string[] Topics = ["grain", "energy", "softs", "money"];
    private static readonly string[] Places = ["usa", "canada", "brazil", "uk"];

    [Fact]
    public async Task Serve_OverACluster_AnswersAsServeOverALocalIndexOfTheSameDocuments()
    {
        using var workspace = new TempFolder();
        WriteDocuments(workspace, count: 40);
        int siloPort = ServeCommandTests.FreePort();
        int gateway = ServeCommandTests.FreePort();
        string gatewayAddress = $"127.0.0.1:{gateway}";
        string clusterUrl = ServeCommandTests.FreeLoopbackUrl();
        string localUrl = ServeCommandTests.FreeLoopbackUrl();
        var processes = new List<CliProcess>();
        try
        {
            CliProcess silo = Start(processes, workspace.Path, "silo", "--root", workspace.Combine("shards"), "--port", Number(siloPort),
                "--gateway", Number(gateway), "--shards", "3");
            await silo.WaitForOutputAsync("Silo on ");

            RunResult intoCluster = await Cli.RunProcessAsync(workspace.Path, null, "index", "docs", "--metadata", "docs/meta.tsv", "--cluster", gatewayAddress);
            Assert.True(intoCluster.ExitCode == 0, intoCluster.Error);
            RunResult intoLocal = await Cli.RunProcessAsync(workspace.Path, null, "index", "docs", "--metadata", "docs/meta.tsv", "--index", "local");
            Assert.True(intoLocal.ExitCode == 0, intoLocal.Error);

            CliProcess clusterServer = Start(processes, workspace.Path, "serve", "--cluster", gatewayAddress, "--urls", clusterUrl);
            CliProcess localServer = Start(processes, workspace.Path, "serve", "--index", "local", "--urls", localUrl);
            using HttpClient cluster = await ServeCommandTests.ConnectAsync(clusterServer, clusterUrl);
            using HttpClient local = await ServeCommandTests.ConnectAsync(localServer, localUrl);
            Assert.Equal(HttpStatusCode.OK, (await cluster.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);

            // Facets over tags and dates, with highlighting.
            JsonNode facets = await AssertSameAsync(cluster, local, "/api/search?q=wheat&facet=topics&facet=places&facet=date:year&limit=5");
            Assert.True(facets["totalHits"]!.GetValue<long>() > 5);
            Assert.NotEmpty(facets["facets"]!["topics"]!.AsArray());
            Assert.Contains("<mark>wheat</mark>", string.Concat(facets["hits"]!.AsArray().SelectMany(hit => hit!["snippets"]!.AsArray())
                .Select(snippet => snippet!.GetValue<string>())), StringComparison.OrdinalIgnoreCase);

            // Paging with the cursor, read from the first page and followed on both.
            JsonNode first = await AssertSameAsync(cluster, local, $"/api/search?q={Q("grain OR oil")}&limit=4");
            string next = first["next"]?.GetValue<string>() ?? throw new InvalidOperationException("The first page has no next cursor.");
            JsonNode second = await AssertSameAsync(cluster, local, $"/api/search?q={Q("grain OR oil")}&limit=4&after={Q(next)}");
            Assert.Equal(4, second["hits"]!.AsArray().Count);

            await AssertSameAsync(cluster, local, $"/api/search?q={Q("\"crude oil\" OR sugar")}&fragments=2&fragmentSize=40");
            await AssertSameAsync(cluster, local, "/api/search?q=*&sort=date&filter=places:usa&from=2021-01-01&facet=topics&facet=date:month&limit=7");
            await AssertSameAsync(cluster, local, $"/api/search?q={Q("wheet prise")}&syntax=simple");
            await AssertSameAsync(cluster, local, "/api/search?q=expo&syntax=simple&asYouType=true&offset=2&limit=3");
            // Prefixes of more words than the limit, so the counts decide which come back.
            JsonNode completions = await AssertSameAsync(cluster, local, "/api/complete?q=c&limit=3");
            Assert.Equal(3, completions["completions"]!.AsArray().Count);
            await AssertSameAsync(cluster, local, "/api/complete?q=s");
            await AssertSameAsync(cluster, local, $"/api/complete?q={Q("crude o")}&limit=5");

            string id = facets["hits"]![0]!["id"]!.GetValue<string>();
            JsonNode similar = await AssertSameAsync(cluster, local, $"/api/similar/{id}?limit=5&facet=places");
            Assert.NotEmpty(similar["hits"]!.AsArray());
            await AssertSameAsync(cluster, local, $"/api/documents/{id}");
            await AssertSameAsync(cluster, local, "/api/documents/no-such-document", HttpStatusCode.NotFound);
            await AssertSameAsync(cluster, local, "/api/similar/no-such-document", HttpStatusCode.NotFound);

            // Bad requests: the query's own syntax, a cursor the shards refuse, a parameter the server refuses itself.
            JsonNode syntax = await AssertSameAsync(cluster, local, $"/api/search?q={Q("wheat AND (")}", HttpStatusCode.BadRequest);
            Assert.Equal("q", syntax["parameter"]!.GetValue<string>());
            await AssertSameAsync(cluster, local, "/api/search?q=wheat&after=not-a-cursor", HttpStatusCode.BadRequest);
            await AssertSameAsync(cluster, local, "/api/search?q=wheat&limit=lots", HttpStatusCode.BadRequest);

            // The same documents, whatever the index's size on disk.
            JsonNode clusterStats = await GetJsonAsync(cluster, "/api/stats", HttpStatusCode.OK);
            JsonNode localStats = await GetJsonAsync(local, "/api/stats", HttpStatusCode.OK);
            foreach (string field in (string[])["documents", "dateFrom", "dateTo", "tags"])
                Assert.True(JsonNode.DeepEquals(clusterStats[field], localStats[field]), $"stats.{field}: cluster {clusterStats[field]}, local {localStats[field]}");

            // The same OpenAPI document but for the server's own address.
            JsonNode clusterApi = await GetJsonAsync(cluster, "/openapi/v1.json", HttpStatusCode.OK);
            JsonNode localApi = await GetJsonAsync(local, "/openapi/v1.json", HttpStatusCode.OK);
            Assert.True(JsonNode.DeepEquals(clusterApi["paths"], localApi["paths"]) && JsonNode.DeepEquals(clusterApi["components"], localApi["components"]),
                $"OpenAPI:\ncluster: {clusterApi}\nlocal:   {localApi}");

            // Both are read-only without a key.
            using (HttpResponseMessage refused = await cluster.PutAsync(new Uri("/api/documents/x", UriKind.Relative), Body("""{"title":"x"}""")))
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

            await clusterServer.SignalAsync("INT");
            await localServer.SignalAsync("TERM");
            RunResult clusterRun = await clusterServer.ExitAsync();
            RunResult localRun = await localServer.ExitAsync();
            Assert.True(clusterRun.ExitCode == 0, clusterRun.Error);
            Assert.True(localRun.ExitCode == 0, localRun.Error);
            Assert.Contains($"Serving the cluster at {gatewayAddress} at {clusterUrl}", clusterRun.Output, StringComparison.Ordinal);

            await AssertWritesAlikeAsync(processes, workspace, gatewayAddress);

            await silo.SignalAsync("TERM");
            RunResult siloRun = await silo.ExitAsync();
            Assert.True(siloRun.ExitCode == 0, siloRun.Error);
        }
        finally
        {
            // Whatever failed, nothing is left running: what a signal did not stop is killed.
            foreach (CliProcess process in processes)
                process.Dispose();
        }
    }

    [Fact]
    public async Task Serve_ClusterAndIndexTogether_IsAUsageError()
    {
        using var workspace = new TempFolder();
        RunResult run = await Cli.RunAsync(workspace.Path, "serve", "--cluster", "127.0.0.1:30000", "--index", "local");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--index and --cluster", run.Error, StringComparison.Ordinal);
    }

    /// <summary>With the API key, a write through either server is answered alike and is what later reads find.</summary>
    private static async Task AssertWritesAlikeAsync(List<CliProcess> processes, TempFolder workspace, string gatewayAddress)
    {
        string clusterUrl = ServeCommandTests.FreeLoopbackUrl();
        string localUrl = ServeCommandTests.FreeLoopbackUrl();
        CliProcess clusterServer = Start(processes, WithApiKey(workspace.Path, "serve", "--cluster", gatewayAddress, "--urls", clusterUrl));
        CliProcess localServer = Start(processes, WithApiKey(workspace.Path, "serve", "--index", "local", "--urls", localUrl));
        using HttpClient cluster = await ServeCommandTests.ConnectAsync(clusterServer, clusterUrl);
        using HttpClient local = await ServeCommandTests.ConnectAsync(localServer, localUrl);
        foreach (HttpClient http in (HttpClient[])[cluster, local])
            http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);

        string document = """{"title":"Zebra crossing","body":"A zebra crossed the harbour with wheat.","date":"2024-05-06","tags":{"places":["uk"]}}""";
        await AssertSameAsync(cluster, local, HttpMethod.Put, "/api/documents/notes/zebra", document, HttpStatusCode.Created);
        await AssertSameAsync(cluster, local, HttpMethod.Put, "/api/documents/notes/zebra", document, HttpStatusCode.OK);
        await AssertSameAsync(cluster, local, HttpMethod.Post, "/api/documents",
            """[{"id":"notes/okapi","title":"Okapi","body":"An okapi ate the corn."},{"id":"notes/bad","title":"Bad","tags":{"":["x"]}}]""",
            HttpStatusCode.BadRequest);
        JsonNode found = await AssertSameAsync(cluster, local, "/api/search?q=zebra&facet=places");
        Assert.Equal(1, found["totalHits"]!.GetValue<long>());
        await AssertSameAsync(cluster, local, HttpMethod.Delete, "/api/documents/notes/zebra", null, HttpStatusCode.NoContent);
        await AssertSameAsync(cluster, local, HttpMethod.Delete, "/api/documents/notes/zebra", null, HttpStatusCode.NotFound);
        await AssertSameAsync(cluster, local, "/api/search?q=zebra");

        await clusterServer.SignalAsync("TERM");
        await localServer.SignalAsync("INT");
        Assert.Equal(0, (await clusterServer.ExitAsync()).ExitCode);
        Assert.Equal(0, (await localServer.ExitAsync()).ExitCode);
    }

    /// <summary>Forty-odd short articles from a small vocabulary (so words repeat across documents, as similar and
    /// completion need), dated over four years and tagged by a metadata table.</summary>
    private static void WriteDocuments(TempFolder workspace, int count)
    {
        var random = new Random(20240506);
        var meta = new StringBuilder("file\tnewid\ttopics\tplaces\n");
        for (int i = 0; i < count; i++)
        {
            string Pick() => Words[random.Next(Words.Length)];
            string title = string.Join(' ', Pick(), Pick(), Pick());
            string body = string.Join(' ', Enumerable.Range(0, 20 + random.Next(40)).Select(_ => Pick())) + ".";
            string date = new DateOnly(2020, 1, 1).AddDays(random.Next(4 * 365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            string file = string.Create(CultureInfo.InvariantCulture, $"doc-{i:D2}.txt");
            workspace.Write("docs/" + file, Cli.Seed(date, title, body));
            string topics = string.Join(',', Topics.Where(_ => random.Next(3) == 0).DefaultIfEmpty(Topics[i % Topics.Length]));
            string places = string.Join(',', Places.Where(_ => random.Next(3) == 0));
            meta.Append(CultureInfo.InvariantCulture, $"{file}\t{i}\t{topics}\t{places}\n");
        }
        workspace.Write("docs/meta.tsv", meta.ToString());
    }

    private static Task<JsonNode> AssertSameAsync(HttpClient cluster, HttpClient local, string url, HttpStatusCode status = HttpStatusCode.OK) =>
        AssertSameAsync(cluster, local, HttpMethod.Get, url, null, status);

    /// <summary>Sends the same request to both servers and checks that both answer <paramref name="status"/> with the same
    /// JSON, timing and trace ids aside; returns the cluster's.</summary>
    private static async Task<JsonNode> AssertSameAsync(HttpClient cluster, HttpClient local, HttpMethod method, string url, string? body,
        HttpStatusCode status)
    {
        (HttpStatusCode clusterStatus, string? clusterType, JsonNode? clusterJson) = await SendAsync(cluster, method, url, body);
        (HttpStatusCode localStatus, string? localType, JsonNode? localJson) = await SendAsync(local, method, url, body);
        Assert.True(localStatus == status, $"{method} {url}: the local server answered {localStatus}: {localJson}");
        Assert.True(clusterStatus == status, $"{method} {url}: the cluster's server answered {clusterStatus}, the local one {localStatus}: {clusterJson}");
        Assert.Equal(localType, clusterType);
        Assert.True(JsonNode.DeepEquals(clusterJson, localJson), $"{method} {url}:\ncluster: {clusterJson}\nlocal:   {localJson}");
        return clusterJson ?? new JsonObject();
    }

    private static async Task<JsonNode> GetJsonAsync(HttpClient http, string url, HttpStatusCode status)
    {
        (HttpStatusCode answered, _, JsonNode? json) = await SendAsync(http, HttpMethod.Get, url, null);
        Assert.Equal(status, answered);
        return json ?? throw new InvalidOperationException($"{url} answered no JSON.");
    }

    private static async Task<(HttpStatusCode Status, string? MediaType, JsonNode? Json)> SendAsync(HttpClient http, HttpMethod method, string url, string? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        if (body is not null)
            request.Content = Body(body);
        using HttpResponseMessage response = await http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        JsonNode? json = text.Length == 0 ? null : JsonNode.Parse(text);
        WithoutTimings(json);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, json);
    }

    /// <summary>Removes what differs from one request to the next whatever the index: how long it took, the trace id.</summary>
    private static void WithoutTimings(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject json:
                json.Remove("tookMs");
                json.Remove("traceId");
                foreach ((_, JsonNode? child) in json)
                    WithoutTimings(child);
                break;
            case JsonArray array:
                foreach (JsonNode? child in array)
                    WithoutTimings(child);
                break;
        }
    }

    private static CliProcess Start(List<CliProcess> processes, string workingDirectory, params string[] args) =>
        Start(processes, CliProcess.StartInfo(workingDirectory, args));

    private static CliProcess Start(List<CliProcess> processes, System.Diagnostics.ProcessStartInfo start)
    {
        CliProcess process = CliProcess.Start(start);
        processes.Add(process);
        return process;
    }

    private static System.Diagnostics.ProcessStartInfo WithApiKey(string workingDirectory, params string[] args)
    {
        System.Diagnostics.ProcessStartInfo start = CliProcess.StartInfo(workingDirectory, args);
        start.Environment[CliHost.ApiKeyVariable] = ApiKey;
        return start;
    }

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Q(string text) => Uri.EscapeDataString(text);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
