using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Search.Benchmarks;

/// <summary>
/// <c>--peers-protocol</c>: raw Lucene.Net or the library measured by the protocol that <c>benchmarks/peers/</c> applies
/// to Java Lucene, Xapian and Whoosh (see its README), so all of them share one same-machine table. Indexing is
/// <see cref="RawLucene.IndexFolder"/> or <see cref="SearchIndex.IndexDirectoryAsync"/>; the queries are the
/// <see cref="QueryBenchmarks"/> methods themselves, timed here by the peers' rules instead of by BenchmarkDotNet, each
/// side on an index it built itself.
/// </summary>
/// <remarks>
/// <c>--peers-protocol --prepare</c> prints the folders and the query file the peers should use (the corpus at scale 1
/// and 4, as <see cref="Corpus"/> lays them out); <c>--peers-protocol --engine raw|library --output FILE</c> measures
/// one engine and writes the result lines the harness's report reads.
/// </remarks>
public static class PeerProtocol
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // Every result lands here, so no search can be optimised away.
    private static long _sink;

    /// <summary>Runs the mode on <see cref="Corpus.Current"/>.</summary>
    /// <param name="args">The arguments left after <c>--corpus</c> and <c>--peers-protocol</c> were taken.</param>
    /// <param name="console">Where progress and <c>--prepare</c>'s answer go.</param>
    /// <returns>The process exit code.</returns>
    public static int Run(IReadOnlyList<string> args, TextWriter console)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        Corpus corpus = Corpus.Current;
        if (args.Contains("--prepare"))
        {
            string queries = BenchmarkQuery.FileFor(corpus);
            console.WriteLine($"x1\t{corpus.Folder}");
            console.WriteLine($"x4\t{corpus.ScaledFolder(4)}");
            console.WriteLine($"queries\t{queries}");
            return 0;
        }

        using IEngine engine = (Option(args, "--engine") ?? "") switch
        {
            "raw" => new RawEngine(),
            "library" => new LibraryEngine(),
            var other => throw new ArgumentException($"--engine must be raw or library, not '{other}'."),
        };
        string output = Option(args, "--output") ?? throw new ArgumentException("--output FILE is required.");
        int runs = int.Parse(Option(args, "--runs") ?? "5", Invariant);
        double warmupSeconds = double.Parse(Option(args, "--warmup-seconds") ?? "2", Invariant);
        double querySeconds = double.Parse(Option(args, "--query-seconds") ?? "1", Invariant);

        using var results = new StreamWriter(output, append: false) { AutoFlush = true };
        Emit(results, "engine", engine.Id, engine.Name, engine.Version);
        Emit(results, "protocol", Number(runs), warmupSeconds.ToString(Invariant), querySeconds.ToString(Invariant));
        Emit(results, "note", $"runtime: {RuntimeInformation.FrameworkDescription}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, Release build");
        foreach ((int scale, int threads) in new[] { (1, 1), (4, 1), (4, 2) })
            MeasureIndexing(engine, corpus, scale, threads, runs, results, console);
        MeasureQueries(engine, corpus, warmupSeconds, querySeconds, results, console);
        return 0;
    }

    private static void MeasureIndexing(IEngine engine, Corpus corpus, int scale, int threads, int runs, StreamWriter results, TextWriter console)
    {
        string folder = corpus.ScaledFolder(scale);
        var seconds = new List<double>();
        long indexed = -1;
        for (int run = 0; run <= runs; run++)
        {
            string indexPath = Path.Combine(Path.GetTempPath(), "search-bench", "peer-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(indexPath);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var clock = Stopwatch.StartNew();
            engine.Index(folder, indexPath, threads);
            clock.Stop();
            if (run == runs)
                indexed = engine.Count(indexPath);
            System.IO.Directory.Delete(indexPath, recursive: true);
            if (run > 0)
                seconds.Add(clock.Elapsed.TotalSeconds);
            console.WriteLine(string.Create(Invariant, $"{engine.Id} index {scale}x {threads} thread(s) {(run == 0 ? "warm-up" : $"run {run}")}: {clock.Elapsed.TotalSeconds:F2} s"));
        }
        double[] sorted = [.. seconds.Order()];
        double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        Emit(results, "index", Number(scale), Number(threads), Number(corpus.Files.Count * scale), Number(corpus.Bytes * scale),
            median.ToString("F4", Invariant), string.Join(',', seconds.Select(s => s.ToString("F4", Invariant))), Number(indexed));
    }

    private static void MeasureQueries(IEngine engine, Corpus corpus, double warmupSeconds, double querySeconds, StreamWriter results, TextWriter console)
    {
        IReadOnlyList<BenchmarkQuery> queries = BenchmarkQuery.Load(corpus);
        string indexPath = engine.QueryIndex(corpus);
        using (var directory = new NIOFSDirectory(indexPath))
        using (var reader = DirectoryReader.Open(directory))
            Emit(results, "query-index", $"{Number(reader.Leaves.Count)} segments (NIOFSDirectory), {engine.QueryIndexOrigin}");

        // One QueryBenchmarks per category, open side by side, so the warm-up can go over the whole set as the peers' does.
        var benchmarks = queries.Select(q => new QueryBenchmarks { Category = q.Category, RawSearchesItsOwnIndex = true }).ToList();
        try
        {
            foreach (QueryBenchmarks benchmark in benchmarks)
                benchmark.OpenIndex();
            string[] modes = ["top10", "highlight"];
            var warmup = Stopwatch.StartNew();
            int passes = 0;
            do
            {
                foreach (string mode in modes)
                {
                    foreach (QueryBenchmarks benchmark in benchmarks)
                        _sink += engine.Query(benchmark, mode);
                }
                passes++;
            }
            while (passes < 3 || warmup.Elapsed.TotalSeconds < warmupSeconds);
            Emit(results, "note", $"query warm-up: {Number(passes)} passes over the set");

            foreach (string mode in modes)
            {
                for (int i = 0; i < queries.Count; i++)
                {
                    long reps = 0;
                    var clock = Stopwatch.StartNew();
                    do
                    {
                        _sink += engine.Query(benchmarks[i], mode);
                        reps++;
                    }
                    while (clock.Elapsed.TotalSeconds < querySeconds || reps < 3);
                    double meanMs = clock.Elapsed.TotalMilliseconds / reps;
                    Emit(results, "query", mode, queries[i].Category, meanMs.ToString("F4", Invariant), Number(reps),
                        Number(engine.TotalHits(indexPath, queries[i])), "");
                    console.WriteLine(string.Create(Invariant, $"{engine.Id} {mode} {queries[i].Category}: {meanMs:F3} ms ({reps} reps)"));
                }
            }
        }
        finally
        {
            foreach (QueryBenchmarks benchmark in benchmarks)
                benchmark.Close();
        }
    }

    private static string Number(long value) => value.ToString(Invariant);

    private static void Emit(StreamWriter results, params string[] fields) => results.WriteLine(string.Join('\t', fields));

    private static string? Option(IReadOnlyList<string> args, string name)
    {
        for (int i = 0; i + 1 < args.Count; i++)
        {
            if (args[i] == name)
                return args[i + 1];
        }
        return null;
    }

    private static string VersionOf(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "?";

    private interface IEngine : IDisposable
    {
        string Id { get; }

        string Name { get; }

        string Version { get; }

        /// <summary>Says who built <see cref="QueryIndex"/>, for the result notes.</summary>
        string QueryIndexOrigin { get; }

        void Index(string folder, string indexPath, int threads);

        long Count(string indexPath);

        /// <summary>The index of the corpus at scale 1 that the engine's queries run on, built outside any timing.</summary>
        string QueryIndex(Corpus corpus);

        long Query(QueryBenchmarks benchmark, string mode);

        long TotalHits(string indexPath, BenchmarkQuery query);
    }

    private sealed class RawEngine : IEngine
    {
        private NIOFSDirectory? _directory;
        private DirectoryReader? _reader;

        private DirectoryReader Reader => _reader ?? throw new InvalidOperationException("QueryIndex has not run yet.");

        public string Id => "raw";

        public string Name => "raw Lucene.Net 4.8";

        public string Version => $"Lucene.Net {VersionOf(typeof(IndexWriter).Assembly)}";

        public string QueryIndexOrigin => "built by RawLucene.IndexFolder with 1 thread";

        public void Index(string folder, string indexPath, int threads) => RawLucene.IndexFolder(folder, indexPath, threads);

        public string QueryIndex(Corpus corpus)
        {
            string path = BenchmarkIndex.RawPathFor(corpus);
            _directory = new NIOFSDirectory(path);
            _reader = DirectoryReader.Open(_directory);
            return path;
        }

        public long Count(string indexPath)
        {
            using var directory = new NIOFSDirectory(indexPath);
            using var reader = DirectoryReader.Open(directory);
            return reader.NumDocs;
        }

        public long Query(QueryBenchmarks benchmark, string mode) =>
            mode == "top10" ? benchmark.RawLucene_Top10() : benchmark.RawLucene_Top10_Highlight();

        // Only to show that every engine matches the same documents; never timed.
        public long TotalHits(string indexPath, BenchmarkQuery query)
        {
            using Analyzer analyzer = RawLucene.CreateAnalyzer();
            return QueryBenchmarks.RawTotalHits(new IndexSearcher(Reader), analyzer, query, NumericUtils.PRECISION_STEP_DEFAULT);
        }

        public void Dispose()
        {
            _reader?.Dispose();
            _directory?.Dispose();
        }
    }

    private sealed class LibraryEngine : IEngine
    {
        public string Id => "library";

        public string Name => "Search (this library)";

        public string Version => $"Search {VersionOf(typeof(SearchIndex).Assembly)} on Lucene.Net {VersionOf(typeof(IndexWriter).Assembly)}";

        public string QueryIndexOrigin => "built by the library (IndexDirectoryAsync, default options), QueryBenchmarks' own index";

        public void Index(string folder, string indexPath, int threads)
        {
            using SearchIndex index = SearchIndex.Open(indexPath, new SearchIndexOptions { IndexingThreads = threads });
            index.IndexDirectoryAsync(folder).GetAwaiter().GetResult();
        }

        public long Count(string indexPath)
        {
            using SearchIndex index = SearchIndex.Open(indexPath, new SearchIndexOptions { ReadOnly = true });
            return index.Count;
        }

        public string QueryIndex(Corpus corpus) => BenchmarkIndex.PathFor(corpus);

        public long Query(QueryBenchmarks benchmark, string mode) =>
            mode == "top10" ? benchmark.Library_Top10() : benchmark.Library_Top10_Highlight();

        public long TotalHits(string indexPath, BenchmarkQuery query)
        {
            using SearchIndex index = SearchIndex.Open(indexPath, new SearchIndexOptions { ReadOnly = true });
            return index.Search(new SearchRequest(query.Text) { DateFrom = query.From, DateTo = query.To, Size = 0, Highlight = null }).TotalHits;
        }

        public void Dispose()
        {
        }
    }
}
