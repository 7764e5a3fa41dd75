namespace Search;

/// <summary>The index folder cannot be used: it holds no index, is not empty but not an index, is
/// unreadable, is corrupt, or holds an index written by another version of Search (<see cref="IsOtherFormat"/>).
/// The message names the folder and what to do; nothing is deleted.</summary>
public sealed class IndexUnavailableException : SearchException
{
    /// <summary>Creates the exception for <paramref name="indexPath"/>.</summary>
    public IndexUnavailableException(string indexPath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        IndexPath = indexPath;
    }

    internal IndexUnavailableException(string indexPath, string message, bool isOtherFormat)
        : this(indexPath, message)
    {
        IsOtherFormat = isOtherFormat;
    }

    /// <summary>The index folder.</summary>
    public string IndexPath { get; }

    /// <summary>The folder holds an index written by another version of Search, in another index format (or one from before
    /// formats were recorded). This version does not search it; opening it with <see cref="SearchIndexOptions.Rebuild"/>
    /// replaces it (the old one stays searchable by its own version until the rebuild commits), and so does
    /// <c>search index</c>.</summary>
    public bool IsOtherFormat { get; }
}
