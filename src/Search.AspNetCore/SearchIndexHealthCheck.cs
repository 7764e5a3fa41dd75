using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Search.AspNetCore;

/// <summary>Healthy when the app's index answers (<see cref="IServedIndex.CheckHealthAsync"/>); unhealthy with the reason
/// otherwise, also when no index is registered at all.</summary>
internal sealed class SearchIndexHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        IServedIndex index;
        try
        {
            index = services.GetRequiredService<IServedIndex>();
        }
        catch (InvalidOperationException e)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, e.Message, e));
        }
        return index.CheckHealthAsync(context.Registration.FailureStatus, cancellationToken);
    }
}
