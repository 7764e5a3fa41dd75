namespace Search.Cli;

/// <summary>
/// What a command may touch outside itself: its output streams, whether they are terminals, the working
/// folder and the environment. Tests build one around <see cref="StringWriter"/>s; the program uses the console.
/// </summary>
internal sealed record CliHost(TextWriter Out, TextWriter Error, string WorkingDirectory)
{
    /// <summary>The environment variable that names the default index folder.</summary>
    public const string IndexVariable = "SEARCH_INDEX";

    /// <summary>The environment variable that holds <c>search serve</c>'s API key, which then need not be on a command line
    /// that other users of the machine can read.</summary>
    public const string ApiKeyVariable = "SEARCH_API_KEY";

    /// <summary>Standard output is a terminal that takes colour.</summary>
    public bool OutIsTerminal { get; init; }

    /// <summary>Standard error is a terminal, so progress can be drawn live.</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>The process's SIGINT and SIGTERM, when this is the real program; commands mark where they write with
    /// <see cref="Writing"/>.</summary>
    public TerminationSignals? Signals { get; init; }

    /// <summary>Marks the span in which a command writes an index, so that a signal winds it down rather than ending the
    /// process at once.</summary>
    public IDisposable? Writing() => Signals?.Writing();

    /// <summary>The value of <see cref="IndexVariable"/>, if set.</summary>
    public string? IndexFromEnvironment { get; init; }

    /// <summary>The value of <see cref="ApiKeyVariable"/>, if set.</summary>
    public string? ApiKeyFromEnvironment { get; init; }

    public static CliHost FromConsole()
    {
        // NO_COLOR (no-color.org) turns colour off; a dumb terminal can show neither colour nor a redrawn progress bar.
        bool noColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        bool dumb = string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);
        return new CliHost(Console.Out, Console.Error, Environment.CurrentDirectory)
        {
            OutIsTerminal = !Console.IsOutputRedirected && !noColor && !dumb,
            ErrorIsTerminal = !Console.IsErrorRedirected && !dumb,
            IndexFromEnvironment = Environment.GetEnvironmentVariable(IndexVariable),
            ApiKeyFromEnvironment = Environment.GetEnvironmentVariable(ApiKeyVariable),
        };
    }

    /// <summary>A path given on the command line, relative to the working folder.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);

    /// <summary>The index folder: <c>--index</c>, else <c>$SEARCH_INDEX</c>, else <c>.search-index</c> here.</summary>
    public string IndexPath(string? option) =>
        FullPath(!string.IsNullOrWhiteSpace(option) ? option
            : !string.IsNullOrWhiteSpace(IndexFromEnvironment) ? IndexFromEnvironment
            : ".search-index");
}
