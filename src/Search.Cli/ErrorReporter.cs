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
            UsageException or ArgumentException => (ExitCodes.Usage, error.Message),
            OperationCanceledException => (ExitCodes.Interrupted, "Interrupted."),
            SearchException or IOException or UnauthorizedAccessException => (ExitCodes.Failure, error.Message),
            _ => (ExitCodes.Failure, $"Unexpected error: {error.Message}"),
        };
        stderr.WriteLine($"search: {message}");
        if (verbose)
            stderr.WriteLine(error.ToString());
        else if (code == ExitCodes.Failure && error is not (SearchException or IOException or UnauthorizedAccessException))
            stderr.WriteLine("Run again with --verbose for details.");
        return code;
    }

    /// <summary>The message, then the query with a caret under the position (one line; control characters shown as spaces).</summary>
    private static string WithCaret(QuerySyntaxException error)
    {
        if (error.Position is not int position || error.Query.Length > 200)
            return error.Message;
        string query = new([.. error.Query.Select(c => char.IsControl(c) ? ' ' : c)]);
        return $"{error.Message}\n  {query}\n  {new string(' ', Math.Min(position, query.Length))}^";
    }
}
