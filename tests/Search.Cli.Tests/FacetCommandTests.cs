using System.Globalization;
using System.Text.Json;

namespace Search.Cli.Tests;

/// <summary><c>search query --filter NAME=VALUE --facet NAME</c>: filters narrow the hits, facets count them, as tables and
/// a text bar chart for people and as <c>"facets"</c> in JSON; and the counts agree with the metadata table.</summary>
public sealed class FacetCommandTests
{
    private const string Table = "file\tnewid\ttopics\tplaces\n" +
        "reut-1.txt\t1\tcocoa\tel-salvador,usa,uruguay\n" +
        "reut-2.txt\t2\tgrain,wheat\tusa\n" +
        "reut-3.txt\t3\tgrain,corn\tcanada\n" +
        "reut-4.txt\t4\tearn\tusa\n" +
        "reut-5.txt\t5\t\tuk\n";

    private static async Task<TempFolder> Indexed()
    {
        var workspace = new TempFolder();
        workspace.Write("news/reut-1.txt", Cli.Seed("1987-02-26", "Bahia cocoa review", "Showers continued in the cocoa zone."));
        workspace.Write("news/reut-2.txt", Cli.Seed("1987-02-26", "Wheat exports", "Wheat and grain shipments rose."));
        workspace.Write("news/reut-3.txt", Cli.Seed("1987-04-02", "Corn and wheat crops", "Corn and wheat crops grew."));
        workspace.Write("news/reut-4.txt", Cli.Seed("1987-04-03", "Quarterly earnings", "Net profit rose."));
        workspace.Write("news/reut-5.txt", "Undated wheat note\n\nWheat prices.\n");
        workspace.Write("news/reut-6.txt", Cli.Seed("1987-03-15", "No row", "This file has no row in the table."));
        workspace.Write("news/meta.tsv", Table);
        RunResult run = await Cli.RunAsync(workspace.Path, "index", "news", "--metadata", "news/meta.tsv");
        Assert.True(run.ExitCode == 0, run.Error);
        return workspace;
    }

    /// <summary>How many rows of the table list each value of <paramref name="column"/>, counted from the text itself.</summary>
    private static Dictionary<string, long> TableCounts(string column)
    {
        string[][] rows = [.. Table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t'))];
        int at = Array.IndexOf(rows[0], column);
        return rows.Skip(1)
            .SelectMany(row => row[at].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .GroupBy(value => value, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => (long)group.Count(), StringComparer.Ordinal);
    }

    private static Dictionary<string, long> Facet(JsonElement root, string name) =>
        root.GetProperty("facets").GetProperty(name).EnumerateArray()
            .ToDictionary(v => v.GetProperty("value").GetString()!, v => v.GetProperty("count").GetInt64(), StringComparer.Ordinal);

    [Fact]
    public async Task QueryMatchAllFacetTopics_CountsAgreeWithTheMetadataTable()
    {
        using TempFolder workspace = await Indexed();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "*", "--facet", "topics", "--facet", "places", "--json");

        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Output);
        Assert.Equal(6, json.RootElement.GetProperty("totalHits").GetInt64());
        Assert.Equal(TableCounts("topics"), Facet(json.RootElement, "topics"));
        Assert.Equal(TableCounts("places"), Facet(json.RootElement, "places"));
    }

