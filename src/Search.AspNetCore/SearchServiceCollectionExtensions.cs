using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Search;
using Search.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the app's <see cref="SearchIndex"/>.</summary>
public static class SearchServiceCollectionExtensions
{
    /// <summary>Registers a singleton <see cref="SearchIndex"/> configured from the section <c>Search</c> of the app's
    /// configuration (see <see cref="SearchServiceOptions"/>).</summary>
    /// <remarks>The options are validated when the host starts; the index is opened on first use (so a failure to open
    /// it is retried by the next request rather than remembered) and disposed, committing nothing, with the host.</remarks>
    /// <param name="services">The app's services.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddSearchIndex(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SearchServiceOptions>().BindConfiguration(SearchServiceOptions.SectionName);
        return AddCore(services);
    }

    /// <summary>Registers a singleton <see cref="SearchIndex"/> configured in code (after the section <c>Search</c> of the
    /// app's configuration, when there is one).</summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configure">Sets the options, e.g. <c>options =&gt; options.IndexPath = "index"</c>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddSearchIndex(this IServiceCollection services, Action<SearchServiceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SearchServiceOptions>().BindConfiguration(SearchServiceOptions.SectionName).Configure(configure);
        return AddCore(services);
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SearchServiceOptions>, SearchServiceOptionsValidator>());
        services.AddOptions<SearchServiceOptions>().ValidateOnStart();
        services.TryAddSingleton(provider => OpenIndex(provider));
        services.TryAddSingleton<IndexWriteLock>();
        services.TryAddSingleton<IndexAccessor>();
        return services;
    }

    private static SearchIndex OpenIndex(IServiceProvider provider)
    {
        SearchServiceOptions options = provider.GetRequiredService<IOptions<SearchServiceOptions>>().Value;
        string path = options.IndexPath!;
        if (!Path.IsPathRooted(path) && provider.GetService<IHostEnvironment>() is { } environment)
            path = Path.Combine(environment.ContentRootPath, path);
        ILogger? logger = provider.GetService<ILoggerFactory>()?.CreateLogger("Search");
        return SearchIndex.Open(path, options.ToIndexOptions() with { Logger = logger });
    }
}
