namespace Search;

/// <summary>What <see cref="SearchIndex.IndexDirectoryAsync(string, DirectorySyncOptions, CancellationToken)"/> takes besides
/// the folder. Every property is optional.</summary>
public sealed record DirectorySyncOptions
{
    /// <summary>Receives progress a few times a second, and once at the end. Default <see langword="null"/>: none.</summary>
    public IProgress<IndexProgress>? Progress { get; init; }

    /// <summary>The path of a metadata table that gives the files their <see cref="SeedDocument.Tags"/>. Default
    /// <see langword="null"/>: the documents get no tags.</summary>
    /// <remarks>
    /// <para>Tab-separated UTF-8 text. The header row names the columns: the first names the documents (its name is free),
    /// each other one is a tag, whose name must be a valid tag name (see <see cref="SeedDocument.Tags"/>), else the sync
    /// fails before it indexes anything. Each following row names one document in its first cell, by its file's path
    /// relative to the folder, with or without <c>.txt</c>, with <c>/</c> between folders (which is the document's id), and
    /// gives its tags in the other cells: each cell a comma-separated list of values, spaces around them trimmed, an empty
    /// cell for none. Empty lines are skipped.</para>
    /// <para>A document without a row has no tags; a row that names no file of the folder is ignored (so one table can
    /// serve several folders, each naming its documents relative to itself). A row with the wrong number of cells or a bad
    /// value, or a second row for the same document, is reported as an <see cref="IndexFailure"/> naming the table and the
    /// row (numbered as the lines of the file, the header being row 1); its document is indexed without tags (or with the
    /// tags of its first row). A document whose row changes is indexed again by the next sync, even when its file did not
    /// change.</para>
    /// </remarks>
    public string? Metadata { get; init; }

    /// <summary>Checks the options, naming the property and its value.</summary>
    internal DirectorySyncOptions Validate()
    {
        if (Metadata is not null && string.IsNullOrWhiteSpace(Metadata))
            throw OptionRules.Invalid(nameof(Metadata), $"{nameof(Metadata)} must be a file path or null (was \"{Metadata}\").");
        return this;
    }
}
