using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Search.AspNetCore;

/// <summary>Owns the app's <see cref="SearchIndex"/>: opens it on first use (a failed open is not remembered, so the next
/// request tries again) and closes it when the host has stopped. The endpoints call <see cref="Open"/> in their bodies
/// rather than take the index as a parameter, so a failure to open it (none yet, locked) reaches the endpoint filter and
/// is answered 503 with <c>Retry-After</c>, not as a bare 500. Closing at stop releases the folder's lock as soon as the app has
/// stopped serving, not whenever its service container happens to be disposed.</summary>
internal sealed class IndexLifetime(IServiceProvider services) : IDisposable
{
    private readonly Lock _gate = new();
    private SearchIndex? _index;
    private bool _closed;

    public SearchIndex Open()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, typeof(SearchIndex));
            return _index ??= OpenIndex();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            _index?.Dispose();
        }
    }

    private SearchIndex OpenIndex()
    {
        SearchServiceOptions options = services.GetRequiredService<IOptions<SearchServiceOptions>>().Value;
        string path = options.IndexPath!;
        if (!Path.IsPathRooted(path) && services.GetService<IHostEnvironment>() is { } environment)
            path = Path.Combine(environment.ContentRootPath, path);
        ILogger? logger = services.GetService<ILoggerFactory>()?.CreateLogger("Search");
        return SearchIndex.Open(path, options.ToIndexOptions() with { Logger = logger });
    }

    /// <summary>Closes the index once the host has stopped (after the server has finished its requests).</summary>
    internal sealed class Closer(IHostApplicationLifetime lifetime, IndexLifetime index) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStopped.Register(index.Dispose);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
