using Search.Cli.Output;

namespace Search.Cli;

/// <summary>
/// The one place that turns exceptions into exit codes and one clear message on stderr: query mistakes
/// and usage errors give 2 (with a caret under the query position), everything else 1. Stack traces only
/// with --verbose.
/// </summary>
internal static class ErrorReporter
{
    public static int Report(Exception error, TextWriter stderr, bool verbose)
    {
        (int code, string message) = error switch
        {
            QuerySyntaxException syntax => (ExitCodes.Usage, WithCaret(syntax)),
            UsageException or ArgumentException => (ExitCodes.Usage, Describe(error)),
            OperationCanceledException => (ExitCodes.Interrupted, "Interrupted."),
            IndexLockedException locked => (ExitCodes.Failure,
                $"The index at '{TerminalText.Line(locked.IndexPath)}' is locked by another process that is writing it. Wait for it to finish and try again; " +
                "'search query', 'get' and 'stats' only read, and work meanwhile."),
            SearchException or IOException or UnauthorizedAccessException => (ExitCodes.Failure, Describe(error)),
            _ => (ExitCodes.Failure, $"Unexpected error: {Describe(error)}"),
        };
        stderr.WriteLine($"search: {message}");
        if (verbose)
            stderr.WriteLine(error.ToString());
        else if (code == ExitCodes.Failure && error is not (SearchException or IOException or UnauthorizedAccessException))
            stderr.WriteLine("Run again with --verbose for details.");
        return code;
    }

    /// <summary>An exception's message as one sanitised line for a person: without the parameter name that
    /// <see cref="ArgumentException"/> appends, the "Actual value" line, or a stack trace quoted by a lower layer. The
    /// paths and ids it names are sanitised before the message is cut at its first line break, so a line feed in a
    /// folder name does not cut it short.</summary>
    public static string Describe(Exception error)
    {
        string message = error switch
        {
            IndexLockedException e => TerminalText.Naming(e.Message, e.IndexPath),
            IndexUnavailableException e => TerminalText.Naming(e.Message, e.IndexPath),
            IndexWriteException e => TerminalText.Naming(e.Message, e.IndexPath),
            SeedDocumentException e => TerminalText.Naming(e.Message, e.Path, e.Id),
            FileNotFoundException e => TerminalText.Naming(e.Message, e.FileName),
            _ => error.Message,
        };
        if (error is ArgumentException { ParamName: { } name })
            message = message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal);
        int lineEnd = message.AsSpan().IndexOfAny('\r', '\n');
        return TerminalText.Line((lineEnd >= 0 ? message[..lineEnd] : message).Trim());
    }

    /// <summary>The message, then the query with a caret under the position: one sanitised line each, and the caret
    /// placed by terminal columns of the sanitised query (which keeps the query's length) so that wide (CJK) characters,
    /// emoji and replaced controls do not shift it.</summary>
    private static string WithCaret(QuerySyntaxException error)
    {
        string message = TerminalText.Line(error.Message);
        if (error.Position is not int position || error.Query.Length > 200)
            return message;
        string query = TerminalText.Line(error.Query);
        int columns = TerminalText.Width(query.AsSpan(0, Math.Min(position, query.Length)));
        return $"{message}\n  {query}\n  {new string(' ', columns)}^";
    }
}
