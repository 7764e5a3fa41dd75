namespace Search;

/// <summary>Another writer (another process, or another <see cref="SearchIndex"/> in this process)
/// holds the index folder. Readers are never blocked: open with
/// <see cref="SearchIndexOptions.ReadOnly"/> to search while it writes.</summary>
public sealed class IndexLockedException : SearchException
{
    /// <summary>Creates the exception for the index at <paramref name="indexPath"/>.</summary>
    public IndexLockedException(string indexPath, Exception? innerException = null)
        : base($"The index at '{indexPath}' is locked by another process (or another open SearchIndex). " +
               "Close it and try again, or open the index read-only to search it meanwhile.", innerException)
    {
        IndexPath = indexPath;
    }

    /// <summary>The index folder that is locked.</summary>
    public string IndexPath { get; }
}
