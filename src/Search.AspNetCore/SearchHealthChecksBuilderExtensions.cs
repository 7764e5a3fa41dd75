using Microsoft.Extensions.Diagnostics.HealthChecks;
using Search.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the index's health check.</summary>
public static class SearchHealthChecksBuilderExtensions
{
    /// <summary>Adds a check that is healthy when the index registered by <c>AddSearchIndex</c> opens and answers a search,
    /// and otherwise reports <paramref name="failureStatus"/> with the reason (the index is missing, locked, unreadable).</summary>
    /// <param name="builder">The app's health checks.</param>
    /// <param name="name">The check's name. Default <c>search</c>.</param>
    /// <param name="failureStatus">What a failure reports. Default <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags to filter checks by.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static IHealthChecksBuilder AddSearchIndex(this IHealthChecksBuilder builder, string name = "search",
        HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(name, services => new SearchIndexHealthCheck(services), failureStatus, tags));
    }
}
