using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Search.AspNetCore;

/// <summary>The index the endpoints and the health check serve, as the operations they need: by default a local
/// <see cref="SearchIndex"/> (<see cref="LocalServedIndex"/>); the command line registers a cluster's sharded index instead.
/// Every implementation fails with the library's exceptions, so <see cref="ApiProblems"/> answers them alike: a bad request
/// as 400, an index that cannot answer yet (<see cref="IndexUnavailableException"/>, <see cref="IndexLockedException"/>)
/// as 503 with <c>Retry-After</c>.</summary>
internal interface IServedIndex
{
    Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken);

    Task<IReadOnlyList<Completion>> CompleteAsync(string text, int size, CancellationToken cancellationToken);

    Task<SeedDocument?> GetAsync(string id, CancellationToken cancellationToken);

    Task<IndexStats> GetStatsAsync(CancellationToken cancellationToken);

    /// <summary>Adds or replaces a document; visible and durable after <see cref="CommitAsync"/>.</summary>
    Task UpsertAsync(SeedDocument document, CancellationToken cancellationToken);

    /// <summary>Deletes the document with <paramref name="id"/>; whether there was one.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);

    /// <summary>Healthy when the index answers, otherwise <paramref name="failureStatus"/> with the reason.</summary>
    Task<HealthCheckResult> CheckHealthAsync(HealthStatus failureStatus, CancellationToken cancellationToken);
}
