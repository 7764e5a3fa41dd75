namespace Search;

/// <summary>Quotes another component's exception inside a message for a person.</summary>
internal static class ExceptionText
{
    private const int MaxLength = 300;

    /// <summary>The first line of <paramref name="error"/>'s message, cut to a sentence's length. Lucene.Net builds some
    /// messages around an inner exception's full text, stack trace included, which does not belong in one clear line.</summary>
    public static string Summary(Exception error)
    {
        string message = error.Message;
        int lineEnd = message.AsSpan().IndexOfAny('\r', '\n');
        string line = (lineEnd >= 0 ? message[..lineEnd] : message).Trim();
        return line.Length <= MaxLength ? line : string.Concat(line.AsSpan(0, MaxLength), "…");
    }
}
