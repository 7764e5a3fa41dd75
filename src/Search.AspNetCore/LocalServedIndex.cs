using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Search.AspNetCore;

/// <summary>The app's own <see cref="SearchIndex"/>, opened through <see cref="IndexLifetime"/> on every call, so a failure to
/// open it (none yet, locked) is thrown inside the endpoint and answered 503, and the next request tries again.</summary>
internal sealed class LocalServedIndex(IndexLifetime lifetime) : IServedIndex
{
    private static readonly SearchRequest Probe = new("*") { Size = 0, Highlight = null, Typos = TypoTolerance.Off };

    public Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken) => Task.FromResult(lifetime.Open().Search(request));

    public Task<IReadOnlyList<Completion>> CompleteAsync(string text, int size, CancellationToken cancellationToken) =>
        Task.FromResult(lifetime.Open().Complete(text, size));

    public Task<SeedDocument?> GetAsync(string id, CancellationToken cancellationToken) => Task.FromResult(lifetime.Open().Get(id));

    public Task<IndexStats> GetStatsAsync(CancellationToken cancellationToken) => Task.FromResult(lifetime.Open().GetStats());

    public Task UpsertAsync(SeedDocument document, CancellationToken cancellationToken) => lifetime.Open().UpsertAsync(document, cancellationToken);

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) => lifetime.Open().DeleteAsync(id, cancellationToken);

    public Task CommitAsync(CancellationToken cancellationToken) => lifetime.Open().CommitAsync(cancellationToken);

    public Task<HealthCheckResult> CheckHealthAsync(HealthStatus failureStatus, CancellationToken cancellationToken)
    {
        try
        {
            SearchResults results = lifetime.Open().Search(Probe);
            return Task.FromResult(HealthCheckResult.Healthy(
                string.Create(CultureInfo.InvariantCulture, $"The index answers: {results.TotalHits:N0} documents."),
                new Dictionary<string, object> { ["documents"] = results.TotalHits }));
        }
        catch (Exception e) when (e is SearchException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return Task.FromResult(new HealthCheckResult(failureStatus, e.Message, e));
        }
    }
}
