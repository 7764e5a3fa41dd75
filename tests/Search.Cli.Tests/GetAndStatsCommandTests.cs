using System.Text.Json;

namespace Search.Cli.Tests;

public class GetAndStatsCommandTests
{
    private const string SeedId = "000_ef606cd905d48908";

    [Fact]
    public async Task Get_ExistingId_PrintsTitleDateIdAndBody()
    {
        using var workspace = await Indexed();

        RunResult run = await Cli.RunAsync(workspace.Path, "get", SeedId);

        Assert.Equal(0, run.ExitCode);
        string[] lines = run.Output.Split('\n');
        Assert.StartsWith("The Taliban, not citizens", lines[0], StringComparison.Ordinal);
        Assert.Equal($"2021-08-14  [{SeedId}]", lines[1]);
        Assert.StartsWith("Adela Raz", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Json_WritesTheStoredDocument()
    {
        using var workspace = await Indexed();

        RunResult run = await Cli.RunAsync(workspace.Path, "get", SeedId, "--json");

        using JsonDocument json = JsonDocument.Parse(run.Output);
        Assert.Equal(["id", "title", "date", "body", "tags"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2021-08-14", json.RootElement.GetProperty("date").GetString());
        Assert.Contains("psychological war", json.RootElement.GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownId_ExitsOne()
    {
        using var workspace = await Indexed();

        RunResult run = await Cli.RunAsync(workspace.Path, "get", "nope");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("There is no document 'nope'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_Json_HasTheContractFields()
    {
        using var workspace = await Indexed();

        RunResult run = await Cli.RunAsync(workspace.Path, "stats", "--json");

        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Output);
        JsonElement root = json.RootElement;
        Assert.Equal(["documents", "dateFrom", "dateTo", "sizeBytes", "segments", "tags"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, root.GetProperty("documents").GetInt64());
        Assert.Equal("2021-08-14", root.GetProperty("dateFrom").GetString());
        Assert.Equal("2021-08-14", root.GetProperty("dateTo").GetString());
        Assert.True(root.GetProperty("sizeBytes").GetInt64() > 1000);
        Assert.True(root.GetProperty("segments").GetInt32() >= 1);
    }

    [Fact]
    public async Task Stats_Human_ListsTheSameFigures()
    {
        using var workspace = await Indexed();

        RunResult run = await Cli.RunAsync(workspace.Path, "stats");

        Assert.Contains("Documents  1", run.Output, StringComparison.Ordinal);
        Assert.Contains("Dates      2021-08-14 to 2021-08-14", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stats")]
    [InlineData("get", SeedId)]
    public async Task ReadCommands_NoIndex_ExitOneSayingHowToCreateIt(params string[] args)
    {
        using var workspace = new TempFolder();

        RunResult run = await Cli.RunAsync(workspace.Path, args);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("search index", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(workspace.Combine(".search-index")));
    }

    private static Task<TempFolder> Indexed() => Cli.IndexedSeedsAsync();

    [Fact]
    public async Task Stats_FolderOfOtherFiles_SaysItHoldsOtherFilesRatherThanHowToCreateAnIndexThere()
    {
        using var workspace = new TempFolder();
        workspace.Write("notes/todo.md", "buy milk");

        RunResult run = await Cli.RunAsync(workspace.Path, "stats", "--index", "notes");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the folder holds other files", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Create it with", run.Error, StringComparison.Ordinal);
        Assert.Equal(["todo.md"], Directory.EnumerateFileSystemEntries(workspace.Combine("notes")).Select(Path.GetFileName));
    }
}
