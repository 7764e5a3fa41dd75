using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Search.AspNetCore;
using Search.Orleans;

namespace Search.Cli.Cluster;

/// <summary>
/// The cluster's sharded index as <c>search serve --cluster</c> serves it: the same API over it as over a local index. Its
/// answers and request errors are already those of one index; a cluster that does not answer (no gateway, a shard that
/// stays away past its wait) is said as <see cref="IndexUnavailableException"/>, which the API answers 503 with
/// <c>Retry-After</c>, as it does for a local index that cannot be opened yet.
/// </summary>
internal sealed class ClusterServedIndex(ClusterConnection connection) : IServedIndex
{
    /// <summary>How long the health check waits for the cluster to count its documents.</summary>
    public static readonly TimeSpan HealthWait = TimeSpan.FromSeconds(5);

    /// <summary>The cluster as the start of a sentence: "The cluster at HOST:PORT".</summary>
    private string Named => string.Concat(connection.Description[..1].ToUpperInvariant(), connection.Description.AsSpan(1));

    public Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken) =>
        Call(index => index.SearchAsync(request, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<Completion>> CompleteAsync(string text, int size, CancellationToken cancellationToken) =>
        Call(index => index.CompleteAsync(text, size, cancellationToken), cancellationToken);

    public Task<SeedDocument?> GetAsync(string id, CancellationToken cancellationToken) =>
        Call(index => index.GetAsync(id, cancellationToken), cancellationToken);

    public Task<IndexStats> GetStatsAsync(CancellationToken cancellationToken) =>
        Call(index => index.GetStatsAsync(cancellationToken), cancellationToken);

    public Task UpsertAsync(SeedDocument document, CancellationToken cancellationToken) =>
        Call(async index =>
        {
            await index.UpsertAsync(document, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        Call(index => index.DeleteAsync(id, cancellationToken), cancellationToken);

    public Task CommitAsync(CancellationToken cancellationToken) =>
        Call(async index =>
        {
            await index.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthStatus failureStatus, CancellationToken cancellationToken)
    {
        // A shard that is away makes a count wait for it up to its shard wait; a health probe should say so sooner.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(HealthWait);
        try
        {
            long documents = await connection.Index.CountAsync(timeout.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy(
                string.Create(CultureInfo.InvariantCulture, $"{Named} answers: {documents:N0} documents."),
                new Dictionary<string, object> { ["documents"] = documents });
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(failureStatus,
                string.Create(CultureInfo.InvariantCulture, $"{Named} did not count its documents within {HealthWait.TotalSeconds:0} seconds."), e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new HealthCheckResult(failureStatus, $"{Named} does not answer: {ErrorReporter.Describe(e)}", e);
        }
    }

    /// <summary>Runs a call on the cluster, passing on what one index would throw (a request's own error) and the caller's
    /// cancellation, and turning any other failure, which is the cluster's (a time-out included), into
    /// <see cref="IndexUnavailableException"/>.</summary>
    private async Task<T> Call<T>(Func<ShardedSearchIndex, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(connection.Index).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (ArgumentException or SearchException) && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // IndexUnavailableException names a folder; here the index is the cluster, named as the commands name it.
            throw new IndexUnavailableException(connection.Description, $"{Named} does not answer: {ErrorReporter.Describe(e)}", e);
        }
    }
}
