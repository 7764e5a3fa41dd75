namespace Search;

/// <summary>
/// Writing to the index failed (a full disk, an I/O error). Writes not yet committed are discarded and the index is
/// back at its last commit; the <see cref="SearchIndex"/> stays usable, so the work can be retried once the cause is
/// fixed. <see cref="Exception.InnerException"/> holds the failure.
/// </summary>
public sealed class IndexWriteException : SearchException
{
    /// <summary>Creates the exception for the index at <paramref name="indexPath"/>.</summary>
    public IndexWriteException(string indexPath, Exception innerException)
        : base($"Writing to the index at '{indexPath}' failed: {ExceptionText.Summary(innerException)} " +
               "Changes since the last commit were discarded; the index is back at that commit and can be written again.", innerException)
    {
        IndexPath = indexPath;
    }

    /// <summary>The index folder, or <c>(in memory)</c>.</summary>
    public string IndexPath { get; }
}
