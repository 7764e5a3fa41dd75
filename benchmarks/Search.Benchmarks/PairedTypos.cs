using System.Diagnostics;
using System.Globalization;

namespace Search.Benchmarks;

/// <summary>
/// <c>--paired-typos [--rounds R]</c>: the two comparisons of <see cref="TypoBenchmarks"/> (a misspelling under
/// <see cref="TypoTolerance.Auto"/> against raw Lucene.Net's fuzzy query; correct words under <c>Auto</c> against
/// <c>Off</c>) and the fuzzy category of <see cref="QueryBenchmarks"/> (with and without highlighting), each side timed over a batch of searches in alternating order within a round, and the median of the
/// per-round ratios: on a shared VM whose speed drifts, BenchmarkDotNet's back-to-back iterations of one side and then the
/// other meet different conditions.
/// </summary>
public static class PairedTypos
{
    private const int Batch = 200;

    public static int Run(int rounds, TextWriter output)
    {
        var benchmarks = new TypoBenchmarks();
        benchmarks.OpenIndex();
        try
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Paired typo tolerance on {Corpus.Current.Name}: {rounds} rounds of {Batch} searches a side, after 1 warm-up round; top 10, no highlighting"));
            Compare("Misspelled: raw FuzzyQuery | library Auto", benchmarks.RawLucene_Fuzzy_Top10, benchmarks.Library_TyposAuto_Top10, rounds, output);
            Compare("Correct: library Off | library Auto", benchmarks.Library_TyposOff_Top10, benchmarks.Library_TyposAuto_Correct_Top10, rounds, output);
        }
        finally
        {
            benchmarks.Close();
        }
        // The query suite's fuzzy term (word~1, Lucene syntax), against raw Lucene.Net's parser analysing it alike.
        var fuzzy = new QueryBenchmarks { Category = "fuzzy" };
        fuzzy.OpenIndex();
        try
        {
            Compare("Fuzzy word~1: raw | library", fuzzy.RawLucene_Top10, fuzzy.Library_Top10, rounds, output);
            Compare("Fuzzy word~1 with highlighting: raw | library", fuzzy.RawLucene_Top10_Highlight, fuzzy.Library_Top10_Highlight, rounds, output);
        }
        finally
        {
            fuzzy.Close();
        }
        return 0;
    }

    private static void Compare(string label, Func<int> baseline, Func<int> candidate, int rounds, TextWriter output)
    {
        var baselineTimes = new List<double>();
        var candidateTimes = new List<double>();
        var ratios = new List<double>();
        for (int round = 0; round <= rounds; round++)
        {
            bool baselineFirst = round % 2 == 0;
            double first = Time(baselineFirst ? baseline : candidate);
            double second = Time(baselineFirst ? candidate : baseline);
            (double b, double c) = baselineFirst ? (first, second) : (second, first);
            if (round == 0)
                continue; // warm-up
            baselineTimes.Add(b);
            candidateTimes.Add(c);
            ratios.Add(c / b);
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: median {Median(baselineTimes):F3} ms | {Median(candidateTimes):F3} ms per search, median ratio {Median(ratios):F2} (rounds {ratios.Min():F2} to {ratios.Max():F2})"));
    }

    private static double Time(Func<int> search)
    {
        long started = Stopwatch.GetTimestamp();
        int sink = 0;
        for (int i = 0; i < Batch; i++)
            sink += search();
        GC.KeepAlive(sink);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds / Batch;
    }

    private static double Median(List<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
