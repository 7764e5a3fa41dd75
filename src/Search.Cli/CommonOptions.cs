using System.CommandLine;

namespace Search.Cli;

/// <summary>Options several commands share, spelled once.</summary>
internal static class CommonOptions
{
    /// <summary>--verbose, on every command: library log and stack traces on stderr.</summary>
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Print the library's log and full error details on stderr.",
        Recursive = true,
    };

    public static Option<string?> Index() => new("--index", "-i")
    {
        Description = $"The index folder. Default: ${CliHost.IndexVariable}, else .search-index in the current folder.",
        HelpName = "DIR",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Write one JSON object to stdout instead of text.",
    };
}
