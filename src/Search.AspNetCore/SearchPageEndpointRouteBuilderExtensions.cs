using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

using Search.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the search page: a single page for people, over the API of <see cref="SearchEndpointRouteBuilderExtensions.MapSearchApi"/>.</summary>
public static class SearchPageEndpointRouteBuilderExtensions
{
    /// <summary>Maps the search page at <c>/</c> and its script and style sheet at <c>/app.js</c> and <c>/app.css</c>: a search
    /// box with completions and did-you-mean, highlighted hits, facets and a date histogram to filter by, dates, sort,
    /// paging and similar documents, with the search in the address so it can be shared. The page is embedded in this
    /// package and needs nothing from the internet.</summary>
    /// <param name="endpoints">The app.</param>
    /// <param name="apiPrefix">Where <c>MapSearchApi</c> mapped the API. Default <c>/api</c>.</param>
    /// <returns>The group of endpoints, to add conventions to.</returns>
    public static RouteGroupBuilder MapSearchPage(this IEndpointRouteBuilder endpoints, string apiPrefix = "/api")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(apiPrefix);
        // The page finds the API through a meta tag, so an app that maps it elsewhere needs no other page.
        string html = PageFile("index.html").Replace("{{api}}", WebUtility.HtmlEncode(apiPrefix.TrimEnd('/')), StringComparison.Ordinal);
        string script = PageFile("app.js");
        string style = PageFile("app.css");
        RouteGroupBuilder page = endpoints.MapGroup(string.Empty).ExcludeFromDescription();
        page.MapGet("/", () => Results.Text(html, "text/html; charset=utf-8"));
        page.MapGet("/app.js", () => Results.Text(script, "text/javascript; charset=utf-8"));
        page.MapGet("/app.css", () => Results.Text(style, "text/css; charset=utf-8"));
        page.AddEndpointFilter(async (context, next) =>
        {
            // No inline script and nothing from elsewhere: even a bug that inserted document text as markup could not run it.
            IHeaderDictionary headers = context.HttpContext.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.CacheControl = "no-cache";
            return await next(context).ConfigureAwait(false);
        });
        return page;
    }

    private static string PageFile(string name)
    {
        using Stream stream = typeof(SearchPageEndpointRouteBuilderExtensions).Assembly.GetManifestResourceStream("Search.Page." + name)
                              ?? throw new InvalidOperationException($"The page file {name} is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
