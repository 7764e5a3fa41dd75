namespace Search.AspNetCore;

/// <summary>How <see cref="Microsoft.Extensions.DependencyInjection.SearchServiceCollectionExtensions.AddSearchIndex(Microsoft.Extensions.DependencyInjection.IServiceCollection)"/>
/// opens the app's index and how <see cref="Microsoft.AspNetCore.Builder.SearchEndpointRouteBuilderExtensions.MapSearchApi"/> serves it; bound from the
/// configuration section <c>Search</c> (<c>"Search": { "IndexPath": "index", "ApiKey": "..." }</c>) or set in code.</summary>
/// <remarks>The index knobs mean what the same properties of <see cref="SearchIndexOptions"/> mean, with the same defaults.</remarks>
public sealed class SearchServiceOptions
{
    /// <summary>The configuration section <c>AddSearchIndex()</c> binds: <c>Search</c>.</summary>
    public const string SectionName = "Search";

    /// <summary>The index folder, relative to the app's content root unless absolute. Required.</summary>
    public string? IndexPath { get; set; }

    /// <summary>Open the index read-only: searches answer from its last commit while another process writes it, and the
    /// write endpoints refuse. Default <see langword="false"/>.</summary>
    public bool ReadOnly { get; set; }

    /// <summary>The key a write request must send in the <c>X-Api-Key</c> header. Writes through the HTTP API are off while
    /// it is <see langword="null"/> or empty (the default).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The largest request body a write accepts, in bytes; a larger one gets 413. Default 32 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Seconds a client is told to wait (<c>Retry-After</c>) when the index cannot answer yet. Default 5.</summary>
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary><see cref="SearchIndexOptions.MaxFileBytes"/>.</summary>
    public long MaxFileBytes { get; set; } = Defaults.MaxFileBytes;

    /// <summary><see cref="SearchIndexOptions.IndexingThreads"/>.</summary>
    public int IndexingThreads { get; set; } = Defaults.IndexingThreads;

    /// <summary><see cref="SearchIndexOptions.CommitEveryDocuments"/>.</summary>
    public int CommitEveryDocuments { get; set; } = Defaults.CommitEveryDocuments;

    /// <summary><see cref="SearchIndexOptions.CommitInterval"/>.</summary>
    public TimeSpan CommitInterval { get; set; } = Defaults.CommitInterval;

    /// <summary><see cref="SearchIndexOptions.RamBufferSizeMB"/>.</summary>
    public double RamBufferSizeMB { get; set; } = Defaults.RamBufferSizeMB;

    /// <summary><see cref="SearchIndexOptions.MaxQueryLength"/>.</summary>
    public int MaxQueryLength { get; set; } = Defaults.MaxQueryLength;

    /// <summary><see cref="SearchIndexOptions.MaxQueryDepth"/>.</summary>
    public int MaxQueryDepth { get; set; } = Defaults.MaxQueryDepth;

    /// <summary><see cref="SearchIndexOptions.MaxClauses"/>.</summary>
    public int MaxClauses { get; set; } = Defaults.MaxClauses;

    /// <summary><see cref="SearchIndexOptions.MaxTermExpansions"/>.</summary>
    public int MaxTermExpansions { get; set; } = Defaults.MaxTermExpansions;

    /// <summary><see cref="SearchIndexOptions.AllowLeadingWildcard"/>.</summary>
    public bool AllowLeadingWildcard { get; set; } = Defaults.AllowLeadingWildcard;

    /// <summary><see cref="SearchIndexOptions.MaxResultWindow"/>.</summary>
    public int MaxResultWindow { get; set; } = Defaults.MaxResultWindow;

    /// <summary>Whether the write endpoints are on: an API key is set and the index is not read-only.</summary>
    internal bool WritesEnabled => !string.IsNullOrEmpty(ApiKey) && !ReadOnly;

    /// <summary>The library options these settings describe.</summary>
    public SearchIndexOptions ToIndexOptions() => new()
    {
        ReadOnly = ReadOnly,
        MaxFileBytes = MaxFileBytes,
        IndexingThreads = IndexingThreads,
        CommitEveryDocuments = CommitEveryDocuments,
        CommitInterval = CommitInterval,
        RamBufferSizeMB = RamBufferSizeMB,
        MaxQueryLength = MaxQueryLength,
        MaxQueryDepth = MaxQueryDepth,
        MaxClauses = MaxClauses,
        MaxTermExpansions = MaxTermExpansions,
        AllowLeadingWildcard = AllowLeadingWildcard,
        MaxResultWindow = MaxResultWindow,
    };

    private static readonly SearchIndexOptions Defaults = new();
}
