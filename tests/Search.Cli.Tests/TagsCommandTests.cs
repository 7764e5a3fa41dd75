using System.Text.Json;

namespace Search.Cli.Tests;

/// <summary><c>search index --metadata</c> gives documents their tags; <c>get</c>, <c>query --json</c> and <c>stats</c> show
/// them; a tag is a field in queries.</summary>
public sealed class TagsCommandTests
{
    private static async Task<TempFolder> Indexed()
    {
        var workspace = new TempFolder();
        workspace.Write("news/reut-1.txt", Cli.Seed("1987-02-26", "Bahia cocoa review", "Showers continued in the cocoa zone."));
        workspace.Write("news/reut-2.txt", Cli.Seed("1987-02-26", "Wheat exports", "Wheat and grain shipments rose."));
        workspace.Write("news/reut-3.txt", Cli.Seed("1987-02-27", "Untagged", "No row for this one."));
        workspace.Write("news/meta.tsv", "file\tnewid\ttopics\tplaces\n" +
            "reut-1.txt\t1\tcocoa\tel-salvador,usa,uruguay\n" +
            "reut-2.txt\t2\tgrain, wheat\tusa\n");
        RunResult run = await Cli.RunAsync(workspace.Path, "index", "news", "--metadata", "news/meta.tsv");
        Assert.Equal(0, run.ExitCode);
        return workspace;
    }

