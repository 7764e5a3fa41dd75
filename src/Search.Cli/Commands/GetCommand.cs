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
        Option<bool> json = CommonOptions.Json();
        var command = new Command("get", """
            Print a stored document.

            Examples:
              search get 000_ef606cd905d48908
              search get 000_ef606cd905d48908 --json
            """)
        {
            id, index, json,
        };
        command.SetAction(parse =>
        {
            string indexPath = host.IndexPath(parse.GetValue(index));
            string wanted = parse.GetValue(id) ?? string.Empty;
            using SearchIndex searchIndex = IndexOpener.OpenForReading(indexPath, host, parse.GetValue(CommonOptions.Verbose));
            SeedDocument document = searchIndex.Get(wanted) ?? throw NoSuchDocument(wanted, indexPath);
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
