using Microsoft.Extensions.DependencyInjection;

namespace Search.AspNetCore;

/// <summary>The app's <see cref="SearchIndex"/>, resolved when an endpoint runs rather than when its parameters are bound,
/// so a failure to open the index (none yet, locked) reaches the endpoint filter and is answered 503 with
/// <c>Retry-After</c>, not as a bare 500.</summary>
internal sealed class IndexAccessor(IServiceProvider services)
{
    public SearchIndex Index => services.GetRequiredService<SearchIndex>();
}
