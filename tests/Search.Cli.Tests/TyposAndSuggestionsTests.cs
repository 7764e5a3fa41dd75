using System.Text.Json;

namespace Search.Cli.Tests;

/// <summary><c>search query --typos</c> and the "Did you mean" line, on the seed document (about Afghanistan).</summary>
public sealed class TyposAndSuggestionsTests
{
    private static Task<TempFolder> IndexedSeedsAsync() => Cli.IndexedSeedsAsync();

    [Fact]
    public async Task Query_MisspelledWord_SaysDidYouMeanAboveTheHits()
    {
        using TempFolder workspace = await IndexedSeedsAsync();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "afganistan", "--syntax", "simple");

        Assert.Equal(0, run.ExitCode);
        string[] lines = run.Output.Split('\n');
        Assert.Equal("Did you mean \"afghanistan\"?", lines[0].TrimEnd('\r'));
        Assert.StartsWith("1. 2021-08-14", lines[1]);
    }

    [Fact]
    public async Task Query_MisspelledWordWithTyposOff_SaysDidYouMeanInsteadOfNoHits()
    {
        using TempFolder workspace = await IndexedSeedsAsync();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "afganistan", "--syntax", "simple", "--typos", "off");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Did you mean \"afghanistan\"?", run.Output.Trim());
    }

    [Fact]
    public async Task Query_AsJson_GivesTheSuggestionOrNull()
    {
        using TempFolder workspace = await IndexedSeedsAsync();

        RunResult misspelled = await Cli.RunAsync(workspace.Path, "query", "title:afganistan", "--json");
        RunResult spelled = await Cli.RunAsync(workspace.Path, "query", "afghanistan", "--json");

        using JsonDocument wrong = JsonDocument.Parse(misspelled.Output);
        using JsonDocument right = JsonDocument.Parse(spelled.Output);
        Assert.Equal("title:afghanistan", wrong.RootElement.GetProperty("suggestion").GetString());
        Assert.Equal(JsonValueKind.Null, right.RootElement.GetProperty("suggestion").ValueKind);
    }

    [Theory]
    [InlineData("auto", 1)]
    [InlineData("off", 0)]
    public async Task Query_Typos_DecidesWhetherAMisspellingFindsTheWord(string typos, long expected)
    {
        using TempFolder workspace = await IndexedSeedsAsync();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "presidnet", "--syntax", "simple", "--typos", typos, "--json");

        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Output);
        Assert.Equal(expected, json.RootElement.GetProperty("totalHits").GetInt64());
    }

    [Fact]
    public async Task Query_TyposNotAutoOrOff_IsAUsageError()
    {
        using TempFolder workspace = await IndexedSeedsAsync();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "kabul", "--typos", "some");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'auto' 'off'", run.Error);
    }
}
