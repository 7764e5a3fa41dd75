using System.CommandLine;
using Search.Cli.Output;
using Search.Evaluation;

namespace Search.Cli.Commands;

/// <summary><c>search eval</c>: ranking quality (MAP, nDCG@10, P@10, recall) of a query set against relevance judgments.</summary>
internal static class EvalCommand
{
    public static Command Create(CliHost host)
    {
        var corpus = new Option<string>("--corpus") { Description = "Folder of seed-format documents; ids are file names without extension.", HelpName = "DIR", Required = true };
        var queries = new Option<string>("--queries") { Description = "TSV file of qid<TAB>query text.", HelpName = "FILE", Required = true };
        var qrels = new Option<string>("--qrels") { Description = "TREC qrels: qid 0 docid grade (grade > 0 is relevant; graded for nDCG).", HelpName = "FILE", Required = true };
        var index = new Option<string?>("--index", "-i")
        {
            Description = "Keep the collection's index in this folder and reuse it (synced with the corpus). Default: in memory.",
            HelpName = "DIR",
        };
        var depth = new Option<int>("--depth") { Description = "Hits evaluated per query.", DefaultValueFactory = _ => 1000, HelpName = "N" };
        var run = new Option<string?>("--run") { Description = "Also write a TREC run file (qid Q0 docid rank score tag).", HelpName = "FILE" };
        Option<bool> json = CommonOptions.Json();
        var command = new Command("eval", """
            Measure ranking quality TREC-style: index the corpus, run every query through the normal search
            (simple syntax), and print MAP, nDCG@10, P@10, Recall@100 and Recall@1000 as trec_eval defines
            them, averaged over queries with at least one relevant document.

            Examples:
              search eval --corpus cranfield/docs --queries cranfield/queries.tsv --qrels cranfield/qrels-graded.tsv
              search eval --corpus docs --queries q.tsv --qrels qrels.txt --json --run run.txt
            """)
        {
            corpus, queries, qrels, index, depth, run, json,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(host, parse.GetValue(corpus)!, parse.GetValue(queries)!, parse.GetValue(qrels)!,
            parse.GetValue(index), parse.GetValue(depth), parse.GetValue(run), parse.GetValue(json), parse.GetValue(CommonOptions.Verbose), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliHost host, string corpus, string queriesFile, string qrelsFile, string? indexPath,
        int depth, string? runFile, bool json, bool verbose, CancellationToken cancellationToken)
    {
        if (depth <= 0)
            throw new UsageException("--depth takes a number of hits of at least 1.");
        IReadOnlyList<EvaluationQuery> queries = EvaluationQuery.ReadFile(host.FullPath(queriesFile));
        RelevanceJudgments judgments = RelevanceJudgments.ReadFile(host.FullPath(qrelsFile));
        SearchIndexOptions options = IndexOpener.Options(host, verbose) with { MaxResultWindow = Math.Max(depth, 10_000) };
        using IDisposable? writing = indexPath is null ? null : host.Writing();
        using SearchIndex index = indexPath is null ? SearchIndex.InMemory(options) : IndexOpener.OpenForSync(host.FullPath(indexPath), host, options).Index;
        IndexReport report = await index.IndexDirectoryAsync(host.FullPath(corpus), progress: null, cancellationToken).ConfigureAwait(false);
        if (report.Failures.Count > 0)
            HumanRenderer.WriteIndexReport(host.Error, host.FullPath(corpus), report);

        EvaluationReport evaluation;
        if (runFile is null)
        {
            evaluation = RankingEvaluator.Evaluate(index, queries, judgments, depth);
        }
        else
        {
            using var writer = new StreamWriter(host.FullPath(runFile));
            evaluation = RankingEvaluator.Evaluate(index, queries, judgments, depth, writer);
        }
        if (json)
            JsonRenderer.WriteEvaluation(host.Out, evaluation);
        else
            HumanRenderer.WriteEvaluation(host.Out, evaluation);
        return ExitCodes.Success;
    }
}
