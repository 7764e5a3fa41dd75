using Lucene.Net.Analysis.Core;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Search.Cli.Tests;

/// <summary>What the commands do with an index written by another version of Search (another index format).</summary>
public class IndexFormatTests
{
    [Theory]
    [InlineData("query", "capital")]
    [InlineData("stats")]
    [InlineData("get", "kabul")]
    public async Task ReadCommands_IndexOfAnotherFormat_ExitOneSayingHowToRebuild(params string[] args)
    {
        using TempFolder workspace = await IndexOfAnotherFormatAsync();

        RunResult run = await Cli.RunAsync(workspace.Path, [.. args, "--index", "idx"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.Contains("was written by another version of Search (another index format)", run.Error, StringComparison.Ordinal);
        Assert.Contains("search index", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_IndexOfAnotherFormat_RebuildsItSayingSoThenQueriesWork()
    {
        using TempFolder workspace = await IndexOfAnotherFormatAsync();

        RunResult index = await Cli.RunAsync(workspace.Path, "index", "docs", "--index", "idx");
        RunResult query = await Cli.RunAsync(workspace.Path, "query", "capital", "--index", "idx");

        Assert.True(index.ExitCode == 0, index.Error);
        Assert.Contains($"The index in {workspace.Combine("idx")} was written by another version of Search; rebuilding it from the folders given", index.Error, StringComparison.Ordinal);
        Assert.Contains("2 added", index.Output, StringComparison.Ordinal);
        Assert.True(query.ExitCode == 0, query.Error);
        Assert.Contains("Kabul falls", query.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_CurrentIndex_SaysNothingAboutRebuilding()
    {
        using TempFolder workspace = await IndexOfAnotherFormatAsync(change: false);

        RunResult run = await Cli.RunAsync(workspace.Path, "index", "docs", "--index", "idx");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("rebuilding", run.Error, StringComparison.Ordinal);
        Assert.Contains("2 unchanged", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_IndexOfAnotherFormat_ExitsOneSayingWhy()
    {
        using TempFolder workspace = await IndexOfAnotherFormatAsync();

        RunResult run = await Cli.RunAsync(workspace.Path, "check", "--index", "idx");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("written by another version of Search", run.Output, StringComparison.Ordinal);
        Assert.Contains("search index FOLDER --rebuild", run.Output, StringComparison.Ordinal);
    }

    /// <summary>A workspace whose index "idx" holds the two documents of "docs", its format record then rewritten (with raw
    /// Lucene) as another version of Search would have left it.</summary>
    private static async Task<TempFolder> IndexOfAnotherFormatAsync(bool change = true)
    {
        var workspace = new TempFolder();
        workspace.Write("docs/kabul.txt", Cli.Seed("2021-08-15", "Kabul falls", "The capital was taken."));
        workspace.Write("docs/doha.txt", Cli.Seed("2021-08-10", "Doha talks", "Negotiators met."));
        RunResult run = await Cli.RunAsync(workspace.Path, "index", "docs", "--index", "idx");
        Assert.True(run.ExitCode == 0, run.Error);
        if (change)
        {
            using var directory = new NIOFSDirectory(workspace.Combine("idx"));
            using var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new KeywordAnalyzer()) { OpenMode = OpenMode.APPEND });
            // The key docs/index-format.md documents; any other value is another format.
            var data = new Dictionary<string, string>(writer.CommitData) { ["search.format.fingerprint"] = new string('0', 32) };
            writer.SetCommitData(data);
            writer.Commit();
        }
        return workspace;
    }
}
