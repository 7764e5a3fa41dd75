using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Search.Benchmarks;

/// <summary>Docs/s or MB/s of a benchmark that processes the whole corpus once per operation, from the measured
/// median and the corpus totals (times the <c>Scale</c> parameter, when the benchmark has one).</summary>
public sealed class ThroughputColumn(bool megabytes) : IColumn
{
    public static readonly ThroughputColumn DocsPerSecond = new(false);
    public static readonly ThroughputColumn MegabytesPerSecond = new(true);

    public string Id => megabytes ? "MBPerSecond" : "DocsPerSecond";

    public string ColumnName => megabytes ? "MB/s" : "Docs/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => megabytes ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => megabytes
        ? "Corpus megabytes (10^6 bytes) processed per second, from the median"
        : "Corpus documents processed per second, from the median";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        BenchmarkReport? report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } statistics)
            return "NA";
        int scale = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Scale")?.Value is int s ? s : 1;
        Corpus corpus = Corpus.Current;
        double seconds = statistics.Median / 1e9;
        double perSecond = megabytes ? corpus.Bytes * scale / 1e6 / seconds : corpus.Files.Count * scale / seconds;
        return perSecond.ToString(megabytes ? "N2" : "N0", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
