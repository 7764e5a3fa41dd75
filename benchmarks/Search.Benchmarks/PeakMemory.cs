using System.Diagnostics;
using System.Globalization;

namespace Search.Benchmarks;

/// <summary>
/// <c>--peak-memory [--scale K] [--ram-buffer MB] [--threads N]</c>: indexes the corpus K times over with the library
/// (N indexing threads, by default one per core) and samples
/// the managed heap and the working set every 20 ms, to show that memory while indexing is bounded by the writer's
/// RAM buffer plus a constant rather than growing with the corpus.
/// </summary>
public static class PeakMemory
{
    public static void Run(int scale, double ramBufferMB, int threads, TextWriter output)
    {
        Corpus corpus = Corpus.Current;
        string folder = corpus.ScaledFolder(scale);
        string indexPath = Path.Combine(Path.GetTempPath(), "search-bench", "peak-" + Guid.NewGuid().ToString("N"));
        long baselineHeap = GC.GetTotalMemory(forceFullCollection: true);
        long peakHeap = 0, peakWorkingSet = 0;
        using var sampler = new Timer(_ =>
        {
            long heap = GC.GetTotalMemory(false);
            long workingSet = Environment.WorkingSet;
            InterlockedMax(ref peakHeap, heap);
            InterlockedMax(ref peakWorkingSet, workingSet);
        }, null, 0, 20);

        var clock = Stopwatch.StartNew();
        using (SearchIndex index = SearchIndex.Open(indexPath, new SearchIndexOptions { RamBufferSizeMB = ramBufferMB, IndexingThreads = threads }))
            index.IndexDirectoryAsync(folder).GetAwaiter().GetResult();
        clock.Stop();
        Directory.Delete(indexPath, recursive: true);

        CultureInfo invariant = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(invariant, $"corpus {corpus.Name} x{scale}: {corpus.Files.Count * scale:N0} docs, {corpus.Bytes * scale / 1e6:N1} MB, indexed in {clock.Elapsed.TotalSeconds:N1} s"));
        output.WriteLine(string.Create(invariant, $"RAM buffer {ramBufferMB:N0} MB, {threads} indexing thread(s); managed heap before {baselineHeap / 1e6:N1} MB, peak {peakHeap / 1e6:N1} MB; peak working set {Math.Max(peakWorkingSet, Environment.WorkingSet) / 1e6:N1} MB"));
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
