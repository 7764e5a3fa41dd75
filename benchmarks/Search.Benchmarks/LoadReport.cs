using System.Globalization;
using System.Text.Json;

namespace Search.Benchmarks;

/// <summary>How long and how hard <see cref="LoadReport"/> loads the server.</summary>
public sealed record LoadSettings(TimeSpan Duration, TimeSpan Warmup, IReadOnlyList<int> Concurrency);

/// <summary>
/// <c>--load-report [--duration 10s] [--warmup 3s] [--connections 1,8,64]</c>: <c>search serve</c> over the benchmark
/// index of the corpus, in its own process, loaded by N HTTP connections in a closed loop with the query suite's
/// queries (top 10 with highlighting: <c>limit=10&amp;fragments=3</c>), then the same searches through
/// <see cref="SearchIndex.Search"/> in this process on N threads. Per level: requests per second, median and 99th
/// percentile latency, failed requests, and the server's working set, sampled every 50 ms, to show that memory stays
/// bounded under load. Not a timed test: it fails (exit 1) only when a request fails, the server and the library
/// disagree, or the server does not stop cleanly on SIGINT (exit code 0).
/// </summary>
public static class LoadReport
{
    private const int Limit = 10;
    private const int Fragments = 3;
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(50);

    public static int Run(LoadSettings settings, TextWriter output, TextWriter error)
    {
        CultureInfo invariant = CultureInfo.InvariantCulture;
        Corpus corpus = Corpus.Current;
        string indexPath = BenchmarkIndex.PathFor(corpus);
        LoadQuery[] queries = [.. BenchmarkQuery.Load(corpus).Select(LoadQuery.For)];
        using SearchIndex index = SearchIndex.Open(indexPath, new SearchIndexOptions { ReadOnly = true });
        string loadBefore = LoadAverage();

        var http = new List<(LoadResult Result, long MaxWorkingSet)>();
        int? exitCode;
        long idleWorkingSet, peakWorkingSet;
        bool endedEarly;
        bool agree;
        using (ServerProcess server = ServerProcess.StartAsync(indexPath, error).GetAwaiter().GetResult())
        {
            output.WriteLine(string.Create(invariant, $"Started: {server.Command} (process {server.Id}), listening at {server.Address}"));
            idleWorkingSet = server.Memory().Current;
            agree = Agree(server.Address, index, queries, output, error);
            foreach (int connections in settings.Concurrency.TakeWhile(_ => !server.HasExited))
                http.Add(LoadServer(server, connections, queries, settings));
            peakWorkingSet = Math.Max(server.Memory().Peak, http.Select(h => h.MaxWorkingSet).DefaultIfEmpty().Max());
            endedEarly = server.HasExited;
            exitCode = server.StopAsync().GetAwaiter().GetResult();
        }

        var library = new List<LoadResult>();
        foreach (int threads in settings.Concurrency)
        {
            library.Add(ClosedLoop.Run(threads, settings.Warmup, settings.Duration, dedicatedThreads: true, (worker, sequence) =>
            {
                index.Search(queries[Pick(worker, sequence, queries.Length)].Request);
                return Task.FromResult(true);
            }));
        }

        output.WriteLine();
        output.WriteLine(string.Create(invariant,
            $"Corpus {corpus.Name} ({corpus.Files.Count:N0} document{(corpus.Files.Count == 1 ? "" : "s")}); {queries.Length} queries in turn ({string.Join(", ", queries.Select(q => q.Query.Category))}), " +
            $"top {Limit} with {Fragments} highlighted fragments; each level {settings.Warmup.TotalSeconds:0.###} s of warm-up, then {settings.Duration.TotalSeconds:0.###} s measured; " +
            $"{Environment.ProcessorCount} cores, shared by the client and the server."));
        output.WriteLine(string.Create(invariant, $"Load average (1, 5, 15 min) before: {loadBefore}; after: {LoadAverage()}."));
        output.WriteLine();
        output.WriteLine("| Side | Concurrency | Requests | Requests/s | p50 ms | p99 ms | Failed | Server working set, max in level |");
        output.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach ((LoadResult result, long maxWorkingSet) in http)
        {
            output.WriteLine(string.Create(invariant,
                $"| HTTP, `search serve` | {result.Workers} connection{(result.Workers == 1 ? "" : "s")} | {Row(result)} | {result.Failed} | {maxWorkingSet / 1e6:N1} MB |"));
        }
        foreach (LoadResult result in library)
        {
            output.WriteLine(string.Create(invariant,
                $"| in process, `SearchIndex.Search` | {result.Workers} thread{(result.Workers == 1 ? "" : "s")} | {Row(result)} | {result.Failed} | |"));
        }
        output.WriteLine();
        output.WriteLine(string.Create(invariant,
            $"Server working set: {idleWorkingSet / 1e6:N1} MB idle after start, peak {peakWorkingSet / 1e6:N1} MB over the whole run (the kernel's high-water mark)."));

        int failed = http.Sum(h => h.Result.Failed);
        // search serve documents that Ctrl+C lets open requests finish, closes the index and exits 0.
        bool stopped = !endedEarly && exitCode == 0;
        output.WriteLine(endedEarly
            ? string.Create(invariant, $"The server ended during the run, before this sent SIGINT, with exit code {exitCode}.")
            : exitCode is null
            ? "The server did not stop within 30 s of SIGINT and was killed."
            : string.Create(invariant, $"The server stopped on SIGINT with exit code {exitCode}{(stopped ? "" : ", which is not a clean stop")}."));
        if (failed > 0)
            error.WriteLine(string.Create(invariant, $"{failed} HTTP request(s) failed."));
        return failed == 0 && stopped && agree ? 0 : 1;
    }

