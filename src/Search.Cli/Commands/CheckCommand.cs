using System.CommandLine;
using Search.Cli.Output;

namespace Search.Cli.Commands;

/// <summary><c>search check</c>: Lucene's CheckIndex on the last commit, read-only.</summary>
internal static class CheckCommand
{
    public static Command Create(CliHost host)
    {
        Option<string?> index = CommonOptions.Index();
        Option<bool> json = CommonOptions.Json();
        var command = new Command("check", """
            Verify the index with Lucene's CheckIndex (read-only; it may run while another process indexes).
            Exits 0 when healthy and 1 when it finds a problem (damage, or an index written by another
            version of Search, which this one does not search). It never repairs: rebuild from the documents
            with 'search index --rebuild' instead. Exits 75 (try again) in the rare case that another process
            replaced the index's commit too often for one to be checked.

            Examples:
              search check
              search check --index ~/news-index --json
            """)
        {
            index, json,
        };
        command.SetAction(parse =>
        {
            string indexPath = host.IndexPath(parse.GetValue(index));
            IndexCheckReport report = SearchIndex.Check(indexPath);
            if (parse.GetValue(json))
                JsonRenderer.WriteCheck(host.Out, report);
            else
                HumanRenderer.WriteCheck(host.Out, indexPath, report, parse.GetValue(CommonOptions.Verbose));
            return report.Healthy ? ExitCodes.Success : report.Inconclusive ? ExitCodes.TryAgain : ExitCodes.Failure;
        });
        return command;
    }
}
