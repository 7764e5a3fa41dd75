namespace Search.Cli.Tests;

public class GeneralTests
{
    [Theory]
    [InlineData("index")]
    [InlineData("query")]
    [InlineData("complete")]
    [InlineData("get")]
    [InlineData("stats")]
    public async Task Help_EveryCommand_DescribesItWithExamples(string command)
    {
        using var workspace = new TempFolder();

        RunResult run = await Cli.RunAsync(workspace.Path, command, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Examples:", run.Output, StringComparison.Ordinal);
        Assert.Contains($"search {command}", run.Output, StringComparison.Ordinal);
        Assert.Contains("--index", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsTheToolVersion()
    {
        using var workspace = new TempFolder();

        RunResult run = await Cli.RunAsync(workspace.Path, "--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Output);
    }

    [Fact]
    public async Task Verbose_OnFailure_AddsTheStackTraceAndTheLibraryLog()
    {
        using var workspace = new TempFolder();
        workspace.CopySeeds();

        RunResult quiet = await Cli.RunAsync(workspace.Path, "index", "missing");
        RunResult verbose = await Cli.RunAsync(workspace.Path, "index", "missing", "--verbose");
        RunResult logged = await Cli.RunAsync(workspace.Path, "index", "--verbose");

        Assert.DoesNotContain("   at ", quiet.Error, StringComparison.Ordinal);
        Assert.Contains("   at ", verbose.Error, StringComparison.Ordinal);
        Assert.Contains("[Information] Indexed", logged.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoCommand_ExitsTwoWithUsageHint()
    {
        using var workspace = new TempFolder();

        RunResult run = await Cli.RunAsync(workspace.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("search --help", run.Error, StringComparison.Ordinal);
    }
}
