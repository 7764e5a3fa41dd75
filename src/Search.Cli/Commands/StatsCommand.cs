using System.CommandLine;
using Search.Cli.Output;

namespace Search.Cli.Commands;

/// <summary><c>search stats</c>: documents, date range, size and segments of the index.</summary>
internal static class StatsCommand
{
    public static Command Create(CliHost host)
    {
        Option<string?> index = CommonOptions.Index();
        Option<string?> cluster = Cluster.ClusterConnection.Option();
        Option<bool> json = CommonOptions.Json();
        var command = new Command("stats", """
            Describe the index: documents, date range, size on disk and segments.

            Examples:
              search stats
              search stats --index ~/news-index --json
            """)
        {
            index, cluster, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            bool verbose = parse.GetValue(CommonOptions.Verbose);
            await using CommandIndex searchIndex = await CommandIndex.OpenAsync(host, parse.GetValue(cluster), parse.GetValue(index), verbose,
                path => Task.FromResult(IndexOpener.OpenForReading(path, host, verbose)), cancellationToken).ConfigureAwait(false);
            IndexStats stats = await searchIndex.GetStatsAsync(cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
                JsonRenderer.WriteStats(host.Out, stats);
            else
                HumanRenderer.WriteStats(host.Out, searchIndex.Location, stats);
            return ExitCodes.Success;
        });
        return command;
    }
}
