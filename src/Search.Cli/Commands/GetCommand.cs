using System.CommandLine;
using Search.Cli.Output;

namespace Search.Cli.Commands;

/// <summary><c>search get ID</c>: the stored document.</summary>
internal static class GetCommand
{
    public static Command Create(CliHost host)
    {
        var id = new Argument<string>("ID") { Description = "The document id (its file path relative to the indexed folder, without .txt)." };
        Option<string?> index = CommonOptions.Index();
        Option<string?> cluster = Cluster.ClusterConnection.Option();
        Option<bool> json = CommonOptions.Json();
        var command = new Command("get", """
            Print a stored document.

            Examples:
              search get 000_ef606cd905d48908
              search get 000_ef606cd905d48908 --json
            """)
        {
            id, index, cluster, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string wanted = parse.GetValue(id) ?? string.Empty;
            bool verbose = parse.GetValue(CommonOptions.Verbose);
            await using CommandIndex searchIndex = await CommandIndex.OpenAsync(host, parse.GetValue(cluster), parse.GetValue(index), verbose,
                path => Task.FromResult(IndexOpener.OpenForReading(path, host, verbose)), cancellationToken).ConfigureAwait(false);
            SeedDocument document = await searchIndex.GetAsync(wanted, cancellationToken).ConfigureAwait(false) ?? throw NoSuchDocument(wanted, searchIndex.Location);
            if (parse.GetValue(json))
                JsonRenderer.WriteDocument(host.Out, document);
            else
                HumanRenderer.WriteDocument(host.Out, document);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The error for an id the index does not hold (exit code 1), as every command that takes an id reports it.</summary>
    public static SearchException NoSuchDocument(string id, string indexPath) =>
        new($"There is no document '{TerminalText.Line(id)}' in the index at '{TerminalText.Line(indexPath)}'.");
}
