namespace Search;

/// <summary>How far an <see cref="SearchIndex.IndexDirectoryAsync"/> run has come.</summary>
/// <param name="FilesDone">Files examined so far (indexed, skipped as unchanged, or failed).</param>
/// <param name="FilesTotal">Files found in the folder.</param>
/// <param name="BytesDone">Bytes read from the files examined so far.</param>
/// <param name="BytesTotal">Bytes of all files found (measured only when progress is reported at all).</param>
public sealed record IndexProgress(int FilesDone, int FilesTotal, long BytesDone, long BytesTotal)
{
    /// <summary>Files whose outcome is durable: all files examined before the last commit of this run started.
    /// A crash now loses nothing below this count.</summary>
    public int FilesCommitted { get; init; }
}