    /// <summary>The machine's load averages, which say how much other work shared the cores (Linux only).</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Row(LoadResult result) => result.Completed == 0
        ? "0 | 0 | - | -"
        : string.Create(CultureInfo.InvariantCulture, $"{result.Completed:N0} | {result.PerSecond:N0} | {result.P50Ms:N2} | {result.P99Ms:N2}");

    /// <summary>Each worker starts at its own place in the query list, so that every query is in flight at once.</summary>
    private static int Pick(int worker, long sequence, int count) => (int)((worker + sequence) % count);

    private static (LoadResult Result, long MaxWorkingSet) LoadServer(ServerProcess server, int connections, LoadQuery[] queries, LoadSettings settings)
    {
        // A client per level, so that each level opens its own connections during its warm-up.
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
        long maxWorkingSet = 0;
        using (new Timer(_ =>
        {
            long current = server.Memory().Current;
            long seen;
            while (current > (seen = Interlocked.Read(ref maxWorkingSet)) && Interlocked.CompareExchange(ref maxWorkingSet, current, seen) != seen)
            {
            }
        }, null, TimeSpan.Zero, SampleEvery))
        {
            LoadResult result = ClosedLoop.Run(connections, settings.Warmup, settings.Duration, dedicatedThreads: false,
                (worker, sequence) => Send(client, queries[Pick(worker, sequence, queries.Length)].Uri), () => server.HasExited);
            return (result, Math.Max(maxWorkingSet, server.Memory().Current));
        }
    }

    /// <summary>One request, its answer read to the end; false for an answer other than 2xx or no answer.</summary>
    private static async Task<bool> Send(HttpClient client, Uri uri)
    {
        try
        {
            using HttpResponseMessage response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            await response.Content.CopyToAsync(Stream.Null).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return false;
        }
    }

    /// <summary>Asks the server each query once and checks that it finds what the library finds on the same index, so that
    /// the two sides of the comparison do the same work.</summary>
    private static bool Agree(Uri address, SearchIndex index, LoadQuery[] queries, TextWriter output, TextWriter error)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        bool agree = true;
        var sizes = new List<int>();
        foreach (LoadQuery query in queries)
        {
            using HttpResponseMessage response = client.GetAsync(query.Uri).GetAwaiter().GetResult();
            string body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            sizes.Add(body.Length);
            SearchResults expected = index.Search(query.Request);
            if (!response.IsSuccessStatusCode)
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GET {query.Uri} answered {(int)response.StatusCode}: {body}"));
                agree = false;
                continue;
            }
            using var json = JsonDocument.Parse(body);
            long total = json.RootElement.GetProperty("totalHits").GetInt64();
            int hits = json.RootElement.GetProperty("hits").GetArrayLength();
            if (total != expected.TotalHits || hits != expected.Hits.Count)
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"GET {query.Uri}: {total} hits ({hits} shown) over HTTP, {expected.TotalHits} ({expected.Hits.Count} shown) in process."));
                agree = false;
            }
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(agree ? "The server and the library find the same hits" : "The server and the library DISAGREE")} for the {queries.Length} queries; answers of {sizes.Min():N0}-{sizes.Max():N0} characters."));
        return agree;
    }

    /// <summary>A benchmark query as the HTTP API's URL and as the <see cref="SearchRequest"/> the API makes of it.</summary>
    private sealed record LoadQuery(BenchmarkQuery Query, Uri Uri, SearchRequest Request)
    {
        public static LoadQuery For(BenchmarkQuery query)
        {
            string uri = string.Create(CultureInfo.InvariantCulture, $"api/search?q={Uri.EscapeDataString(query.Text)}&limit={Limit}&fragments={Fragments}");
            if (query.From is { } from)
                uri += "&from=" + from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (query.To is { } to)
                uri += "&to=" + to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            // The API's defaults: Lucene syntax, typo tolerance on, fragments of 160 characters marked with <mark>, encoded.
            var request = new SearchRequest(query.Text)
            {
                DateFrom = query.From,
                DateTo = query.To,
                Size = Limit,
                Highlight = new HighlightOptions { Fragments = Fragments },
            };
            return new LoadQuery(query, new Uri(uri, UriKind.Relative), request);
        }
    }
}
