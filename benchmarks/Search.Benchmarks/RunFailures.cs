using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Validators;

namespace Search.Benchmarks;

/// <summary>
/// What went wrong in a BenchmarkDotNet run: validation errors (a critical one stops the suite before it runs) and
/// benchmarks that did not finish (an exception in a setup such as <see cref="QueryBenchmarks.OpenIndex"/>, a failed
/// build). BenchmarkDotNet prints them among its output but returns normally, so the process turns them into its
/// exit code.
/// </summary>
public static class RunFailures
{
    /// <summary>Writes one line per failure to <paramref name="output"/> and returns how many there were.</summary>
    public static int Report(IReadOnlyList<Summary> summaries, TextWriter output)
    {
        int failures = 0;
        foreach (Summary summary in summaries)
        {
            foreach (ValidationError error in summary.ValidationErrors.Where(e => e.IsCritical))
            {
                output.WriteLine($"Failed: {summary.Title}: {error.Message}");
                failures++;
            }
            foreach (BenchmarkReport report in summary.Reports.Where(r => !r.Success))
            {
                output.WriteLine($"Failed: {report.BenchmarkCase.Descriptor.DisplayInfo} {report.BenchmarkCase.Parameters.DisplayInfo} did not run to the end (see its output above).");
                failures++;
            }
        }
        if (failures > 0)
            output.WriteLine($"{failures} benchmark failure(s): the figures above are incomplete.");
        return failures;
    }
}
