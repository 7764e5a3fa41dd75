namespace Search;

/// <summary>How far an <see cref="SearchIndex.IndexDirectoryAsync(string, DirectorySyncOptions, CancellationToken)"/> run has come.</summary>
/// <remarks>Two reports are equal when every property is.</remarks>
public sealed record IndexProgress
{
    /// <summary>Files examined so far (indexed, skipped as unchanged, or failed).</summary>
    public required int FilesDone { get; init; }

    /// <summary>Files found in the folder.</summary>
    public required int FilesTotal { get; init; }

    /// <summary>Bytes read from the files examined so far.</summary>
    public required long BytesDone { get; init; }

    /// <summary>Bytes of all files found (measured only when progress is reported at all).</summary>
    public required long BytesTotal { get; init; }

    /// <summary>Files whose outcome is durable: all files examined before the last commit of this run started.
    /// A crash now loses nothing below this count.</summary>
    public required int FilesCommitted { get; init; }
}
