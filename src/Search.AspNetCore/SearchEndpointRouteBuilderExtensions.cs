using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Search.Contracts;

using Search;
using Search.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the HTTP API over the index registered by <c>AddSearchIndex</c>.</summary>
public static class SearchEndpointRouteBuilderExtensions
{
    /// <summary>The header a write request carries its key in.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Maps the search API under <paramref name="prefix"/>: <c>GET search</c>, <c>complete</c>,
    /// <c>similar/{id}</c>, <c>documents/{id}</c> and <c>stats</c>, answering JSON shaped like the command line's
    /// <c>--json</c>; and the writes <c>PUT</c> and <c>DELETE documents/{id}</c> and <c>POST documents</c> (a JSON array),
    /// which need <see cref="SearchServiceOptions.ApiKey"/> in the <c>X-Api-Key</c> header and answer only after their
    /// commit. Failures are RFC 7807 problems: 400 naming the parameter (and the <c>position</c> of a query mistake),
    /// 401, 404 for an unknown id, 413, 503 with <c>Retry-After</c> while the index cannot answer.</summary>
    /// <param name="endpoints">The app.</param>
    /// <param name="prefix">Where the API lives. Default <c>/api</c>.</param>
    /// <returns>The group of endpoints, to add conventions to (authorization, rate limits, CORS).</returns>
    public static RouteGroupBuilder MapSearchApi(this IEndpointRouteBuilder endpoints, string prefix = "/api")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        RouteGroupBuilder api = endpoints.MapGroup(prefix);
        api.AddEndpointFilter(ApiProblems.Guard).WithTags("Search");
        api.AddEndpointFilter((context, next) =>
        {
            SearchRequestReader.RefuseRepeated(context.HttpContext.Request.Query);
            return next(context);
        });