    [Fact]
    public async Task QueryJson_FacetsComeAfterSuggestionInRequestOrder_AndAreEmptyWhenNoneAsked()
    {
        using TempFolder workspace = await Indexed();

        RunResult faceted = await Cli.RunAsync(workspace.Path, "query", "wheat", "--facet", "topics", "--facet", "date:month", "--json");
        RunResult plain = await Cli.RunAsync(workspace.Path, "query", "wheat", "--json");

        using JsonDocument json = JsonDocument.Parse(faceted.Output);
        string[] keys = [.. json.RootElement.EnumerateObject().Select(p => p.Name)];
        Assert.Equal(Array.IndexOf(keys, "suggestion") + 1, Array.IndexOf(keys, "facets"));
        Assert.Equal(["topics", "date:month"], json.RootElement.GetProperty("facets").EnumerateObject().Select(p => p.Name));
        Assert.Equal("""[{"value":"grain","count":2},{"value":"corn","count":1},{"value":"wheat","count":1}]""",
            json.RootElement.GetProperty("facets").GetProperty("topics").GetRawText());
        Assert.Equal("""[{"value":"1987-02","count":1},{"value":"1987-03","count":0},{"value":"1987-04","count":1}]""",
            json.RootElement.GetProperty("facets").GetProperty("date:month").GetRawText());
        Assert.Contains("\"facets\":{}", plain.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryFilter_SameNameTwiceOrsTheValues_DifferentNamesMustAllHold()
    {
        using TempFolder workspace = await Indexed();

        RunResult either = await Cli.RunAsync(workspace.Path, "query", "*", "--filter", "places=canada", "--filter", "places=uk", "--json");
        RunResult both = await Cli.RunAsync(workspace.Path, "query", "*", "--filter", "places=usa", "--filter", "topics=grain", "--json");

        Assert.Equal(["reut-3", "reut-5"], Ids(either.Output));
        Assert.Equal(["reut-2"], Ids(both.Output));
    }

    private static string[] Ids(string output)
    {
        using JsonDocument json = JsonDocument.Parse(output);
        return [.. json.RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()!).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task QueryHuman_FacetsAfterTheHits_TagAsTableDateAsBars()
    {
        using TempFolder workspace = await Indexed();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "wheat", "--filter", "places=usa", "--facet", "topics", "--facet", "date:month");

        Assert.Equal(0, run.ExitCode);
        string expected = "\ntopics\n  grain  1\n  wheat  1\n\ndate:month\n  1987-02 " + new string('#', 40) + "  1\n";
        Assert.EndsWith(expected, run.Output, StringComparison.Ordinal);
        Assert.True(run.Output.IndexOf("[reut-2]", StringComparison.Ordinal) < run.Output.IndexOf("\ntopics\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task QueryHuman_DateBars_AreInProportionWithEmptyMonthsAtZero()
    {
        using TempFolder workspace = await Indexed();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "*", "--facet", "date:month", "--facet", "people");

        string[] lines = run.Output[run.Output.IndexOf("\ndate:month\n", StringComparison.Ordinal)..].Split('\n');
        Assert.Equal("  1987-02 " + new string('#', 40) + "  2", lines[2]);
        Assert.Equal("  1987-03 " + new string('#', 20).PadRight(40) + "  1", lines[3]);
        Assert.Equal("  1987-04 " + new string('#', 40) + "  2", lines[4]);
        Assert.Equal(["people", "  (no values)"], lines[6..8]);
    }

    [Theory]
    [InlineData("places")]
    [InlineData("=usa")]
    [InlineData("places=")]
    public async Task QueryFilter_WithoutNameEqualsValue_ExitsTwoNamingTheFlag(string filter)
    {
        using TempFolder workspace = await Indexed();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "wheat", "--filter", filter);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"--filter takes NAME=VALUE, such as places=usa, not '{filter}'."), run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--filter")]
    [InlineData("--facet")]
    public async Task Query_FlagWithoutItsValue_ExitsTwoNamingTheFlag(string flag)
    {
        using TempFolder workspace = await Indexed();

        // Last on the line, so that nothing follows to be taken for its value: it must not be ignored.
        RunResult run = await Cli.RunAsync(workspace.Path, "query", "wheat", flag);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"'{flag}'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryFacet_BadName_ExitsTwoNamingIt()
    {
        using TempFolder workspace = await Indexed();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "wheat", "--facet", "date:week");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("\"date:week\" is not a facet", run.Error, StringComparison.Ordinal);
    }
}