    [Fact]
    public async Task Index_Metadata_TagsTheDocumentsAndASecondRunChangesNothing()
    {
        using TempFolder workspace = await Indexed();

        RunResult again = await Cli.RunAsync(workspace.Path, "index", "news", "--metadata", "news/meta.tsv");

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("0 added, 0 updated, 3 unchanged, 0 deleted, 0 failed", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_ChangedRow_UpdatesThatDocumentOnly()
    {
        using TempFolder workspace = await Indexed();
        workspace.Write("news/meta.tsv", "file\tnewid\ttopics\tplaces\n" +
            "reut-1.txt\t1\tcocoa\tel-salvador,usa,uruguay\n" +
            "reut-2.txt\t2\tgrain, wheat, corn\tusa\n");

        RunResult run = await Cli.RunAsync(workspace.Path, "index", "news", "--metadata", "news/meta.tsv");
        RunResult get = await Cli.RunAsync(workspace.Path, "get", "reut-2");

        Assert.Contains("0 added, 1 updated, 2 unchanged, 0 deleted, 0 failed", run.Output, StringComparison.Ordinal);
        Assert.Contains("topics: grain, wheat, corn\n", get.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_TaggedDocument_PrintsALinePerTag()
    {
        using TempFolder workspace = await Indexed();

        RunResult run = await Cli.RunAsync(workspace.Path, "get", "reut-1");

        Assert.Equal(0, run.ExitCode);
        string[] lines = run.Output.Split('\n');
        Assert.Equal(["Bahia cocoa review", "1987-02-26  [reut-1]", "newid: 1", "topics: cocoa", "places: el-salvador, usa, uruguay", ""], lines[..6]);
        Assert.StartsWith("Showers continued", lines[6], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetJson_Tags_AreAnObjectOfArraysAndEmptyWhenNone()
    {
        using TempFolder workspace = await Indexed();

        RunResult tagged = await Cli.RunAsync(workspace.Path, "get", "reut-2", "--json");
        RunResult untagged = await Cli.RunAsync(workspace.Path, "get", "reut-3", "--json");

        using JsonDocument json = JsonDocument.Parse(tagged.Output);
        JsonElement tags = json.RootElement.GetProperty("tags");
        Assert.Equal(["newid", "topics", "places"], tags.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["grain", "wheat"], tags.GetProperty("topics").EnumerateArray().Select(v => v.GetString()));
        using JsonDocument none = JsonDocument.Parse(untagged.Output);
        Assert.Equal(JsonValueKind.Object, none.RootElement.GetProperty("tags").ValueKind);
        Assert.Empty(none.RootElement.GetProperty("tags").EnumerateObject());
    }

    [Fact]
    public async Task QueryJson_TagQuery_FindsExactValuesAndHitsCarryTags()
    {
        using TempFolder workspace = await Indexed();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "places:usa AND topics:wheat", "--json");

        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Output);
        JsonElement hit = Assert.Single(json.RootElement.GetProperty("hits").EnumerateArray());
        Assert.Equal("reut-2", hit.GetProperty("id").GetString());
        Assert.Equal(["usa"], hit.GetProperty("tags").GetProperty("places").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task Query_UnknownField_ExitsTwoListingTheTags()
    {
        using TempFolder workspace = await Indexed();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "topic:wheat");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Unknown field 'topic'", run.Error, StringComparison.Ordinal);
        Assert.Contains("the tags newid, places, topics", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_ListsTheTagsWithTheirDocumentCounts()
    {
        using TempFolder workspace = await Indexed();

        RunResult human = await Cli.RunAsync(workspace.Path, "stats");
        RunResult json = await Cli.RunAsync(workspace.Path, "stats", "--json");

        Assert.Contains("Tags       newid   2 documents\n", human.Output, StringComparison.Ordinal);
        Assert.Contains("           places  2 documents\n", human.Output, StringComparison.Ordinal);
        Assert.Contains("           topics  2 documents\n", human.Output, StringComparison.Ordinal);
        using JsonDocument stats = JsonDocument.Parse(json.Output);
        Assert.Equal(
            [("newid", 2L), ("places", 2L), ("topics", 2L)],
            stats.RootElement.GetProperty("tags").EnumerateArray().Select(t => (t.GetProperty("name").GetString(), t.GetProperty("documents").GetInt64())));
    }

    [Fact]
    public async Task Index_MissingMetadata_ExitsOneBeforeIndexing()
    {
        using var workspace = new TempFolder();
        workspace.Write("news/reut-1.txt", Cli.Seed("1987-02-26", "Cocoa", "Cocoa."));

        RunResult run = await Cli.RunAsync(workspace.Path, "index", "news", "--metadata", "nope.tsv");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"The metadata table '{workspace.Combine("nope.tsv")}' does not exist.", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(workspace.Combine(".search-index")));
    }

    [Fact]
    public async Task Index_BadHeader_ExitsOneNamingTheColumn()
    {
        using var workspace = new TempFolder();
        workspace.Write("news/reut-1.txt", Cli.Seed("1987-02-26", "Cocoa", "Cocoa."));
        workspace.Write("meta.tsv", "file\tTopics\nreut-1.txt\tcocoa\n");

        RunResult run = await Cli.RunAsync(workspace.Path, "index", "news", "--metadata", "meta.tsv");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("column 2 of the header: the tag name \"Topics\" is not valid", run.Error, StringComparison.Ordinal);
        // No empty index is left behind, which a later query would take as built rather than index ./seeds.
        Assert.False(Directory.Exists(workspace.Combine(".search-index")));
    }

    [Fact]
    public async Task Index_BadRow_IsListedNamingTableAndRowAndExitsZero()
    {
        using var workspace = new TempFolder();
        workspace.Write("news/reut-1.txt", Cli.Seed("1987-02-26", "Cocoa", "Cocoa."));
        workspace.Write("meta.tsv", "file\ttopics\tplaces\nreut-1.txt\tcocoa\n");

        RunResult run = await Cli.RunAsync(workspace.Path, "index", "news", "--metadata", "meta.tsv");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 added, 0 updated, 0 unchanged, 0 deleted, 1 failed", run.Output, StringComparison.Ordinal);
        Assert.Contains($"skipped {workspace.Combine("meta.tsv")}: row 2: it has 2 cells where the header has 3 columns; the document 'reut-1' is indexed without tags.",
            run.Output, StringComparison.Ordinal);
    }
}
