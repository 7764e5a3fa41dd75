namespace Search;

/// <summary>
/// The root of every exception the library raises on purpose: catch this one type to handle
/// anything Search reports (bad documents, bad queries, an index that is locked or unreadable).
/// </summary>
/// <remarks>Argument mistakes that are programming errors still raise the BCL's
/// <see cref="ArgumentException"/> family.</remarks>
public class SearchException : Exception
{
    /// <summary>Creates an exception with a message for a person.</summary>
    public SearchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message for a person and the failure behind it.</summary>
    public SearchException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
