namespace Search;

/// <summary>A summary of what an index holds, as searches see it now.</summary>
/// <remarks>Two summaries are equal when every property is, <see cref="UnfinishedSyncs"/> and <see cref="Tags"/> element by
/// element.</remarks>
public sealed record IndexStats
{
    /// <summary>Searchable documents.</summary>
    public required long Documents { get; init; }

    /// <summary>The earliest document date. Default <see langword="null"/>: no document has a date.</summary>
    public DateOnly? DateFrom { get; init; }

    /// <summary>The latest document date. Default <see langword="null"/>: no document has a date.</summary>
    public DateOnly? DateTo { get; init; }

    /// <summary>Bytes the index takes in its folder (or in memory), all commits and pending files included.</summary>
    public required long SizeBytes { get; init; }

    /// <summary>Lucene segments in the searched snapshot; many small ones mean merges are pending.</summary>
    public required int Segments { get; init; }

    /// <summary>The folders whose last <see cref="SearchIndex.IndexDirectoryAsync(string, DirectorySyncOptions, CancellationToken)"/> committed part of its work on the way
    /// (see <see cref="SearchIndexOptions.CommitEveryDocuments"/>) and then stopped before its end: cancelled, interrupted,
    /// failed or killed. The index then holds only part of each one's changes; syncing the folder again finishes the job.
    /// Empty when no sync was left unfinished; a rebuild clears it.</summary>
    public required IReadOnlyList<string> UnfinishedSyncs { get; init; }

    /// <summary>Each tag name that documents hold (<see cref="SeedDocument.Tags"/>), with how many searchable documents hold at
    /// least one value of it, in ordinal order of the names. Default: empty (no document has tags).</summary>
    public IReadOnlyList<TagCount> Tags { get; init; } = [];

    /// <summary>Whether <paramref name="other"/> describes the same index state: every property equal, the list element by
    /// element.</summary>
    public bool Equals(IndexStats? other) =>
        ReferenceEquals(this, other) || (other is not null
            && Documents == other.Documents && DateFrom == other.DateFrom && DateTo == other.DateTo
            && SizeBytes == other.SizeBytes && Segments == other.Segments && ListEquality.Equal(UnfinishedSyncs, other.UnfinishedSyncs)
            && ListEquality.Equal(Tags, other.Tags));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Documents, DateFrom, DateTo, SizeBytes, Segments, ListEquality.Hash(UnfinishedSyncs), ListEquality.Hash(Tags));
}
