using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace Search.Benchmarks;

/// <summary>
/// A suite's own job (one launch, the given warm-up and measured iterations), marked as BenchmarkDotNet's default job
/// so that a job from the command line (<c>--job short</c>, <c>--job dry</c>) replaces it instead of running beside it.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SuiteJobAttribute : JobConfigBaseAttribute
{
    public SuiteJobAttribute(string id, int warmupCount, int iterationCount)
        : base(Create(id, null, warmupCount, iterationCount))
    {
    }

    public SuiteJobAttribute(string id, RunStrategy strategy, int warmupCount, int iterationCount)
        : base(Create(id, strategy, warmupCount, iterationCount))
    {
    }

    private static Job Create(string id, RunStrategy? strategy, int warmupCount, int iterationCount)
    {
        var job = new Job(id);
        job.Run.LaunchCount = 1;
        job.Run.WarmupCount = warmupCount;
        job.Run.IterationCount = iterationCount;
        if (strategy is RunStrategy value)
            job.Run.RunStrategy = value;
        job.Meta.IsDefault = true;
        return job.Freeze();
    }
}
