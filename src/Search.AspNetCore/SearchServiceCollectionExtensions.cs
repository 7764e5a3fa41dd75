using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
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
        services.TryAddSingleton<IndexLifetime>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, IndexLifetime.Closer>());
        // The lifetime closes the index when the host stops; the container disposing it again at the end is harmless.
        services.TryAddSingleton(provider => provider.GetRequiredService<IndexLifetime>().Open());
        services.TryAddSingleton<IndexWriteLock>();
        return services;
    }
}
