using Search.Cli.Output;
using Search.Querying;

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
                $"The index at '{locked.IndexPath}' is locked by another process that is writing it. Wait for it to finish and try again; " +
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

    /// <summary>An exception's message as one line for a person: without the parameter name that
    /// <see cref="ArgumentException"/> appends, the "Actual value" line, or a stack trace quoted by a lower layer.</summary>
    public static string Describe(Exception error)
    {
        string message = error.Message;
        if (error is ArgumentException { ParamName: { } name })
            message = message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal);
        int lineEnd = message.AsSpan().IndexOfAny('\r', '\n');
        return (lineEnd >= 0 ? message[..lineEnd] : message).Trim();
    }

    /// <summary>The message, then the query with a caret under the position: one line each, control characters shown as
    /// spaces, and the caret placed by terminal columns so that wide (CJK) characters and emoji do not shift it.</summary>
    private static string WithCaret(QuerySyntaxException error)
    {
        if (error.Position is not int position || error.Query.Length > 200)
            return error.Message;
        string query = new([.. error.Query.Select(c => char.IsControl(c) ? ' ' : c)]);
        int columns = TerminalText.Width(query.AsSpan(0, Math.Min(position, query.Length)));
        return $"{error.Message}\n  {query}\n  {new string(' ', columns)}^";
    }
}
