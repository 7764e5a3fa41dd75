using System.Text.Json;

namespace Search.Cli.Tests;

/// <summary><c>search similar ID</c>: documents like one, shown as <c>search query</c> shows hits.</summary>
public sealed class SimilarCommandTests
{
    /// <summary>A folder whose index "idx" holds three wheat stories and two on football.</summary>
    private static async Task<TempFolder> IndexedNewsAsync()
    {
        var workspace = new TempFolder();
        workspace.Write("news/wheat1.txt", Cli.Seed("2021-08-10", "Wheat harvest hit by drought in Kansas",
            "The wheat harvest in Kansas fell sharply as drought cut yields; grain prices rose in Chicago."));
        workspace.Write("news/wheat2.txt", Cli.Seed("2021-08-01", "Drought cuts Kansas wheat yields",
            "Kansas farmers expect lower wheat yields after months of drought, and wheat futures climbed in Chicago."));
        workspace.Write("news/wheat3.txt", Cli.Seed("2021-09-01", "Grain prices climb",
            "Higher grain prices in Chicago deterred buyers as the drought in Kansas cut the wheat crop."));
        workspace.Write("news/cup1.txt", Cli.Seed("2021-08-05", "Local team wins football cup", "The local football team won the cup final in extra time."));
        workspace.Write("news/cup2.txt", Cli.Seed("2021-08-06", "Football cup final draws record crowd", "A record crowd watched the cup final."));
        RunResult run = await Cli.RunAsync(workspace.Path, "index", "news", "--index", "idx");
        Assert.True(run.ExitCode == 0, run.Error);
        return workspace;
    }

    [Fact]
    public async Task Similar_KnownId_ListsTheLikeDocumentsAsQueryDoes()
    {
        using TempFolder workspace = await IndexedNewsAsync();

        RunResult run = await Cli.RunAsync(workspace.Path, "similar", "wheat1", "--index", "idx");

        Assert.True(run.ExitCode == 0, run.Error);
        string[] lines = run.Output.Split('\n');
        Assert.Matches(@"^1\. 2021-0\d-\d\d  .*\[wheat[23]\]$", lines[0]);
        Assert.Contains("[wheat2]", run.Output, StringComparison.Ordinal);
        Assert.Contains("[wheat3]", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("[wheat1]", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("[cup", run.Output, StringComparison.Ordinal);
        Assert.Contains("2 hits in ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Similar_WithFilterAndFacet_FiltersAndCountsLikeQuery()
    {
        using TempFolder workspace = new();
        workspace.Write("news/wheat1.txt", Cli.Seed("2021-08-10", "Wheat harvest hit by drought in Kansas", "The wheat harvest in Kansas fell as drought cut yields."));
        workspace.Write("news/wheat2.txt", Cli.Seed("2021-08-01", "Drought cuts Kansas wheat yields", "Kansas farmers expect lower wheat yields after drought."));
        workspace.Write("news/wheat3.txt", Cli.Seed("2021-09-01", "Kansas wheat crop", "The drought in Kansas cut the wheat crop and yields."));
        workspace.Write("meta.tsv", "file\tplaces\nwheat1.txt\tusa\nwheat2.txt\tusa\nwheat3.txt\tcanada\n");
        RunResult indexed = await Cli.RunAsync(workspace.Path, "index", "news", "--index", "idx", "--metadata", "meta.tsv");
        Assert.True(indexed.ExitCode == 0, indexed.Error);

        RunResult run = await Cli.RunAsync(workspace.Path, "similar", "wheat1", "--index", "idx", "--filter", "places=usa", "--facet", "places", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using JsonDocument json = JsonDocument.Parse(run.Output);
        Assert.Equal(["wheat2"], json.RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()));
        JsonElement places = Assert.Single(json.RootElement.GetProperty("facets").GetProperty("places").EnumerateArray());
        Assert.Equal("usa", places.GetProperty("value").GetString());
        Assert.Equal(1, places.GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task Similar_Json_HasTheQueryShapeWithTheIdAsQuery()
    {
        using TempFolder workspace = await IndexedNewsAsync();

        RunResult run = await Cli.RunAsync(workspace.Path, "similar", "wheat1", "--index", "idx", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using JsonDocument json = JsonDocument.Parse(run.Output);
        JsonElement root = json.RootElement;
        Assert.Equal(["query", "totalHits", "tookMs", "hits", "next", "suggestion", "facets"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("wheat1", root.GetProperty("query").GetString());
        Assert.Equal(2, root.GetProperty("totalHits").GetInt64());
        JsonElement first = root.GetProperty("hits")[0];
        Assert.Equal(["id", "score", "date", "title", "titleHighlighted", "snippets", "path", "tags"], first.EnumerateObject().Select(p => p.Name));
        Assert.Contains("<mark>", first.GetProperty("titleHighlighted").GetString(), StringComparison.Ordinal);
        Assert.Equal(["wheat2", "wheat3"], root.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Similar_WithDatesSortAndPaging_AppliesThemAsQueryDoes()
    {
        using TempFolder workspace = await IndexedNewsAsync();

        RunResult dated = await Cli.RunAsync(workspace.Path, "similar", "wheat1", "--index", "idx", "--from", "2021-08-15", "--json");
        RunResult sorted = await Cli.RunAsync(workspace.Path, "similar", "wheat1", "--index", "idx", "--sort", "-date", "--limit", "1");

        using JsonDocument json = JsonDocument.Parse(dated.Output);
        Assert.Equal(["wheat3"], json.RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()));
        Assert.True(sorted.ExitCode == 0, sorted.Error);
        Assert.StartsWith("1. 2021-08-01  ", sorted.Output, StringComparison.Ordinal);
        Assert.Contains("Next page: --offset 1", sorted.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Similar_UnknownId_ExitsOneNamingIt()
    {
        using TempFolder workspace = await IndexedNewsAsync();

        RunResult run = await Cli.RunAsync(workspace.Path, "similar", "wheat9", "--index", "idx");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("There is no document 'wheat9'", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task Similar_KnownIdWithoutLikes_SaysSoAndSucceeds()
    {
        using TempFolder workspace = await IndexedNewsAsync();

        RunResult run = await Cli.RunAsync(workspace.Path, "similar", "wheat1", "--index", "idx", "--from", "2030-01-01");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("No documents like \"wheat1\".\n", run.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Similar_Help_ShowsExamples()
    {
        RunResult run = await Cli.RunAsync(Path.GetTempPath(), "similar", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("search similar reut-5", run.Output, StringComparison.Ordinal);
        Assert.Contains("--fragments", run.Output, StringComparison.Ordinal);
    }
}
