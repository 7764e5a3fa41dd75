using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace Search.Benchmarks;

/// <summary>Library against raw Lucene, each category with its own baseline, allocations shown.</summary>
public class ComparisonConfig : ManualConfig
{
    public ComparisonConfig()
    {
        AddDiagnoser(MemoryDiagnoser.Default);
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
        AddColumn(BenchmarkDotNet.Columns.CategoriesColumn.Default);
        WithOption(ConfigOptions.JoinSummary, false);
    }
}

/// <summary>For benchmarks that process the whole corpus per operation: adds docs/s and MB/s.</summary>
public sealed class ThroughputConfig : ComparisonConfig
{
    public ThroughputConfig()
    {
        AddColumn(ThroughputColumn.DocsPerSecond, ThroughputColumn.MegabytesPerSecond);
    }
}
