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

    /// <summary><see cref="Summary"/> without the <c> (Parameter 'name')</c> that <see cref="ArgumentException"/> appends,
    /// for a message that names the parameter in its own words.</summary>
    public static string Sentence(Exception error)
    {
        string line = Summary(error);
        int parameter = error is ArgumentException ? line.IndexOf(" (Parameter '", StringComparison.Ordinal) : -1;
        return parameter >= 0 ? line[..parameter].TrimEnd() : line;
    }
}
