namespace Search;

/// <summary>A file that could not be indexed.</summary>
/// <remarks>Two failures are equal when every property is.</remarks>
public sealed record IndexFailure
{
    /// <summary>The id the document would have had.</summary>
    public required string Id { get; init; }

    /// <summary>The file.</summary>
    public required string Path { get; init; }

    /// <summary>Why, as a sentence a person can act on.</summary>
    public required string Message { get; init; }
}
