namespace Search;

/// <summary>A file that could not be indexed, or a row of the metadata table (<see cref="DirectorySyncOptions.Metadata"/>) that
/// could not be used: then <see cref="Path"/> is the table, and the message names the row and says how its document was
/// indexed.</summary>
/// <remarks>Two failures are equal when every property is.</remarks>
public sealed record IndexFailure
{
    /// <summary>The id the document would have had (for a table row, the document it names, or its first cell when it names
    /// no file of the folder).</summary>
    public required string Id { get; init; }

    /// <summary>The file (or the metadata table).</summary>
    public required string Path { get; init; }

    /// <summary>Why, as a sentence a person can act on.</summary>
    public required string Message { get; init; }
}
