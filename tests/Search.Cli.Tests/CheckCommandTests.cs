using System.Text.Json;
using Search.Cli.Output;

namespace Search.Cli.Tests;

public class CheckCommandTests
{
    [Fact]
    public async Task Check_HealthyIndexJson_ExitsZeroWithEveryField()
    {
        using TempFolder workspace = await Cli.IndexedReportsAsync();

        RunResult run = await Cli.RunAsync(workspace.Path, "check", "--index", "idx", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using JsonDocument json = JsonDocument.Parse(run.Output);
        Assert.Equal(["healthy", "inconclusive", "documents", "segments", "problems"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.True(json.RootElement.GetProperty("healthy").GetBoolean());
        Assert.False(json.RootElement.GetProperty("inconclusive").GetBoolean());
        Assert.Equal(5, json.RootElement.GetProperty("documents").GetInt64());
    }

    [Fact]
    public void WriteCheck_Inconclusive_SaysTryAgainAndNotRebuild()
    {
        var report = new IndexCheckReport
        {
            Healthy = false,
            Inconclusive = true,
            Segments = 0,
            Documents = 0,
            Problems = ["The index changed 10 times while being checked; try again."],
            Details = "",
        };
        using var output = new StringWriter();

        HumanRenderer.WriteCheck(output, "idx", report, details: false);

        Assert.StartsWith("Could not check idx:", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("try again", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("--rebuild", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 1, "(1 document in 1 segment).")]
    [InlineData(2, 1, "(2 documents in 1 segment).")]
    [InlineData(1_234, 3, "(1,234 documents in 3 segments).")]
    public void WriteCheck_Healthy_CountsInTheRightNumber(long documents, int segments, string expected)
    {
        var report = new IndexCheckReport { Healthy = true, Segments = segments, Documents = documents, Problems = [], Details = "" };
        using var output = new StringWriter();

        HumanRenderer.WriteCheck(output, "idx", report, details: false);

        Assert.Equal($"Healthy: idx {expected}", output.ToString().TrimEnd());
    }
}
