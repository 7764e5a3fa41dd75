using System.Text.RegularExpressions;
using System.Text.Json;

namespace Search.Cli.Tests;

public class QueryCommandTests
{
    private const string SeedId = "000_ef606cd905d48908";

    [Fact]
    public async Task Query_SeedAsJson_WritesOneObjectWithTheContractFields()
    {
        using var workspace = new TempFolder();
        workspace.CopySeeds();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "Kabul", "--json");

        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Output);
        JsonElement root = json.RootElement;
        Assert.Equal(["query", "totalHits", "tookMs", "hits", "next", "suggestion", "facets"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Kabul", root.GetProperty("query").GetString());
        Assert.Equal(1, root.GetProperty("totalHits").GetInt64());
        Assert.True(root.GetProperty("tookMs").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("next").ValueKind);
        JsonElement hit = Assert.Single(root.GetProperty("hits").EnumerateArray());
        Assert.Equal(["id", "score", "date", "title", "titleHighlighted", "snippets", "path", "tags"], hit.EnumerateObject().Select(p => p.Name));
        Assert.Equal(SeedId, hit.GetProperty("id").GetString());
        Assert.True(hit.GetProperty("score").GetSingle() > 0);
        Assert.Equal("2021-08-14", hit.GetProperty("date").GetString());
        Assert.StartsWith("The Taliban, not citizens", hit.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains(hit.GetProperty("snippets").EnumerateArray(), s => s.GetString()!.Contains("<mark>Kabul</mark>", StringComparison.Ordinal));
        Assert.Equal(workspace.Combine("seeds", SeedId + ".txt"), hit.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Query_FreshWorkspace_IndexesSeedsFirstAndSaysSoOnStderr()
    {
        using var workspace = new TempFolder();
        workspace.CopySeeds();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "Kabul");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("indexing", run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("1 added", run.Error, StringComparison.Ordinal);
        Assert.Contains(SeedId, run.Output, StringComparison.Ordinal);
        Assert.True(Directory.Exists(workspace.Combine(".search-index")));

        RunResult second = await Cli.RunAsync(workspace.Path, "query", "Kabul");
        Assert.Equal("", second.Error);
    }

    [Fact]
    public async Task Query_Human_ShowsRankDateTitleIdSnippetAndFooter()
    {
        using var workspace = new TempFolder();
        workspace.CopySeeds();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "\"psychological war\"");

        string[] lines = run.Output.Split('\n');
        Assert.StartsWith("1. 2021-08-14  The Taliban, not citizens", lines[0], StringComparison.Ordinal);
        Assert.EndsWith($"[{SeedId}]", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("     ", StringComparison.Ordinal) && l.Contains("lost the psychological war.", StringComparison.Ordinal));
        Assert.Contains("1 hit in", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_ZeroHits_ExitsZeroAndSaysSo()
    {
        using var workspace = new TempFolder();
        workspace.CopySeeds();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "zanzibar");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("No hits for \"zanzibar\"", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_SyntaxError_ExitsTwoWithACaretUnderThePosition()
    {
        using var workspace = new TempFolder();
        workspace.CopySeeds();
        await Cli.RunAsync(workspace.Path, "index");

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "kabul AND (taliban");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        string[] lines = run.Error.TrimEnd().Split('\n');
        Assert.Contains("Unmatched '('", lines[0], StringComparison.Ordinal);
        Assert.Equal("  kabul AND (taliban", lines[1]);
        Assert.Equal("            ^", lines[2]);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("query", "x", "--offset", "5", "--after", "abc")]
    [InlineData("query", "x", "--from", "2021-02-30")]
    [InlineData("query", "x", "--sort", "newest")]
    [InlineData("query", "x", "--limit", "many")]
    [InlineData("query", "x", "--after", "not-a-cursor")]
    [InlineData("query", "x", "--limit", "100000")]
    [InlineData("query")]
    [InlineData("frobnicate")]
    public async Task Query_UsageErrors_ExitTwoWithAMessage(params string[] args)
    {
        using var workspace = new TempFolder();
        workspace.CopySeeds();
        await Cli.RunAsync(workspace.Path, "index");

        RunResult run = await Cli.RunAsync(workspace.Path, args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("search: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--sort", "newest", "'relevance' 'date' '-date'")]
    [InlineData("--syntax", "fancy", "'lucene' 'simple'")]
    public async Task Query_UnknownChoice_ListsTheChoicesOnOneReadableLine(string option, string value, string choices)
    {
        using var workspace = new TempFolder();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "x", option, value);

        Assert.Equal(2, run.ExitCode);
        string first = run.Error.Split('\n')[0];
        Assert.StartsWith($"search: Argument '{value}' not recognized.", first, StringComparison.Ordinal);
        Assert.EndsWith(choices, first, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', run.Error);
    }

    [Fact]
    public async Task Query_NoIndexAndNoSeeds_ExitsOneWithOneClearLine()
    {
        using var workspace = new TempFolder();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "kabul");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("There is no index", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Query_FromAndTo_KeepOnlyDocumentsInTheRange()
    {
        using var workspace = await DatedCorpus();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "report", "--index", "idx", "--from", "2021-03-01", "--to", "2021-03-31", "--json");

        Assert.Equal(["mar1", "mar2"], Ids(run).Order());
    }

    [Theory]
    [InlineData("date", new[] { "apr", "mar2", "mar1", "feb", "undated" })]
    [InlineData("-date", new[] { "feb", "mar1", "mar2", "apr", "undated" })]
    public async Task Query_Sort_OrdersByDateWithUndatedLast(string sort, string[] expected)
    {
        using var workspace = await DatedCorpus();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "report", "--index", "idx", "--sort", sort, "--json");

        Assert.Equal(expected, Ids(run));
    }

    [Fact]
    public async Task Query_AfterCursor_WalksEveryHitExactlyOnce()
    {
        using var workspace = await DatedCorpus();
        var seen = new List<string>();
        string? after = null;

        do
        {
            string[] args = after is null
                ? ["query", "report", "--index", "idx", "--limit", "2", "--json"]
                : ["query", "report", "--index", "idx", "--limit", "2", "--json", "--after", after];
            RunResult run = await Cli.RunAsync(workspace.Path, args);
            Assert.Equal(0, run.ExitCode);
            seen.AddRange(Ids(run));
            using JsonDocument json = JsonDocument.Parse(run.Output);
            after = json.RootElement.GetProperty("next").GetString();
        }
        while (after is not null);

        Assert.Equal(["apr", "feb", "mar1", "mar2", "undated"], seen.Order());
    }

    [Fact]
    public async Task Query_HumanWithMorePages_SaysHowToGetTheNextPage()
    {
        using var workspace = await DatedCorpus();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "report", "--index", "idx", "--limit", "2");

        Assert.Contains("Hits 1-2 of 5", run.Output, StringComparison.Ordinal);
        Assert.Contains("Next page: --offset 2 (or --after ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_FollowingTheNextPageHints_WalksEveryHitOnce()
    {
        using var workspace = await DatedCorpus();
        var seen = new List<string>();
        string[] paging = [];
        bool byCursor = false;

        for (int page = 0; page < 10; page++)
        {
            RunResult run = await Cli.RunAsync(workspace.Path, ["query", "report", "--index", "idx", "--limit", "2", .. paging]);
            Assert.Equal(0, run.ExitCode);
            seen.AddRange(Regex.Matches(run.Output, @"\[([^\]]+)\]$", RegexOptions.Multiline).Select(m => m.Groups[1].Value));
            Match hint = Regex.Match(run.Output, @"^Next page: (--offset (\d+)|--after (\S+))", RegexOptions.Multiline);
            if (!hint.Success)
                break;
            // Alternate styles: follow the offset hint once, then the cursor it also offers.
            Match cursor = Regex.Match(run.Output, @"--after (\S+?)[ )\n]");
            paging = byCursor && cursor.Success ? ["--after", cursor.Groups[1].Value]
                : hint.Groups[2].Success ? ["--offset", hint.Groups[2].Value] : ["--after", hint.Groups[3].Value];
            byCursor = !byCursor;
        }

        Assert.Equal(5, seen.Count);
        Assert.Equal(5, seen.Distinct().Count());
    }

    [Fact]
    public async Task Query_IndexFromEnvironment_IsUsedWhenNoOptionIsGiven()
    {
        using var workspace = await DatedCorpus();
        var output = new StringWriter();
        var host = new CliHost(output, new StringWriter(), workspace.Path) { IndexFromEnvironment = "idx" };

        int exitCode = await CliApplication.RunAsync(["query", "report", "--json"], host);

        Assert.Equal(0, exitCode);
        using JsonDocument json = JsonDocument.Parse(output.ToString());
        Assert.Equal(5, json.RootElement.GetProperty("totalHits").GetInt64());
    }

    [Fact]
    public async Task Query_RedirectedOutputOfARealProcess_HasNoColourCodesAndNoHtml()
    {
        using var workspace = new TempFolder();
        workspace.Write("docs/tags.txt", Cli.Seed("2021-01-01", "Fish & <b>chips</b> \"quoted\"", "Fish & <i>chips</i> are sold by the sea."));

        RunResult index = await Cli.RunProcessAsync(workspace.Path, null, "index", "docs");
        RunResult run = await Cli.RunProcessAsync(workspace.Path, null, "query", "chips");

        Assert.True(index.ExitCode == 0, index.Error);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Fish & <b>chips</b> \"quoted\"", run.Output, StringComparison.Ordinal);
        Assert.Contains("Fish & <i>chips</i> are sold by the sea.", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("<mark>", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("&amp;", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("&lt;", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_AsARealProcessInAFreshClone_PrintsTheSeedArticle()
    {
        using var workspace = new TempFolder();
        workspace.CopySeeds();

        RunResult run = await Cli.RunProcessAsync(workspace.Path, null, "query", "Kabul");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains(SeedId, run.Output, StringComparison.Ordinal);
        Assert.Contains("secure Kabul, the capital", run.Output, StringComparison.Ordinal);
        Assert.Contains("indexing", run.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Query_DocumentWithControlCharacters_CannotSendEscapeSequencesToTheTerminal()
    {
        using var workspace = new TempFolder();
        workspace.Write("docs/evil.txt", Cli.Seed("2021-01-01", "Evil \u001b[2J title", "Clears \u001b[31m the screen."));
        await Cli.RunAsync(workspace.Path, "index", "docs");

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "evil OR clears");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("\u001b", run.Output, StringComparison.Ordinal);
    }

    private static Task<TempFolder> DatedCorpus() => Cli.IndexedReportsAsync();

    private static List<string> Ids(RunResult run)
    {
        Assert.True(run.ExitCode == 0, run.Error);
        using JsonDocument json = JsonDocument.Parse(run.Output);
        return [.. json.RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()!)];
    }

    [Theory]
    [InlineData("report^100000000000000000000000000000000000000000", 6, "10,000")]
    [InlineData("report^1e41", 6, "boost")]
    [InlineData("report~99999999999999999999", 6, "fuzzy distance")]
    [InlineData("date:[2021-01-01 TO 9999-13]", 0, "not a date")]
    public async Task Query_UnusableNumberJson_ExitsTwoWithTheCaretUnderItAndNoOutput(string query, int position, string mentioned)
    {
        using TempFolder workspace = await Cli.IndexedReportsAsync();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", query, "--index", "idx", "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        string[] lines = run.Error.TrimEnd().Split('\n');
        Assert.Contains(mentioned, lines[0], StringComparison.Ordinal);
        Assert.Equal("  " + new string(' ', position) + "^", lines[2]);
    }

    [Theory]
    [InlineData("report^10000 march^10000 ((april^100)^100)")]
    [InlineData("date:[2021-01-01 TO 9999-12] report^10000")]
    public async Task Query_LargestBoostsJson_PrintsValidJsonWithFiniteScores(string query)
    {
        using TempFolder workspace = await Cli.IndexedReportsAsync();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", query, "--index", "idx", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using JsonDocument json = JsonDocument.Parse(run.Output);
        JsonElement[] hits = [.. json.RootElement.GetProperty("hits").EnumerateArray()];
        Assert.NotEmpty(hits);
        Assert.All(hits, hit => Assert.True(double.IsFinite(hit.GetProperty("score").GetDouble())));
    }
}
