using System.CommandLine;
using Search.Cli.Output;

namespace Search.Cli.Commands;

/// <summary><c>search stats</c>: documents, date range, size and segments of the index.</summary>
internal static class StatsCommand
{
    public static Command Create(CliHost host)
    {
        Option<string?> index = CommonOptions.Index();
        Option<bool> json = CommonOptions.Json();
        var command = new Command("stats", """
            Describe the index: documents, date range, size on disk and segments.

            Examples:
              search stats
              search stats --index ~/news-index --json
            """)
        {
            index, json,
        };
        command.SetAction(parse =>
        {
            string indexPath = host.IndexPath(parse.GetValue(index));
            using SearchIndex searchIndex = IndexOpener.OpenForReading(indexPath, host, parse.GetValue(CommonOptions.Verbose));
            IndexStats stats = searchIndex.GetStats();
            if (parse.GetValue(json))
                JsonRenderer.WriteStats(host.Out, stats);
            else
                HumanRenderer.WriteStats(host.Out, indexPath, stats);
            return ExitCodes.Success;
        });
        return command;
    }
}
