using System.CommandLine;
using Search.Cli.Output;
using Search.Querying;

namespace Search.Cli.Commands;

/// <summary><c>search complete "TEXT"</c>: the last, partly typed word completed to words of the documents.</summary>
internal static class CompleteCommand
{
    public static Command Create(CliHost host)
    {
        var text = new Argument<string>("TEXT") { Description = "What has been typed so far; its last, partly typed word is completed." };
        Option<string?> index = CommonOptions.Index();
        Option<string?> cluster = Cluster.ClusterConnection.Option();
        var limit = CommonOptions.Number("--limit", "Completions to show.", 10, 1, Completer.MaxSize, "-n");
        Option<bool> json = CommonOptions.Json();

        var command = new Command("complete", """
            Complete the last, partly typed word to words of the documents, those in most documents first, with how
            many documents hold every word of each completion. If there is no index yet, the seeds folder here is
            indexed first.

            Examples:
              search complete "ka"
              search complete "taliban ka" --limit 5
              search complete "oil pr" --json
            """)
        {
            text, index, cluster, limit, json,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(host, parse.GetValue(text) ?? string.Empty, parse.GetValue(limit),
            parse.GetValue(cluster), parse.GetValue(index), parse.GetValue(json), parse.GetValue(CommonOptions.Verbose), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliHost host, string text, int limit, string? cluster, string? indexOption, bool json, bool verbose,
        CancellationToken cancellationToken)
    {
        await using CommandIndex index = await CommandIndex.OpenAsync(host, cluster, indexOption, verbose,
            path => IndexOpener.OpenForQueryAsync(path, host, verbose, cancellationToken), cancellationToken).ConfigureAwait(false);
        IReadOnlyList<Completion> completions = await index.CompleteAsync(text, limit, cancellationToken).ConfigureAwait(false);
        foreach (string unfinished in await index.UnfinishedSyncsAsync(cancellationToken).ConfigureAwait(false))
            host.Error.WriteLine($"Note: {HumanRenderer.UnfinishedSync(unfinished)}");
        if (json)
            JsonRenderer.WriteCompletions(host.Out, text, completions);
        else
            HumanRenderer.WriteCompletions(host.Out, text, completions, host.OutIsTerminal);
        return ExitCodes.Success;
    }
}
