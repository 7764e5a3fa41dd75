using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Search.Orleans;

/// <summary>Adds the shards of a sharded index to an Orleans silo.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>Lets this silo hold shards of the sharded index under <see cref="SearchShardOptions.Root"/>: each shard is
    /// a grain that opens its index folder when first called and closes it when deactivated; Orleans places them on the
    /// cluster's silos and re-activates them elsewhere when a silo stops or dies. Search it with
    /// <see cref="ShardedSearchIndex"/>.</summary>
    /// <param name="builder">The silo.</param>
    /// <param name="configure">Sets the root (required) and the shard count.</param>
    /// <exception cref="ArgumentException">An option is out of range (checked here, before the silo starts).</exception>
    public static ISiloBuilder AddSearchShards(this ISiloBuilder builder, Action<SearchShardOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var check = new SearchShardOptions();
        configure(check);
        check.Validate();
        builder.Services.AddOptions<SearchShardOptions>().Configure(configure);
        builder.Services.AddSingleton<IValidateOptions<SearchShardOptions>, ShardOptionsValidator>();
        builder.Services.AddSingleton<OpenShards>();
        return builder;
    }

    private sealed class ShardOptionsValidator : IValidateOptions<SearchShardOptions>
    {
        public ValidateOptionsResult Validate(string? name, SearchShardOptions options)
        {
            try
            {
                options.Validate();
                return ValidateOptionsResult.Success;
            }
            catch (ArgumentException e)
            {
                return ValidateOptionsResult.Fail(e.Message);
            }
        }
    }
}
