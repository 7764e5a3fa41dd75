using System.Text.Json;

namespace Search.Cli.Tests;

/// <summary>What reaches a person's terminal from hostile documents, file names and arguments.</summary>
public class TerminalSafetyTests
{
    private const string Bold = "\u001b[1;33m";
    private const string Dim = "\u001b[2m";
    private const string Reset = "\u001b[0m";

    // Clears the screen, opens a hyperlink, rings the bell, reverses the line, sends a one-character CSI and an isolate.
    private const string HostileTitle =
        "Evil \u001b[2J title \u001b]8;;https://evil.example/\u0007link\u001b]8;;\u0007 \u0007 \u202Egnp.exe \u009b31m red \u2066iso\u2069 end";

    private const string HostileBody = "Clears \u001b[31m the evil screen \u202E reversed \u0085 next \u0007 line.";

    // A file name holds no '/', so its hyperlink has none either.
    private const string HostileId = "id\u001b[2J\u0007\u202Eevil\u001b]8;;evil.example\u0007\u009b";

    [Fact]
    public async Task Query_HostileTitleIdAndBodyOnAColourTerminal_SendOnlyTheCliColourCodes()
    {
        using var workspace = await HostileWorkspace();

        RunResult run = await Cli.RunOnTerminalAsync(workspace.Path, "query", "evil");

        Assert.True(run.ExitCode == 0, run.Error);
        AssertTerminalSafe(run.Output);
        AssertTerminalSafe(run.Error);
        Assert.Contains(Bold, run.Output, StringComparison.Ordinal);
        string idLine = Assert.Single(run.Output.Split('\n'), l => l.StartsWith("1. ", StringComparison.Ordinal));
        Assert.EndsWith($"{Dim}[id\uFFFD[2J\uFFFD\uFFFDevil\uFFFD]8;;evil.example\uFFFD\uFFFD]{Reset}", idLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_HostileDocument_ShowsItSanitisedWithTheBodyAsABlock()
    {
        using var workspace = await HostileWorkspace();

        RunResult run = await Cli.RunOnTerminalAsync(workspace.Path, "get", HostileId);

        Assert.True(run.ExitCode == 0, run.Error);
        AssertTerminalSafe(run.Output);
        Assert.DoesNotContain("\u001b", run.Output, StringComparison.Ordinal);
        string[] lines = run.Output.Split('\n');
        Assert.Equal("Evil \uFFFD[2J title \uFFFD]8;;https://evil.example/\uFFFDlink\uFFFD]8;;\uFFFD \uFFFD \uFFFDgnp.exe \uFFFD31m red \uFFFDiso\uFFFD end", lines[0]);
        Assert.Equal("2021-01-01  [id\uFFFD[2J\uFFFD\uFFFDevil\uFFFD]8;;evil.example\uFFFD\uFFFD]", lines[1]);
        Assert.StartsWith("Clears \uFFFD[31m the evil screen", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAndGet_NewlineInTheFileName_KeepTheIdOnOneLine()
    {
        using var workspace = new TempFolder();
        workspace.Write("docs/two\nlines.txt", Cli.Seed("2021-01-01", "Split title", "split body"));
        await Cli.RunAsync(workspace.Path, "index", "docs");

        RunResult query = await Cli.RunAsync(workspace.Path, "query", "split");
        RunResult get = await Cli.RunAsync(workspace.Path, "get", "two\nlines");

        Assert.True(query.ExitCode == 0, query.Error);
        Assert.Equal("1. 2021-01-01  Split title  [two\uFFFDlines]", query.Output.Split('\n')[0]);
        Assert.True(get.ExitCode == 0, get.Error);
        Assert.Equal("2021-01-01  [two\uFFFDlines]", get.Output.Split('\n')[1]);
    }

    [Fact]
    public async Task Query_DocumentHoldingMarkersTagsAndEntities_ShowsItsOwnTextWithOnlyRealMatchesColoured()
    {
        using var workspace = new TempFolder();
        workspace.Write("docs/markers.txt", Cli.Seed("2021-01-01", "Fish &amp; <mark>x</mark> \uE000fake\uE001", "Fish &amp; chips. <mark>y</mark> and \uE000fake\uE001 here."));
        await Cli.RunAsync(workspace.Path, "index", "docs");

        RunResult colour = await Cli.RunOnTerminalAsync(workspace.Path, "query", "fish");
        RunResult plain = await Cli.RunAsync(workspace.Path, "query", "fish");

        Assert.True(colour.ExitCode == 0, colour.Error);
        Assert.Contains($"{Bold}Fish{Reset} &amp; <mark>x</mark> \uE000fake\uE001  {Dim}[markers]{Reset}", colour.Output, StringComparison.Ordinal);
        Assert.Contains($"     {Bold}Fish{Reset} &amp; chips. <mark>y</mark> and \uE000fake\uE001 here.", colour.Output, StringComparison.Ordinal);
        Assert.Equal(2, colour.Output.Split(Bold).Length - 1);
        Assert.Contains("1. 2021-01-01  Fish &amp; <mark>x</mark> \uE000fake\uE001  [markers]", plain.Output, StringComparison.Ordinal);
        Assert.Contains("     Fish &amp; chips. <mark>y</mark> and \uE000fake\uE001 here.", plain.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAndGet_Json_EscapeTerminalControlsAndParseBackToTheExactStrings()
    {
        using var workspace = await HostileWorkspace();

        RunResult query = await Cli.RunOnTerminalAsync(workspace.Path, "query", "evil", "--json");
        RunResult get = await Cli.RunOnTerminalAsync(workspace.Path, "get", HostileId, "--json");

        foreach (RunResult run in new[] { query, get })
        {
            Assert.True(run.ExitCode == 0, run.Error);
            Assert.DoesNotContain(run.Output.TrimEnd('\n'), c => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069');
            Assert.Contains("\\u202E", run.Output, StringComparison.Ordinal);
            Assert.Contains("\\u009B", run.Output, StringComparison.Ordinal);
        }
        using JsonDocument queryJson = JsonDocument.Parse(query.Output);
        JsonElement hit = Assert.Single(queryJson.RootElement.GetProperty("hits").EnumerateArray());
        Assert.Equal(HostileId, hit.GetProperty("id").GetString());
        Assert.Equal(HostileTitle, hit.GetProperty("title").GetString());
        Assert.Contains("<mark>Evil</mark>", hit.GetProperty("titleHighlighted").GetString(), StringComparison.Ordinal);
        using JsonDocument getJson = JsonDocument.Parse(get.Output);
        Assert.Equal(HostileId, getJson.RootElement.GetProperty("id").GetString());
        Assert.Equal(HostileTitle, getJson.RootElement.GetProperty("title").GetString());
        Assert.Equal(HostileBody, getJson.RootElement.GetProperty("body").GetString());
    }

    [Fact]
    public async Task Index_MissingFolderNamedWithEscapesAndANewline_SaysSoOnOneSafeLine()
    {
        using var workspace = new TempFolder();

        RunResult run = await Cli.RunAsync(workspace.Path, "index", "gone\u001b[2J\nname\u202E");

        Assert.Equal(1, run.ExitCode);
        AssertTerminalSafe(run.Error);
        string line = Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        Assert.Equal($"search: The folder '{workspace.Combine("gone\uFFFD[2J\uFFFDname\uFFFD")}' does not exist.", line);
    }

    [Fact]
    public async Task Index_FolderAndIndexNamedWithEscapes_ReportAndFailOnSafeLines()
    {
        using var workspace = new TempFolder();
        workspace.Write("docs\u001b]8;;x\u0007/a.txt", Cli.Seed("2021-01-01", "Title", "body"));
        workspace.Write("idx\u001b[2J\nfile", "not an index");

        RunResult indexed = await Cli.RunAsync(workspace.Path, "index", "docs\u001b]8;;x\u0007", "--index", "idx");
        RunResult refused = await Cli.RunAsync(workspace.Path, "index", "docs\u001b]8;;x\u0007", "--index", "idx\u001b[2J\nfile");
        RunResult noIndex = await Cli.RunAsync(workspace.Path, "stats", "--index", "none\u001b[2J\nx");

        Assert.True(indexed.ExitCode == 0, indexed.Error);
        Assert.StartsWith($"Indexed {workspace.Combine("docs\uFFFD]8;;x\uFFFD")}: 1 added", indexed.Output, StringComparison.Ordinal);
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal($"search: '{workspace.Combine("idx\uFFFD[2J\uFFFDfile")}' is a file, not an index folder.", Assert.Single(refused.Error.TrimEnd('\n').Split('\n')));
        Assert.Equal(1, noIndex.ExitCode);
        Assert.Contains(workspace.Combine("none\uFFFD[2J\uFFFDx"), Assert.Single(noIndex.Error.TrimEnd('\n').Split('\n')), StringComparison.Ordinal);
        foreach (RunResult run in new[] { indexed, refused, noIndex })
        {
            AssertTerminalSafe(run.Output);
            AssertTerminalSafe(run.Error);
        }
    }

    [Fact]
    public async Task Query_SyntaxErrorWithControlCharacters_KeepsTheCaretUnderThePosition()
    {
        using var workspace = await Cli.IndexedReportsAsync();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "\u202Ereport\u0007 AND (x", "--index", "idx");

        Assert.Equal(2, run.ExitCode);
        AssertTerminalSafe(run.Error);
        string[] lines = run.Error.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("  \uFFFDreport\uFFFD AND (x", lines[1]);
        Assert.Equal("  " + new string(' ', lines[1].IndexOf('(', StringComparison.Ordinal) - 2) + "^", lines[2]);
    }

    [Fact]
    public async Task ParseError_ArgumentWithEscapes_IsEchoedSafely()
    {
        using var workspace = new TempFolder();

        RunResult run = await Cli.RunAsync(workspace.Path, "frob\u001b[2J\n\u202E");

        Assert.Equal(2, run.ExitCode);
        AssertTerminalSafe(run.Error);
        Assert.Contains("frob\uFFFD[2J\uFFFD\uFFFD", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_HostileDocumentInARealProcess_WritesNoControlCharacters()
    {
        using var workspace = await HostileWorkspace();
        workspace.Write("docs/markers\n.txt", Cli.Seed("2021-01-02", "Evil \uE000fake\uE001 &amp;", "evil"));

        RunResult index = await Cli.RunProcessAsync(workspace.Path, null, "index", "docs");
        RunResult query = await Cli.RunProcessAsync(workspace.Path, null, "query", "evil", "--sort", "-date");

        Assert.True(index.ExitCode == 0, index.Error);
        Assert.True(query.ExitCode == 0, query.Error);
        foreach (string text in new[] { index.Output, index.Error, query.Output, query.Error })
        {
            Assert.DoesNotContain("\u001b", text, StringComparison.Ordinal);
            AssertTerminalSafe(text);
        }
        Assert.Contains("  [id\uFFFD[2J\uFFFD\uFFFDevil\uFFFD]8;;evil.example\uFFFD\uFFFD]\n", query.Output, StringComparison.Ordinal);
        Assert.Contains("2. 2021-01-02  Evil \uE000fake\uE001 &amp;  [markers\uFFFD]\n", query.Output, StringComparison.Ordinal);
    }

    private static async Task<TempFolder> HostileWorkspace()
    {
        var workspace = new TempFolder();
        workspace.Write($"docs/{HostileId}.txt", Cli.Seed("2021-01-01", HostileTitle, HostileBody));
        RunResult run = await Cli.RunAsync(workspace.Path, "index", "docs");
        Assert.True(run.ExitCode == 0, run.Error);
        return workspace;
    }

    /// <summary>No control character other than a line feed, and no bidirectional embedding, override or isolate, once the
    /// CLI's own colour codes are taken out.</summary>
    private static void AssertTerminalSafe(string text)
    {
        string rest = text.Replace(Bold, string.Empty, StringComparison.Ordinal)
            .Replace(Dim, string.Empty, StringComparison.Ordinal)
            .Replace(Reset, string.Empty, StringComparison.Ordinal);
        foreach (char c in rest)
        {
            bool unsafeCharacter = (char.IsControl(c) && c != '\n') || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
            Assert.False(unsafeCharacter, $"U+{(int)c:X4} reached the terminal in: {rest}");
        }
    }
}
