using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Search.Cli.Commands;
using Search.Cli.Output;

namespace Search.Cli;

/// <summary>Composes the <c>search</c> command line and runs it with one place mapping failures to exit codes.</summary>
internal static class CliApplication
{
    /// <summary>The command's name in help and messages, whatever the executable is called (a .NET tool runs it as
    /// <c>Search.Cli.dll</c>, which is the name <see cref="RootCommand"/> would show).</summary>
    public const string Name = "search";

    public static Command BuildRootCommand(CliHost host)
    {
        var root = new Command(Name, """
            search: index folders of news articles and run ranked, highlighted queries.

            Quick start (from a folder holding 'seeds'):
              search query "Kabul"
            """);
        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption());
        root.Options.Add(CommonOptions.Verbose);
        root.Subcommands.Add(IndexCommand.Create(host));
        root.Subcommands.Add(QueryCommand.Create(host));
        root.Subcommands.Add(CompleteCommand.Create(host));
        root.Subcommands.Add(SimilarCommand.Create(host));
        root.Subcommands.Add(GetCommand.Create(host));
        root.Subcommands.Add(StatsCommand.Create(host));
        root.Subcommands.Add(CheckCommand.Create(host));
        root.Subcommands.Add(EvalCommand.Create(host));
        root.Subcommands.Add(ServeCommand.Create(host));
        root.Subcommands.Add(SiloCommand.Create(host));
        return root;
    }

    /// <summary>Runs the command line; with <paramref name="signals"/>, SIGINT and SIGTERM cancel the command, which then
    /// exits with the signal's code (or is left behind, still winding down, once the grace period is over).</summary>
    public static async Task<int> RunAsync(string[] args, CliHost host, TerminationSignals? signals = null)
    {
        // Everything below writes through the sanitising writers, so no text can reach the terminal unsanitised by omission.
        host = host with { Out = new TerminalWriter(host.Out), Error = new TerminalWriter(host.Error) };
        // Arguments are text as typed: one starting with '@' (a query "@reuters", a folder, an id) is not the name of a
        // response file of more arguments, and a query such as "-india" is not the bundle "-i ndia" (--index ndia).
        var parsing = new ParserConfiguration { ResponseFileTokenReplacer = null, EnablePosixBundling = false };
        ParseResult parse = BuildRootCommand(host).Parse(args, parsing);
        if (parse.Action is ParseErrorAction)
        {
            foreach (System.CommandLine.Parsing.ParseError error in parse.Errors)
            {
                // The parser lists choices on indented lines of their own, which read better on one line than as replaced
                // line breaks; any other line break is the user's own text and is shown replaced, like every control character.
                string message = error.Message.ReplaceLineEndings("\n").Replace("\n\t", " ", StringComparison.Ordinal);
                host.Error.WriteLine($"search: {TerminalText.Line(message)}");
            }
            host.Error.WriteLine("Run 'search --help' (or 'search COMMAND --help') for usage.");
            return ExitCodes.Usage;
        }
        var configuration = new InvocationConfiguration
        {
            Output = host.Out,
            Error = host.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null, // signals are TerminationSignals' job, and only the real program's
        };
        bool verbose = parse.GetValue(CommonOptions.Verbose);
        Task<int> invocation = parse.InvokeAsync(configuration, signals?.Token ?? CancellationToken.None);
        if (signals is not null && await Task.WhenAny(invocation, signals.GraceExpiredAsync()).ConfigureAwait(false) != invocation)
        {
            host.Error.WriteLine($"search: {signals.Message}");
            return signals.ExitCode!.Value;
        }
        try
        {
            return await invocation.ConfigureAwait(false);
        }
        catch (OperationCanceledException error) when (signals?.ExitCode is int code)
        {
            host.Error.WriteLine($"search: {signals.Message}");
            if (verbose)
                host.Error.WriteLine(error.ToString());
            return code;
        }
        catch (Exception error)
        {
            return ErrorReporter.Report(error, host.Error, verbose);
        }
    }
}
