namespace Search;

/// <summary>What one <see cref="SearchIndex.IndexDirectoryAsync(string, DirectorySyncOptions, CancellationToken)"/> run did.</summary>
/// <remarks>A class without value equality: it reports one run, timing included, so two reports are equal only when they
/// are the same object. Compare the counts and <see cref="Failures"/> (whose <see cref="IndexFailure"/>s compare by
/// value) to compare what two runs did.</remarks>
public sealed class IndexReport
{
    /// <summary>Documents whose files were new to the index.</summary>
    public required int Added { get; init; }

    /// <summary>Documents whose files changed since they were last indexed.</summary>
    public required int Updated { get; init; }

    /// <summary>Files whose content hash matched what the index holds, so they were skipped.</summary>
    public required int Unchanged { get; init; }

    /// <summary>Documents removed because their files are gone from the folder. For a rebuild, every document of the old
    /// index that the new one is without (of any folder, or upserted directly).</summary>
    public required int Deleted { get; init; }

    /// <summary>Files that could not be indexed, each with the reason, ordered by path; empty when every file was. A failed
    /// file leaves any earlier indexed version of the document in place.</summary>
    public required IReadOnlyList<IndexFailure> Failures { get; init; }

    /// <summary>Bytes read from the files that were added or updated.</summary>
    public required long BytesIndexed { get; init; }

    /// <summary>Wall-clock time of the whole run, including the final commit.</summary>
    public required TimeSpan Elapsed { get; init; }
}
