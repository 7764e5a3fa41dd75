using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Search.AspNetCore;

/// <summary>Healthy when the app's index opens and answers a search; unhealthy with the reason otherwise.</summary>
internal sealed class SearchIndexHealthCheck(IServiceProvider services) : IHealthCheck
{
    private static readonly SearchRequest Probe = new("*") { Size = 0, Highlight = null, Typos = TypoTolerance.Off };

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            SearchIndex index = services.GetRequiredService<SearchIndex>();
            SearchResults results = index.Search(Probe);
            return Task.FromResult(HealthCheckResult.Healthy(
                string.Create(CultureInfo.InvariantCulture, $"The index answers: {results.TotalHits:N0} documents."),
                new Dictionary<string, object> { ["documents"] = results.TotalHits }));
        }
        catch (Exception e) when (e is SearchException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, e.Message, e));
        }
    }
}
