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
        services.TryAddSingleton<IServedIndex, LocalServedIndex>();
        services.TryAddSingleton<IndexWriteLock>();
        return services;
    }

    /// <summary>Registers <paramref name="index"/> as what the API and the health check serve, in place of a local index:
    /// the command line serves a cluster's sharded index this way. <paramref name="configure"/> sets the options (the API
    /// key, read-only, the result window); <see cref="SearchServiceOptions.IndexPath"/> is not needed, and no
    /// <see cref="SearchIndex"/> is registered, since there is none here to open.</summary>
    /// <remarks>The caller owns <paramref name="index"/> and whatever it holds, and outlives the app.</remarks>
    internal static IServiceCollection AddServedIndex(this IServiceCollection services, IServedIndex index, Action<SearchServiceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SearchServiceOptions>().BindConfiguration(SearchServiceOptions.SectionName).Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SearchServiceOptions>>(new SearchServiceOptionsValidator(indexPathRequired: false)));
        services.AddSingleton(index);
        services.TryAddSingleton<IndexWriteLock>();
        return services;
    }
}
