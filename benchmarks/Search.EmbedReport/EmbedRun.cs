using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Search.Benchmarks;

namespace Search.EmbedReport;

/// <summary>How many rounds the report runs: timed and warm-up query rounds, and indexing pairs.</summary>
internal sealed record EmbedSettings(int Rounds, int Warmup, int IndexRuns);

/// <summary>
/// One report: the corpus indexed in this process by the library (<see cref="SearchIndex.Open"/> on a fresh folder, then
/// <c>IndexDirectoryAsync</c> with default options) and by <see cref="RawLuceneApp"/>, in pairs whose order alternates;
/// then the last pair's indexes searched as they were left, each query set round timed on one side and then on the other,
/// the order alternating between rounds, top 10 without and with highlighting.
/// </summary>
internal sealed class EmbedRun(Corpus corpus, IReadOnlyList<EmbedQuery> queries, EmbedSettings settings, TextWriter output, TextWriter errors)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly string[] RuntimeVariables =
        ["DOTNET_TieredPGO", "DOTNET_TieredCompilation", "DOTNET_TC_QuickJitForLoops", "DOTNET_ReadyToRun", "DOTNET_gcServer", "DOTNET_gcConcurrent", "DOTNET_GCgen0size"];
    private static readonly HighlightOptions Highlighting = new() { Fragments = 3, FragmentSize = 150 };

    public int Run()
    {
        output.WriteLine(RuntimeLine());
        output.WriteLine(string.Create(Invariant,
            $"// Queries: {queries.Count} ({string.Join(", ", EmbedQuery.Kinds.Select(k => $"{queries.Count(q => q.Kind == k)} {k}"))}); {settings.Warmup} warm-up and {settings.Rounds} timed rounds; {settings.IndexRuns} indexing pair(s)"));
        string work = Path.Combine(Path.GetTempPath(), "search-embed-" + Guid.NewGuid().ToString("N"));
        try
        {
            (SearchIndex library, string libraryPath, string rawPath) = IndexBothWays(work);
            using (library)
            using (var raw = new RawLuceneApp(rawPath))
            {
                if (!SameHitCounts(library, raw))
                    return 1;
                var top10 = Measure(library, raw, highlight: false);
                var highlighted = Measure(library, raw, highlight: true);
                WriteQueryTable(top10, highlighted);
            }
            return 0;
        }
        finally
        {
            if (System.IO.Directory.Exists(work))
                System.IO.Directory.Delete(work, recursive: true);
        }
    }

    private static string RuntimeLine()
    {
        object? pgo = AppContext.GetData("System.Runtime.TieredPGO");
        object? tiered = AppContext.GetData("System.Runtime.TieredCompilation");
        string[] overrides = [.. RuntimeVariables
            .Where(v => Environment.GetEnvironmentVariable(v) is not null)
            .Select(v => $"{v}={Environment.GetEnvironmentVariable(v)}")];
        return string.Create(Invariant,
            $"// Runtime: .NET {Environment.Version}, {Environment.ProcessorCount} cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, {GCSettings.LatencyMode} latency (concurrent {(GCSettings.LatencyMode == GCLatencyMode.Batch ? "off" : "on")}), TieredPGO {pgo ?? "default (on)"}, TieredCompilation {tiered ?? "default (on)"}; environment overrides: {(overrides.Length == 0 ? "none" : string.Join(' ', overrides))}");
    }

    // Indexing, in pairs that alternate which side goes first; the last pair's indexes are the ones searched, the
    // library's still open in the instance that wrote it, as an app goes on from IndexDirectoryAsync to Search.
    private (SearchIndex Library, string LibraryPath, string RawPath) IndexBothWays(string work)
    {
        var librarySeconds = new List<double>();
        var rawSeconds = new List<double>();
        SearchIndex? library = null;
        string libraryPath = "", rawPath = "";
        output.WriteLine();
        output.WriteLine("Indexing in process, each pair into fresh folders (the first pair includes the JIT's first compilation of each side):");
        output.WriteLine();
        for (int pair = 0; pair < settings.IndexRuns; pair++)
        {
            library?.Dispose();
            if (libraryPath.Length > 0)
            {
                System.IO.Directory.Delete(libraryPath, recursive: true);
                System.IO.Directory.Delete(rawPath, recursive: true);
            }
            libraryPath = Path.Combine(work, $"library-{pair}");
            rawPath = Path.Combine(work, $"raw-{pair}");
            System.IO.Directory.CreateDirectory(libraryPath);
            System.IO.Directory.CreateDirectory(rawPath);
            bool rawFirst = pair % 2 == 0;
            double libraryTime = 0, rawTime = 0;
            for (int side = 0; side < 2; side++)
            {
                long started = Stopwatch.GetTimestamp();
                if ((side == 0) == rawFirst)
                {
                    RawLuceneApp.IndexFolder(corpus.Folder, rawPath);
                    rawTime = Stopwatch.GetElapsedTime(started).TotalSeconds;
                }
                else
                {
                    library = SearchIndex.Open(libraryPath);
                    library.IndexDirectoryAsync(corpus.Folder).GetAwaiter().GetResult();
                    libraryTime = Stopwatch.GetElapsedTime(started).TotalSeconds;
                }
            }
            librarySeconds.Add(libraryTime);
            rawSeconds.Add(rawTime);
            output.WriteLine(string.Create(Invariant,
                $"- pair {pair + 1} ({(rawFirst ? "raw first" : "library first")}): library {libraryTime:F3} s, raw {rawTime:F3} s, ratio {libraryTime / rawTime:F2}"));
        }
        output.WriteLine();
        output.WriteLine("| Indexing | library | raw Lucene.Net | ratio (median of pairs) |");
        output.WriteLine("| --- | ---: | ---: | ---: |");
        output.WriteLine(string.Create(Invariant,
            $"| time, median of {settings.IndexRuns} | {Stats.Median(librarySeconds):F3} s | {Stats.Median(rawSeconds):F3} s | {Stats.Median([.. librarySeconds.Zip(rawSeconds, (l, r) => l / r)]):F2} |"));
        output.WriteLine(string.Create(Invariant, $"| segments left | {Segments(libraryPath)} | {Segments(rawPath)} | |"));
        output.WriteLine(string.Create(Invariant, $"| index size | {Megabytes(libraryPath):F1} MB | {Megabytes(rawPath):F1} MB | |"));
        return (library!, libraryPath, rawPath);
    }

    private static int Segments(string path)
    {
        using var directory = FSDirectory.Open(path);
        var infos = new SegmentInfos();
        infos.Read(directory);
        return infos.Count;
    }

    private static double Megabytes(string path) =>
        new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) / 1e6;

    private bool SameHitCounts(SearchIndex library, RawLuceneApp raw)
    {
        bool same = true;
        foreach (EmbedQuery query in queries)
        {
            long libraryHits = library.Search(Request(query, highlight: false) with { Size = 0 }).TotalHits;
            int rawHits = raw.Count(query);
            if (libraryHits != rawHits)
            {
                errors.WriteLine(string.Create(Invariant,
                    $"The {query.Kind} query '{query.Text}'{DateText(query)} matches {libraryHits} documents for the library and {rawHits} for raw Lucene.Net: the timings would compare different work."));
                same = false;
            }
        }
        if (!same)
            errors.WriteLine("The two sides disagree on hit counts; nothing was timed.");
        return same;
    }

    private static string DateText(EmbedQuery query) =>
        query.From is null && query.To is null ? "" : string.Create(Invariant, $" ({query.From:yyyy-MM-dd} to {query.To:yyyy-MM-dd})");

    private static SearchRequest Request(EmbedQuery query, bool highlight) =>
        new(query.Text) { DateFrom = query.From, DateTo = query.To, Size = 10, Highlight = highlight ? Highlighting : null };

    /// <summary>Per timed round and query, the milliseconds of one search on each side.</summary>
    private sealed record Timings(double[][] Library, double[][] Raw);

    private Timings Measure(SearchIndex library, RawLuceneApp raw, bool highlight)
    {
        SearchRequest[] requests = [.. queries.Select(q => Request(q, highlight))];
        var libraryTimes = new double[settings.Rounds][];
        var rawTimes = new double[settings.Rounds][];
        int sink = 0;
        for (int round = 0; round < settings.Warmup + settings.Rounds; round++)
        {
            var libraryRound = new double[queries.Count];
            var rawRound = new double[queries.Count];
            bool libraryFirst = round % 2 == 1;
            for (int side = 0; side < 2; side++)
            {
                bool isLibrary = (side == 0) == libraryFirst;
                for (int i = 0; i < queries.Count; i++)
                {
                    long started = Stopwatch.GetTimestamp();
                    if (isLibrary)
                    {
                        SearchResults results = library.Search(requests[i]);
                        sink += highlight
                            ? results.Hits.Sum(h => h.Id.Length + (h.HighlightedTitle?.Length ?? 0) + h.Snippets.Sum(s => s.Length))
                            : results.Hits.Sum(h => h.Id.Length + h.Title.Length + (h.Date is null ? 0 : 1));
                        libraryRound[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    }
                    else
                    {
                        sink += highlight ? raw.Top10Highlighted(queries[i]) : raw.Top10(queries[i]);
                        rawRound[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    }
                }
            }
            if (round >= settings.Warmup)
            {
                libraryTimes[round - settings.Warmup] = libraryRound;
                rawTimes[round - settings.Warmup] = rawRound;
            }
        }
        GC.KeepAlive(sink);
        return new Timings(libraryTimes, rawTimes);
    }

    private void WriteQueryTable(Timings top10, Timings highlighted)
    {
        output.WriteLine();
        output.WriteLine(string.Create(Invariant,
            $"Searches on the indexes as indexing left them: mean ms per query over {settings.Rounds} timed rounds; ratio = median over rounds of library / raw."));
        output.WriteLine();
        output.WriteLine("| kind | queries | top-10 library ms | top-10 raw ms | top-10 ratio | +highlight library ms | +highlight raw ms | +highlight ratio |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (string kind in EmbedQuery.Kinds)
        {
            int[] chosen = [.. Enumerable.Range(0, queries.Count).Where(i => queries[i].Kind == kind)];
            if (chosen.Length > 0)
                output.WriteLine(Row(kind, chosen, top10, highlighted));
        }
        output.WriteLine(Row($"**all {queries.Count}**", [.. Enumerable.Range(0, queries.Count)], top10, highlighted));
    }

    private static string Row(string label, int[] chosen, Timings top10, Timings highlighted)
    {
        (double library, double raw, double ratio) a = Summary(top10, chosen);
        (double library, double raw, double ratio) b = Summary(highlighted, chosen);
        return string.Create(Invariant,
            $"| {label} | {chosen.Length} | {a.library:F2} | {a.raw:F2} | {a.ratio:F2} | {b.library:F2} | {b.raw:F2} | {b.ratio:F2} |");
    }

    private static (double Library, double Raw, double Ratio) Summary(Timings timings, int[] chosen)
    {
        double[] library = [.. timings.Library.Select(round => chosen.Average(i => round[i]))];
        double[] raw = [.. timings.Raw.Select(round => chosen.Average(i => round[i]))];
        return (library.Average(), raw.Average(), Stats.Median([.. library.Zip(raw, (l, r) => l / r)]));
    }
}

internal static class Stats
{
    public static double Median(IReadOnlyList<double> values)
    {
        double[] sorted = [.. values.Order()];
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
