namespace Search;

/// <summary>
/// A query that cannot be run as written: a syntax mistake, or a guard rail it hits (too long, nested too
/// deep, too many terms, a leading wildcard, a regular expression, a term that expands too far). The message
/// says what is wrong in a person's terms; <see cref="Position"/> says where.
/// </summary>
public sealed class QuerySyntaxException : SearchException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="query">The query as given.</param>
    /// <param name="message">What is wrong, as a sentence.</param>
    /// <param name="position">The offset into <paramref name="query"/> where the problem is, when known.</param>
    /// <param name="innerException">The parser's own exception, if any.</param>
    public QuerySyntaxException(string query, string message, int? position, Exception? innerException = null)
        : base(message, innerException)
    {
        Query = query;
        Position = position;
    }

    /// <summary>The query as given.</summary>
    public string Query { get; }

    /// <summary>The UTF-16 offset into <see cref="Query"/> where the problem is, or <see langword="null"/> when it is
    /// about the query as a whole.</summary>
    public int? Position { get; }
}
