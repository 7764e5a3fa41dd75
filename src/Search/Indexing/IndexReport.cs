namespace Search;

/// <summary>What one <see cref="SearchIndex.IndexDirectoryAsync"/> run did.</summary>
public sealed record IndexReport
{
    /// <summary>Documents whose files were new to the index.</summary>
    public int Added { get; init; }

    /// <summary>Documents whose files changed since they were last indexed.</summary>
    public int Updated { get; init; }

    /// <summary>Files whose content hash matched what the index holds, so they were skipped.</summary>
    public int Unchanged { get; init; }

    /// <summary>Documents removed because their files are gone from the folder. For a rebuild, every document of the old
    /// index that the new one is without (of any folder, or upserted directly).</summary>
    public int Deleted { get; init; }

    /// <summary>Files that could not be indexed, each with the reason, ordered by path. A failed file
    /// leaves any earlier indexed version of the document in place.</summary>
    public IReadOnlyList<IndexFailure> Failures { get; init; } = [];

    /// <summary>Bytes read from the files that were added or updated.</summary>
    public long BytesIndexed { get; init; }

    /// <summary>Wall-clock time of the whole run, including the final commit.</summary>
    public TimeSpan Elapsed { get; init; }
}
