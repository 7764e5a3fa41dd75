using System.Text.Json;

namespace Search.Cli.Tests;

public class EvalCommandTests
{
    [Fact]
    public async Task Eval_Json_WritesTheContractFieldsAndARunFile()
    {
        using var workspace = new TempFolder();
        workspace.Write("docs/d1.txt", "Wing flutter\n\nflutter of a wing at high speed\n");
        workspace.Write("docs/d2.txt", "Heat transfer\n\nheat transfer in a boundary layer\n");
        workspace.Write("queries.tsv", "q1\twing flutter\nq2\theat\nq3\tno judgments\n");
        workspace.Write("qrels.txt", "q1 0 d1 2\nq2 0 d2 1\nq2 0 d1 0\n");

        RunResult run = await Cli.RunAsync(workspace.Path, "eval", "--corpus", "docs", "--queries", "queries.tsv", "--qrels", "qrels.txt", "--json", "--run", "run.txt");

        Assert.True(run.ExitCode == 0, run.Error);
        using JsonDocument json = JsonDocument.Parse(run.Output);
        JsonElement root = json.RootElement;
        Assert.Equal(["queries", "map", "ndcg@10", "p@10", "recall@100", "recall@1000", "withoutRelevant"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, root.GetProperty("queries").GetInt32());
        Assert.Equal(1.0, root.GetProperty("map").GetDouble(), 12);
        Assert.Equal(["q3"], root.GetProperty("withoutRelevant").EnumerateArray().Select(e => e.GetString()));
        Assert.StartsWith("q1 Q0 d1 1 ", File.ReadAllLines(workspace.Combine("run.txt"))[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_Human_ListsTheMeasuresAndTheQueriesLeftOut()
    {
        using var workspace = new TempFolder();
        workspace.Write("docs/d1.txt", "Wing flutter\n\nflutter of a wing\n");
        workspace.Write("queries.tsv", "q1\twing\nq2\tother\n");
        workspace.Write("qrels.txt", "q1 0 d1 1\n");

        RunResult run = await Cli.RunAsync(workspace.Path, "eval", "--corpus", "docs", "--queries", "queries.tsv", "--qrels", "qrels.txt");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("MAP          1.0000", run.Output, StringComparison.Ordinal);
        Assert.Contains("nDCG@10", run.Output, StringComparison.Ordinal);
        Assert.Contains("Not evaluated (no relevant document judged): 1 queries: q2", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_MissingQrelsFile_ExitsOne()
    {
        using var workspace = new TempFolder();
        workspace.Write("docs/d1.txt", "T\n\nb\n");
        workspace.Write("queries.tsv", "q1\tb\n");

        RunResult run = await Cli.RunAsync(workspace.Path, "eval", "--corpus", "docs", "--queries", "queries.tsv", "--qrels", "missing.txt");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("missing.txt", run.Error, StringComparison.Ordinal);
    }
}
