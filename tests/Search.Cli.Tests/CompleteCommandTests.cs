using System.Globalization;
using System.Text.Json;

namespace Search.Cli.Tests;

/// <summary><c>search complete "TEXT"</c>: completions of the last, partly typed word, for a person or as JSON.</summary>
public class CompleteCommandTests
{
    /// <summary>A folder whose index "idx" holds four short news items about oil, gold and a president.</summary>
    private static async Task<TempFolder> NewsAsync()
    {
        var workspace = new TempFolder();
        workspace.Write("docs/oil1.txt", Cli.Seed("2021-03-01", "Oil prices rise", "Crude oil prices rose as production fell."));
        workspace.Write("docs/oil2.txt", Cli.Seed("2021-03-02", "Oil output", "Oil production reached a record."));
        workspace.Write("docs/gold.txt", Cli.Seed("2021-03-03", "Gold prices", "Gold prices fell as the president spoke."));
        workspace.Write("docs/pres.txt", Cli.Seed("2021-03-04", "President visits", "The president praised the press."));
        RunResult run = await Cli.RunAsync(workspace.Path, "index", "docs", "--index", "idx");
        Assert.True(run.ExitCode == 0, run.Error);
        return workspace;
    }

    private static (string Text, string[] Completions) Parse(RunResult run)
    {
        Assert.True(run.ExitCode == 0, run.Error);
        using JsonDocument json = JsonDocument.Parse(run.Output);
        JsonElement root = json.RootElement;
        Assert.Equal(["text", "completions"], root.EnumerateObject().Select(p => p.Name));
        JsonElement[] completions = [.. root.GetProperty("completions").EnumerateArray()];
        Assert.All(completions, c => Assert.Equal(["query", "documents"], c.EnumerateObject().Select(p => p.Name)));
        return (root.GetProperty("text").GetString()!, [.. completions.Select(c =>
            string.Create(CultureInfo.InvariantCulture, $"{c.GetProperty("query").GetString()}={c.GetProperty("documents").GetInt64()}"))]);
    }

    [Fact]
    public async Task Complete_Json_WritesTheTextAndEachCompletionWithItsDocuments()
    {
        using TempFolder workspace = await NewsAsync();

        RunResult run = await Cli.RunAsync(workspace.Path, "complete", "pr", "--index", "idx", "--json");

        (string text, string[] completions) = Parse(run);
        Assert.Equal("pr", text);
        Assert.Equal(["president=2", "prices=2", "production=2", "praised=1", "press=1"], completions);
    }

    [Fact]
    public async Task Complete_Json_CountsWhatTheQueryCommandFinds()
    {
        using TempFolder workspace = await NewsAsync();

        (_, string[] completions) = Parse(await Cli.RunAsync(workspace.Path, "complete", "p", "--index", "idx", "--json"));

        Assert.NotEmpty(completions);
        foreach (string completion in completions)
        {
            string[] parts = completion.Split('=');
            RunResult query = await Cli.RunAsync(workspace.Path, "query", parts[0], "--index", "idx", "--limit", "0", "--json");
            using JsonDocument json = JsonDocument.Parse(query.Output);
            Assert.Equal(long.Parse(parts[1], CultureInfo.InvariantCulture), json.RootElement.GetProperty("totalHits").GetInt64());
        }
    }

    [Fact]
    public async Task Complete_EarlierWords_CountOnlyTheirDocumentsAndKeepTheTextAsTyped()
    {
        using TempFolder workspace = await NewsAsync();

        (_, string[] completions) = Parse(await Cli.RunAsync(workspace.Path, "complete", "Oil pr", "--index", "idx", "--json"));

        Assert.Equal(["Oil production=2", "Oil prices=1"], completions);
    }

    [Fact]
    public async Task Complete_Human_PrintsOneCompletionALineWithItsDocumentCountLinedUp()
    {
        using TempFolder workspace = await NewsAsync();

        RunResult run = await Cli.RunAsync(workspace.Path, "complete", "Oil pr", "--index", "idx");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Equal("Oil production  (2 documents)\nOil prices      (1 document)\n", run.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Complete_Limit_ShowsOnlyTheFirstCompletions()
    {
        using TempFolder workspace = await NewsAsync();

        RunResult run = await Cli.RunAsync(workspace.Path, "complete", "pr", "--index", "idx", "--limit", "1");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("president  (2 documents)\n", run.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Complete_NothingToComplete_SaysSoAndExitsZero()
    {
        using TempFolder workspace = await NewsAsync();

        RunResult human = await Cli.RunAsync(workspace.Path, "complete", "oil ", "--index", "idx");
        RunResult json = await Cli.RunAsync(workspace.Path, "complete", "oil ", "--index", "idx", "--json");

        Assert.Equal(0, human.ExitCode);
        Assert.Equal("No completions for \"oil \".\n", human.Output.ReplaceLineEndings("\n"));
        (string text, string[] completions) = Parse(json);
        Assert.Equal("oil ", text);
        Assert.Empty(completions);
    }

    [Fact]
    public async Task Complete_FreshWorkspace_IndexesSeedsFirstAndSaysSoOnStderr()
    {
        using var workspace = new TempFolder();
        workspace.CopySeeds();

        RunResult run = await Cli.RunAsync(workspace.Path, "complete", "ka", "--json");

        Assert.Contains("indexing", run.Error, StringComparison.OrdinalIgnoreCase);
        (string text, string[] completions) = Parse(run);
        Assert.Equal("ka", text);
        Assert.Equal(["kabul=1", "kandahar=1"], completions);
    }

    [Fact]
    public async Task Complete_NoIndexAndNoSeeds_ExitsOneWithOneClearLine()
    {
        using var workspace = new TempFolder();

        RunResult run = await Cli.RunAsync(workspace.Path, "complete", "ka");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("There is no index", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("complete", "pr", "--limit", "0")]
    [InlineData("complete", "pr", "--limit", "1001")]
    [InlineData("complete", "pr", "--limit", "many")]
    [InlineData("complete", "pr", "--limit", "-1")]
    [InlineData("complete")]
    public async Task Complete_UsageErrors_ExitTwoWithAMessage(params string[] args)
    {
        using TempFolder workspace = await NewsAsync();

        RunResult run = await Cli.RunAsync(workspace.Path, [.. args, "--index", "idx"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.StartsWith("search: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_BadLimit_NamesTheOptionAndItsRange()
    {
        using TempFolder workspace = await NewsAsync();

        RunResult run = await Cli.RunAsync(workspace.Path, "complete", "pr", "--index", "idx", "--limit", "0");

        Assert.StartsWith("search: --limit takes a whole number from 1 to 1,000, not '0'.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_AsARealProcessInAFreshClone_PrintsTheCompletions()
    {
        using var workspace = new TempFolder();
        workspace.CopySeeds();

        RunResult run = await Cli.RunProcessAsync(workspace.Path, null, "complete", "Taliban ka");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("Taliban kabul     (1 document)\nTaliban kandahar  (1 document)\n", run.Output.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("\u001b", run.Output, StringComparison.Ordinal);
    }
}