        api.MapGet("/search", Search).WithName("Search")
            .WithSummary("Searches the index: ranked, highlighted hits, facets, the next-page cursor and a did-you-mean suggestion.")
            .Produces<QueryJson>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/complete", Complete).WithName("Complete")
            .WithSummary("Completes the last, partly typed word of q to words in the documents, commonest first, with the documents each completed query finds.")
            .Produces<CompletionsJson>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/similar/{**id}", Similar).WithName("Similar")
            .WithSummary("The documents most like the one with this id (more like this), shown as a search's hits.")
            .Produces<QueryJson>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/documents/{**id}", GetDocument).WithName("GetDocument")
            .WithSummary("One document as stored: id, title, date, body and tags.")
            .Produces<DocumentJson>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/stats", Stats).WithName("Stats")
            .WithSummary("What the index holds: documents, date range, size, segments and tags.")
            .Produces<StatsJson>().ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapPut("/documents/{**id}", PutDocument).WithName("PutDocument")
            .WithSummary("Adds or replaces the document with this id; durable when answered (201 created, 200 replaced). Needs X-Api-Key.")
            .Accepts<DocumentWrite>("application/json").Produces<DocumentJson>().Produces<DocumentJson>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status500InternalServerError).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapDelete("/documents/{**id}", DeleteDocument).WithName("DeleteDocument")
            .WithSummary("Deletes the document with this id; durable when answered 204. Needs X-Api-Key.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status500InternalServerError).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/documents", PostDocuments).WithName("PostDocuments")
            .WithSummary("Adds or replaces many documents (a JSON array, each with its id) in one commit; all or none. Needs X-Api-Key.")
            .Accepts<DocumentWrite[]>("application/json").Produces<BulkWriteJson>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status500InternalServerError).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<IResult> Search([AsParameters] QueryTextParameters text, [AsParameters] ResultParameters results, IServedIndex index,
        IOptions<SearchServiceOptions> options, CancellationToken cancellationToken)
    {
        SearchRequest request = SearchRequestReader.Search(text, results, options.Value.MaxResultWindow);
        SearchResults found = await index.SearchAsync(request, cancellationToken).ConfigureAwait(false);
        return Json(ResultJson.Results(request.Query, found), ApiJsonContext.Relaxed.QueryJson);
    }

    private static async Task<IResult> Complete([FromQuery(Name = "q")] string? q, [FromQuery(Name = "limit")] string? limit, IServedIndex index,
        CancellationToken cancellationToken)
    {
        if (q is null)
            throw new ApiParameterException("q", "q is required: the text typed so far.");
        int size = SearchRequestReader.CompletionLimit(limit);
        IReadOnlyList<Completion> completions = await index.CompleteAsync(q, size, cancellationToken).ConfigureAwait(false);
        return Json(ResultJson.Completions(q, completions), ApiJsonContext.Relaxed.CompletionsJson);
    }

    private static async Task<IResult> Similar(string id, [AsParameters] ResultParameters results, IServedIndex index, IOptions<SearchServiceOptions> options,
        CancellationToken cancellationToken)
    {
        id = Id(id);
        SearchRequest request = SearchRequestReader.Similar(id, results, options.Value.MaxResultWindow);
        SearchResults found = await index.SearchAsync(request, cancellationToken).ConfigureAwait(false);
        // No hits can also mean that the document has no like; only an unknown id is an error.
        if (found.TotalHits == 0 && await index.GetAsync(id, cancellationToken).ConfigureAwait(false) is null)
            return ApiProblems.NotFound(id);
        return Json(ResultJson.Results(id, found), ApiJsonContext.Relaxed.QueryJson);
    }

    private static async Task<IResult> GetDocument(string id, IServedIndex index, CancellationToken cancellationToken)
    {
        id = Id(id);
        return await index.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } document
            ? Json(ResultJson.Document(document), ApiJsonContext.Relaxed.DocumentJson)
            : ApiProblems.NotFound(id);
    }

    private static async Task<IResult> Stats(IServedIndex index, CancellationToken cancellationToken) =>
        Json(ResultJson.Stats(await index.GetStatsAsync(cancellationToken).ConfigureAwait(false)), ApiJsonContext.Relaxed.StatsJson);

    private static async Task<IResult> PutDocument(string id, HttpContext http, IServedIndex index, IndexWriteLock writes, IOptions<SearchServiceOptions> options)
    {
        id = Id(id);
        if (Refused(http, options.Value) is { } refused)
            return refused;
        DocumentWrite write = await ReadBody(http, options.Value, ApiJsonContext.Relaxed.DocumentWrite).ConfigureAwait(false)
                              ?? throw new ApiParameterException("body", "The request body must be a JSON object with title, body, date and tags.");
        if (write.Id is not null && write.Id != id)
            throw new ApiParameterException("id", $"The body's id '{write.Id}' differs from the path's '{id}'; leave it out or make them equal.");
        SeedDocument document = write.ToDocument(id);
        bool existed;
        using (await writes.EnterAsync(http.RequestAborted).ConfigureAwait(false))
        {
            // Once the lock is held the write goes through to its commit even if the client leaves, so what it was told
            // (or would have been) is what the index holds.
            existed = await index.GetAsync(id, CancellationToken.None).ConfigureAwait(false) is not null;
            await index.UpsertAsync(document, CancellationToken.None).ConfigureAwait(false);
            await index.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        DocumentJson json = ResultJson.Document(document);
        return existed ? Json(json, ApiJsonContext.Relaxed.DocumentJson)
            : Results.Json(json, ApiJsonContext.Relaxed.DocumentJson, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> DeleteDocument(string id, HttpContext http, IServedIndex index, IndexWriteLock writes, IOptions<SearchServiceOptions> options)
    {
        id = Id(id);
        if (Refused(http, options.Value) is { } refused)
            return refused;
        using (await writes.EnterAsync(http.RequestAborted).ConfigureAwait(false))
        {
            if (!await index.DeleteAsync(id, CancellationToken.None).ConfigureAwait(false))
                return ApiProblems.NotFound(id);
            await index.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        return Results.NoContent();
    }

    private static async Task<IResult> PostDocuments(HttpContext http, IServedIndex index, IndexWriteLock writes, IOptions<SearchServiceOptions> options)
    {
        if (Refused(http, options.Value) is { } refused)
            return refused;
        DocumentWrite[] writesGiven = await ReadBody(http, options.Value, ApiJsonContext.Relaxed.DocumentWriteArray).ConfigureAwait(false)
                                      ?? throw new ApiParameterException("body", "The request body must be a JSON array of documents, each with its id.");
        // Every document is checked before any is written, so a bad one leaves the index as it was.
        var documents = new List<SeedDocument>(writesGiven.Length);
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < writesGiven.Length; i++)
        {
            string where = string.Create(CultureInfo.InvariantCulture, $"[{i}].");
            DocumentWrite write = writesGiven[i] ?? throw new ApiParameterException(where + "id", $"The document at [{i}] is null, not an object with an id.");
            SeedDocument document = write.ToDocument(write.Id ?? string.Empty, where);
            // Two writes of one id in one request would leave only the last: say so rather than count both.
            if (!positions.TryAdd(document.Id, i))
                throw new ApiParameterException(where + "id", $"The documents at [{positions[document.Id]}] and [{i}] have the same id '{document.Id}'.");
            documents.Add(document);
        }
        using (await writes.EnterAsync(http.RequestAborted).ConfigureAwait(false))
        {
            foreach (SeedDocument document in documents)
                await index.UpsertAsync(document, CancellationToken.None).ConfigureAwait(false);
            await index.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        return Json(new BulkWriteJson(documents.Count), ApiJsonContext.Relaxed.BulkWriteJson);
    }

    /// <summary>A 401 unless writes are on and the request carries the key; compared in constant time, so response times
    /// do not tell how much of a guess was right.</summary>
    private static IResult? Refused(HttpContext http, SearchServiceOptions options)
    {
        if (string.IsNullOrEmpty(options.ApiKey))
            return ApiProblems.Unauthorized("Writes are off: the server has no API key configured (Search:ApiKey).");
        string given = http.Request.Headers[ApiKeyHeader].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(options.ApiKey)))
            return ApiProblems.Unauthorized($"The {ApiKeyHeader} header is missing or does not hold the server's API key.");
        if (options.ReadOnly)
        {
            return Results.Problem("The index is open read-only (Search:ReadOnly), so it takes no writes.",
                statusCode: StatusCodes.Status403Forbidden, title: "The index is read-only.");
        }
        return null;
    }

    private static async Task<T?> ReadBody<T>(HttpContext http, SearchServiceOptions options, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        if (http.Request.ContentLength > options.MaxRequestBodyBytes)
            throw new BadHttpRequestException($"The request body is larger than {options.MaxRequestBodyBytes} bytes, the most a write takes (Search:MaxRequestBodyBytes).", StatusCodes.Status413PayloadTooLarge);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = options.MaxRequestBodyBytes;
        return await JsonSerializer.DeserializeAsync(http.Request.Body, type, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The id in a path: ids hold <c>/</c>, which a client may send as is or escaped.</summary>
    private static string Id(string id) => id.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    private static IResult Json<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) => Results.Json(value, type);
}
