using Lucene.Net.Search;
using Microsoft.Extensions.Logging;

namespace Search;

/// <summary>How a <see cref="SearchIndex"/> stores, indexes and guards queries. Every property has a
/// default that suits an interactive application; change only what you need.</summary>
public sealed record SearchIndexOptions
{
    /// <summary>Open an existing on-disk index for searching only, without taking the writer lock, so
    /// it can be searched while another process writes to it. Write methods then throw
    /// <see cref="InvalidOperationException"/>. Default <see langword="false"/>.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Start from an empty index, replacing the one in the folder. The old documents stay searchable (and a
    /// crash, a cancellation, a failure or <see cref="SearchIndex.Dispose"/> leaves them intact) until the first commit,
    /// which replaces them all at once. In a folder with no index yet, nothing is committed before that first commit, so
    /// readers find no index until it is whole. Default <see langword="false"/>.</summary>
    public bool Rebuild { get; init; }

    /// <summary>The largest seed file <see cref="SearchIndex.IndexDirectoryAsync(string, DirectorySyncOptions, CancellationToken)"/> accepts; larger files
    /// are reported as failures. Default <see cref="SeedDocumentReader.DefaultMaxFileBytes"/> (16 MiB).</summary>
    public long MaxFileBytes { get; init; } = SeedDocumentReader.DefaultMaxFileBytes;

    /// <summary>How many files <see cref="SearchIndex.IndexDirectoryAsync(string, DirectorySyncOptions, CancellationToken)"/> reads, parses and analyses at
    /// once. Default: the number of processors.</summary>
    public int IndexingThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>A long <see cref="SearchIndex.IndexDirectoryAsync(string, DirectorySyncOptions, CancellationToken)"/> commits after this many written documents, so a crash
    /// loses at most that much work (the next run redoes it). Default 100,000 (with <see cref="CommitInterval"/>, whichever
    /// comes first): each commit flushes and syncs every new file, which costs indexing speed. Not while
    /// <see cref="Rebuild"/> has yet to commit: a rebuild replaces the old index only once, at its end.</summary>
    public int CommitEveryDocuments { get; init; } = 100_000;

    /// <summary>A long <see cref="SearchIndex.IndexDirectoryAsync(string, DirectorySyncOptions, CancellationToken)"/> also commits when this much time has passed since the last
    /// commit and documents were written. Default 30 seconds.</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Memory the writer fills with new documents before it writes a segment, in MB. Default 64.</summary>
    public double RamBufferSizeMB { get; init; } = 64;

    /// <summary>The longest query accepted, in characters. Default 10,000.</summary>
    public int MaxQueryLength { get; init; } = 10_000;

    /// <summary>The deepest nesting of parentheses accepted. Default 32. Lucene's parsers recurse per
    /// level, so thousands of levels would overflow the stack.</summary>
    public int MaxQueryDepth { get; init; } = 32;

    /// <summary>The most terms and clauses one query may hold. Default 1,024 (Lucene's own ceiling).</summary>
    public int MaxClauses { get; init; } = 1024;

    /// <summary>The most index terms a wildcard, prefix or range term may expand to. Default 10,000.</summary>
    public int MaxTermExpansions { get; init; } = 10_000;

    /// <summary>Accept wildcards at the start of a term (<c>*stan</c>), which scan every term of the
    /// index. Default <see langword="false"/>.</summary>
    public bool AllowLeadingWildcard { get; init; }

    /// <summary>The deepest result <c>Offset + Size</c> may reach; page further with the cursor
    /// (<see cref="SearchResults.Next"/>). Default 10,000.</summary>
    public int MaxResultWindow { get; init; } = 10_000;

    /// <summary>Where the index reports what it does (opening, indexing summaries, skipped files). Default none.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>Checks every value, before anything is opened.</summary>
    /// <returns>These options, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the exception names the property.</exception>
    internal SearchIndexOptions Validate()
    {
        OptionRules.AtLeast(MaxFileBytes, 1, nameof(MaxFileBytes));
        OptionRules.AtLeast(IndexingThreads, 1, nameof(IndexingThreads));
        OptionRules.AtLeast(CommitEveryDocuments, 1, nameof(CommitEveryDocuments));
        OptionRules.Positive(CommitInterval, nameof(CommitInterval));
        OptionRules.Positive(RamBufferSizeMB, nameof(RamBufferSizeMB));
        OptionRules.AtLeast(MaxQueryLength, 1, nameof(MaxQueryLength));
        OptionRules.AtLeast(MaxQueryDepth, 1, nameof(MaxQueryDepth));
        OptionRules.Between(MaxClauses, 1, BooleanQuery.MaxClauseCount, nameof(MaxClauses), ", Lucene's ceiling");
        OptionRules.AtLeast(MaxTermExpansions, 1, nameof(MaxTermExpansions));
        OptionRules.AtLeast(MaxResultWindow, 1, nameof(MaxResultWindow));
        return this;
    }
}
