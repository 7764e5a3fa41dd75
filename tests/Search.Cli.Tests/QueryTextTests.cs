using System.Text.Json;

namespace Search.Cli.Tests;

/// <summary>What is typed reaches the library as typed (an argument starting with '@' is no response file), and a query
/// that matches nothing for a reason says so.</summary>
public class QueryTextTests
{
    private const string SeedId = "000_ef606cd905d48908";

    private static Task<TempFolder> IndexedSeedsAsync() => Cli.IndexedSeedsAsync();

    [Fact]
    public async Task Query_StartingWithAt_IsSearchedAsTyped()
    {
        using TempFolder workspace = await IndexedSeedsAsync();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "@reuters");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains("No hits for \"@reuters\".", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_StartingWithAt_FindsTheWordAfterIt()
    {
        using TempFolder workspace = await IndexedSeedsAsync();

        // The '@' is no part of a word, so "@Kabul" searches for Kabul.
        RunResult run = await Cli.RunAsync(workspace.Path, "query", "@Kabul", "--json");

        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Output);
        Assert.Equal("@Kabul", json.RootElement.GetProperty("query").GetString());
        Assert.Equal(SeedId, Assert.Single(json.RootElement.GetProperty("hits").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task IndexAndGet_FolderIndexAndIdStartingWithAt_AreUsedAsTyped()
    {
        using var workspace = new TempFolder();
        workspace.Write("@news/@brief.txt", Cli.Seed("2021-08-14", "Morning brief", "Rain over Kabul."));

        RunResult indexed = await Cli.RunAsync(workspace.Path, "index", "@news", "--index", "@idx");
        RunResult got = await Cli.RunAsync(workspace.Path, "get", "@brief", "--index", "@idx");

        Assert.Equal(0, indexed.ExitCode);
        Assert.Contains("1 added", indexed.Output, StringComparison.Ordinal);
        Assert.True(Directory.Exists(workspace.Combine("@idx")));
        Assert.Equal(0, got.ExitCode);
        Assert.StartsWith("Morning brief", got.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-india", "lucene")]
    [InlineData("-nepal", "lucene")]
    [InlineData("-vietnam", "simple")]
    [InlineData("-zanzibar", "lucene")]
    [InlineData("NOT zanzibar", "lucene")]
    [InlineData("-zanzibar", "simple")]
    public async Task Query_OnlyNegations_FindsEveryOtherDocument(string query, string syntax)
    {
        using TempFolder workspace = await IndexedSeedsAsync();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", query, "--syntax", syntax);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(SeedId, run.Output, StringComparison.Ordinal);
        Assert.Contains("1 hit in", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("the", "No hits: \"the\" is too common to be indexed; search for other words.")]
    [InlineData("what is", "No hits: \"what\" and \"is\" are too common to be indexed; search for other words.")]
    [InlineData("the AND a AND of", "No hits: \"the\", \"a\" and \"of\" are too common to be indexed; search for other words.")]
    public async Task Query_OnlyStopWords_SaysTheyAreTooCommon(string query, string expected)
    {
        using TempFolder workspace = await IndexedSeedsAsync();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", query);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(expected + Environment.NewLine, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("No hits for", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_OnlyStopWordsAsJson_NamesThemInDroppedStopWords()
    {
        using TempFolder workspace = await IndexedSeedsAsync();

        RunResult run = await Cli.RunAsync(workspace.Path, "query", "What is", "--json");

        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Output);
        JsonElement root = json.RootElement;
        Assert.Equal(["query", "totalHits", "tookMs", "hits", "next", "suggestion", "facets", "droppedStopWords"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, root.GetProperty("totalHits").GetInt64());
        Assert.Equal(["What", "is"], root.GetProperty("droppedStopWords").EnumerateArray().Select(w => w.GetString()));
    }
}
