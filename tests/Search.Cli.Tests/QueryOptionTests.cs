using System.Text.Json;

namespace Search.Cli.Tests;

/// <summary>The query flags a person types: what each does, and a message naming the flag when a value is wrong.</summary>
public sealed class QueryOptionTests
{
    [Theory]
    [InlineData("--limit -1", "--limit takes a whole number from 0 to 10,000, not '-1'.")]
    [InlineData("--limit abc", "--limit takes a whole number from 0 to 10,000, not 'abc'.")]
    [InlineData("--offset 20000", "--offset takes a whole number from 0 to 10,000, not '20000'.")]
    [InlineData("--offset 9995 --limit 10", "--offset 9,995 with --limit 10 reaches past hit 10,000")]
    [InlineData("--fragments 1000", "--fragments takes a whole number from 0 to 100, not '1000'.")]
    [InlineData("--fragment-size 5", "--fragment-size takes a whole number from 20 to 10,000, not '5'.")]
    [InlineData("--from 2021-05-01 --to 2021-01-01", "--from 2021-05-01 is after --to 2021-01-01")]
    [InlineData("--after garbage", "--after takes the cursor printed under 'Next page'")]
    [InlineData("--timeout abc", "--timeout takes a duration above zero such as 500 (milliseconds), 500ms or 2s, not 'abc'.")]
    [InlineData("--timeout 0", "--timeout takes a duration above zero such as 500 (milliseconds), 500ms or 2s, not '0'.")]
    [InlineData("--timeout 2m", "--timeout takes a duration above zero such as 500 (milliseconds), 500ms or 2s, not '2m'.")]
    public async Task Query_BadFlagValue_ExitsTwoWithOneLineNamingTheFlag(string flags, string expected)
    {
        using var workspace = await Indexed();

        RunResult run = await Cli.RunAsync(workspace.Path, ["query", "report", "--index", "idx", .. flags.Split(' ')]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Actual value", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("500", 500)]
    [InlineData("500ms", 500)]
    [InlineData("2s", 2_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("1", 1)]
    public void ParseDuration_MillisecondsOrSeconds_GivesThatDuration(string text, int milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Commands.ResultOptions.ParseDuration(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ms")]
    [InlineData("s")]
    [InlineData("0")]
    [InlineData("0.5ms")]
    [InlineData("-5")]
    [InlineData("5 s")]
    [InlineData("5MS")]
    [InlineData("1e3")]
    [InlineData("2m")]
    [InlineData("2h")]
    [InlineData("100000s")]
    public void ParseDuration_NotAPositiveDuration_GivesNull(string text)
    {
        Assert.Null(Commands.ResultOptions.ParseDuration(text));
    }

    [Fact]
    public async Task Query_TimeoutInTime_AnswersInFullAndNotPartial()
    {
        using var workspace = await Indexed();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "report", "--index", "idx", "--timeout", "10s", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.False(JsonDocument.Parse(run.Output).RootElement.TryGetProperty("partial", out _)); // written only when true
    }

    [Fact]
    public async Task Query_TimeoutRunningOutOnALongDocument_SaysPartialInTextAndJson()
    {
        using var workspace = new TempFolder();
        workspace.Write("docs/long.txt", Cli.Seed("2021-08-14", "Long <b>report</b>", string.Concat(Enumerable.Repeat("Kabul. ", 150_000))));
        await Cli.RunAsync(workspace.Path, "index", "docs", "--index", "idx");

        RunResult text = await Cli.RunAsync(workspace.Path, "query", "kabul", "--index", "idx", "--timeout", "1ms");
        RunResult json = await Cli.RunAsync(workspace.Path, "query", "kabul", "--index", "idx", "--timeout", "1", "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("Partial: --timeout ran out", text.Output, StringComparison.Ordinal);
        JsonElement root = JsonDocument.Parse(json.Output).RootElement;
        Assert.True(root.GetProperty("partial").GetBoolean());
        // A hit highlighted too late still has a title safe to put in a web page.
        Assert.All(root.GetProperty("hits").EnumerateArray(),
            hit => Assert.DoesNotContain("<b>", hit.GetProperty("titleHighlighted").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Query_CursorFromAnotherSort_ExitsTwoNamingAfter()
    {
        using var workspace = await Indexed();
        RunResult first = await Cli.RunAsync(workspace.Path, "query", "report", "--index", "idx", "--limit", "1", "--json");
        string cursor = JsonDocument.Parse(first.Output).RootElement.GetProperty("next").GetString()!;

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "report", "--index", "idx", "--after", cursor, "--sort", "date");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("search: --after takes the cursor printed under 'Next page' by the same query with the same --sort", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_Offset_SkipsThatManyHits()
    {
        using var workspace = await Indexed();

        RunResult all = await Cli.RunAsync(workspace.Path, "query", "report", "--index", "idx", "--sort", "-date", "--json");
        RunResult page = await Cli.RunAsync(workspace.Path, "query", "report", "--index", "idx", "--sort", "-date", "--offset", "2", "--limit", "2", "--json");

        Assert.Equal(Ids(all)[2..4], Ids(page));
        Assert.Contains("3. 2021-03-31", (await Cli.RunAsync(workspace.Path, "query", "report", "--index", "idx", "--sort", "-date", "--offset", "2")).Output,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_FragmentsAndFragmentSize_BoundTheSnippets()
    {
        using var workspace = new TempFolder();
        string sentence = "The envoy spoke about Kabul and the talks at length. ";
        workspace.Write("docs/long.txt", Cli.Seed("2021-08-14", "Long <b>report</b>", string.Concat(Enumerable.Repeat(sentence, 40))));
        await Cli.RunAsync(workspace.Path, "index", "docs", "--index", "idx");

        RunResult one = await Cli.RunAsync(workspace.Path, "query", "kabul", "--index", "idx", "--fragments", "1", "--fragment-size", "40", "--json");
        RunResult none = await Cli.RunAsync(workspace.Path, "query", "kabul", "--index", "idx", "--fragments", "0", "--json");
        RunResult three = await Cli.RunAsync(workspace.Path, "query", "kabul", "--index", "idx", "--json");

        string snippet = Assert.Single(Snippets(one));
        Assert.Contains("<mark>Kabul</mark>", snippet, StringComparison.Ordinal);
        Assert.InRange(snippet.Trim('\u2026').Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal).Length, 1, 40);
        Assert.Empty(Snippets(none));
        Assert.Equal(3, Snippets(three).Length);
    }

    [Fact]
    public async Task Query_SnippetCutInsideASentence_ShowsTheEllipsisOnTheTerminalAndInJson()
    {
        using var workspace = new TempFolder();
        string words = string.Join(" ", Enumerable.Repeat("the envoy spoke at length about the talks", 4));
        workspace.Write("docs/long.txt", Cli.Seed("2021-08-14", "Long report", $"Officials said {words} in Kabul and {words} today."));
        await Cli.RunAsync(workspace.Path, "index", "docs", "--index", "idx");

        RunResult human = await Cli.RunAsync(workspace.Path, "query", "kabul", "--index", "idx", "--fragment-size", "60");
        RunResult json = await Cli.RunAsync(workspace.Path, "query", "kabul", "--index", "idx", "--fragment-size", "60", "--json");

        string line = Assert.Single(human.Output.Split('\n'), l => l.Contains("Kabul", StringComparison.Ordinal) && !l.Contains("Long report", StringComparison.Ordinal));
        Assert.StartsWith("     \u2026", line, StringComparison.Ordinal);
        Assert.EndsWith("\u2026", line.TrimEnd('\r'), StringComparison.Ordinal);
        Assert.Contains("\u2026", json.Output, StringComparison.Ordinal);
        string snippet = Assert.Single(Snippets(json));
        Assert.StartsWith("\u2026", snippet, StringComparison.Ordinal);
        Assert.EndsWith("\u2026", snippet, StringComparison.Ordinal);
        Assert.Contains("<mark>Kabul</mark>", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_SimpleSyntax_ReadsWhatLuceneSyntaxRejects()
    {
        using var workspace = await Indexed();

        RunResult lucene = await Cli.RunAsync(workspace.Path, "query", "march AND (report", "--index", "idx");
        RunResult simple = await Cli.RunAsync(workspace.Path, "query", "march AND (report", "--index", "idx", "--syntax", "simple", "--json");

        Assert.Equal(2, lucene.ExitCode);
        Assert.Equal(0, simple.ExitCode);
        Assert.Equal(["mar1", "mar2"], Ids(simple)[..2].Order());
    }

    [Fact]
    public async Task Query_LimitZero_GivesTheCountWithoutHits()
    {
        using var workspace = await Indexed();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "report", "--index", "idx", "--limit", "0");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("5 hits (none shown: --limit 0).", run.Output.Trim());
    }

    [Fact]
    public async Task Query_OnAColourTerminal_MarksMatchesInBoldWithoutHtml()
    {
        using var workspace = new TempFolder();
        workspace.CopySeeds();
        var output = new StringWriter();
        var host = new CliHost(output, new StringWriter(), workspace.Path) { OutIsTerminal = true };

        int exitCode = await CliApplication.RunAsync(["query", "Kabul"], host);

        Assert.Equal(0, exitCode);
        Assert.Contains("\u001b[1;33mKabul\u001b[0m", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("<mark>", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("&", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_SyntaxErrorAfterWideCharacters_PutsTheCaretUnderTheRightColumn()
    {
        using var workspace = await Indexed();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "日本語 AND (report", "--index", "idx");

        string[] lines = run.Error.TrimEnd().Split('\n');
        Assert.Equal("  日本語 AND (report", lines[1]);
        // Each of the three characters takes two columns: the '(' is at column 11, not 8.
        Assert.Equal("  " + new string(' ', 11) + "^", lines[2]);
    }

    [Fact]
    public async Task Query_CorruptIndex_ExitsOneWithOneLineAndNoStackTrace()
    {
        using var workspace = await Indexed();
        string victim = Directory.GetFiles(workspace.Combine("idx")).OrderByDescending(f => new FileInfo(f).Length).First();
        string[] before = [.. Directory.GetFiles(workspace.Combine("idx")).Order()];
        using (var stream = new FileStream(victim, FileMode.Open))
            stream.SetLength(20);

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "report", "--index", "idx");

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains("cannot be read", run.Error, StringComparison.Ordinal);
        Assert.Contains("--rebuild", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", run.Error.Replace($"index at '{workspace.Combine("idx")}'", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFiles(workspace.Combine("idx")).Order());
    }

    [Fact]
    public async Task Query_IndexPathIsAFile_ExitsOneSayingSo()
    {
        using var workspace = new TempFolder();
        workspace.Write("afile", "not an index");

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "kabul", "--index", "afile");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is a file, not an index folder", run.Error, StringComparison.Ordinal);
        Assert.Equal("not an index", File.ReadAllText(workspace.Combine("afile")));
    }

    [Fact]
    public async Task Query_SeveralFirstRunsAtOnce_AllAnswerFromOneIndex()
    {
        using var workspace = new TempFolder();
        workspace.CopySeeds();

        RunResult[] runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Cli.RunAsync(workspace.Path, "query", "Kabul", "--json"))));

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.Error));
        Assert.All(runs, run => Assert.Equal(1, JsonDocument.Parse(run.Output).RootElement.GetProperty("totalHits").GetInt64()));
        Assert.Single(runs, run => run.Error.Contains("1 added", StringComparison.Ordinal));
    }

    private static Task<TempFolder> Indexed() => Cli.IndexedReportsAsync();

    private static string[] Ids(RunResult run) =>
        [.. JsonDocument.Parse(run.Output).RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()!)];

    private static string[] Snippets(RunResult run) =>
        [.. JsonDocument.Parse(run.Output).RootElement.GetProperty("hits")[0].GetProperty("snippets").EnumerateArray().Select(s => s.GetString()!)];
}
