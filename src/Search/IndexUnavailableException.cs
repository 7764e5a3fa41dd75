namespace Search;

/// <summary>The index folder cannot be used: it holds no index, is not empty but not an index, is
/// unreadable, or is corrupt. The message names the folder and what to do; nothing is deleted.</summary>
public sealed class IndexUnavailableException : SearchException
{
    /// <summary>Creates the exception for <paramref name="indexPath"/>.</summary>
    public IndexUnavailableException(string indexPath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        IndexPath = indexPath;
    }

    /// <summary>The index folder.</summary>
    public string IndexPath { get; }
}
