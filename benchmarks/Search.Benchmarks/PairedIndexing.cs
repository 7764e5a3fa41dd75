using System.Diagnostics;
using System.Globalization;

namespace Search.Benchmarks;

/// <summary>
/// <c>--paired-indexing [--scale K] [--threads N] [--runs R] [--from-documents]</c>: end-to-end indexing of the corpus
/// (the work of <see cref="IndexingBenchmarks"/>' <c>EndToEnd</c> category), or with <c>--from-documents</c> its
/// <c>FromDocuments</c> work (raw <c>UpdateDocument</c> against <c>UpsertAsync</c> and <c>CommitAsync</c>), raw
/// Lucene.Net and the library in alternating runs, and the median of the per-pair ratios. BenchmarkDotNet measures one
/// method's iterations back to back and then the other's, so on a machine whose speed drifts over minutes (a shared VM)
/// the two sides meet different conditions; a pair runs within seconds, and the order within a pair alternates so
/// neither side always goes first.
/// </summary>
public static class PairedIndexing
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Runs one warm-up pair, then <paramref name="runs"/> timed pairs, and prints each pair and the medians.</summary>
    public static void Run(int scale, int threads, int runs, bool fromDocuments, TextWriter output)
    {
        Corpus corpus = Corpus.Current;
        long documents = (long)corpus.Files.Count * scale;
        Action<bool, string> index = fromDocuments
            ? FromDocuments(corpus.Documents(scale), threads)
            : EndToEnd(corpus.ScaledFolder(scale), threads);
        output.WriteLine(string.Create(Invariant,
            $"Paired {(fromDocuments ? "indexing from parsed documents" : "end-to-end indexing")}: {corpus.Name} x{scale} ({documents:N0} documents, {corpus.Bytes * scale / 1e6:F1} MB), {threads} thread(s), {runs} pairs after 1 warm-up pair"));
        var raw = new List<double>();
        var library = new List<double>();
        var ratios = new List<double>();
        for (int pair = 0; pair <= runs; pair++)
        {
            bool rawFirst = pair % 2 == 0;
            double first = Time(rawFirst, index);
            double second = Time(!rawFirst, index);
            (double rawSeconds, double librarySeconds) = rawFirst ? (first, second) : (second, first);
            if (pair == 0)
                continue;
            raw.Add(rawSeconds);
            library.Add(librarySeconds);
            ratios.Add(librarySeconds / rawSeconds);
            output.WriteLine(string.Create(Invariant,
                $"  pair {pair}: raw {rawSeconds:F3} s, library {librarySeconds:F3} s, ratio {librarySeconds / rawSeconds:F2}{(rawFirst ? "" : " (library first)")}"));
        }
        output.WriteLine(string.Create(Invariant,
            $"median: raw {Median(raw):F3} s ({documents / Median(raw):N0} docs/s), library {Median(library):F3} s ({documents / Median(library):N0} docs/s), ratio of pairs {Median(ratios):F2} (min {ratios.Min():F2}, max {ratios.Max():F2})"));
    }

    /// <summary>Reads, parses and indexes the folder: <c>IndexDirectoryAsync</c> for the library.</summary>
    private static Action<bool, string> EndToEnd(string folder, int threads) => (rawLucene, indexPath) =>
    {
        if (rawLucene)
        {
            RawLucene.IndexFolder(folder, indexPath, threads);
            return;
        }
        using SearchIndex index = SearchIndex.Open(indexPath, new SearchIndexOptions { IndexingThreads = threads });
        index.IndexDirectoryAsync(folder).GetAwaiter().GetResult();
    };

    /// <summary>Indexes parsed documents, replacing by id: <c>UpsertAsync</c> from as many callers as threads, then
    /// <c>CommitAsync</c>, for the library, as <see cref="IndexingBenchmarks"/> does.</summary>
    private static Action<bool, string> FromDocuments(List<SeedDocument> documents, int threads) => (rawLucene, indexPath) =>
    {
        if (rawLucene)
        {
            RawLucene.IndexDocuments(documents, indexPath, threads, replaceById: true);
            return;
        }
        using SearchIndex index = SearchIndex.Open(indexPath);
        Parallel.ForEachAsync(documents, new ParallelOptions { MaxDegreeOfParallelism = threads },
            async (document, token) => await index.UpsertAsync(document, token).ConfigureAwait(false)).GetAwaiter().GetResult();
        index.CommitAsync().GetAwaiter().GetResult();
    };

    private static double Time(bool rawLucene, Action<bool, string> index)
    {
        string indexPath = Path.Combine(Path.GetTempPath(), "search-bench", "paired-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(indexPath);
        try
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var clock = Stopwatch.StartNew();
            index(rawLucene, indexPath);
            return clock.Elapsed.TotalSeconds;
        }
        finally
        {
            Directory.Delete(indexPath, recursive: true);
        }
    }

    private static double Median(List<double> values)
    {
        double[] sorted = [.. values.Order()];
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
