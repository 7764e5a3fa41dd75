using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Search.AspNetCore;

/// <summary>The one place that turns what goes wrong in an API request into an RFC 7807 <c>application/problem+json</c>
/// answer: a status, a title, the library's message as the detail, and never a stack trace.</summary>
internal static partial class ApiProblems
{
    // Library properties whose checks can still fail after SearchRequestReader, as the client spells them.
    private static readonly Dictionary<string, string> Parameters = new(StringComparer.Ordinal)
    {
        [nameof(SearchRequest.Filters)] = "filter",
        [nameof(SearchRequest.Facets)] = "facet",
        [nameof(SearchRequest.FacetSize)] = "facetSize",
        [nameof(SearchRequest.After)] = "after",
        [nameof(SearchRequest.Size)] = "limit",
        [nameof(SearchRequest.Offset)] = "offset",
        [nameof(SearchRequest.SimilarTo)] = "id",
        ["text"] = "q",
        ["id"] = "id",
        ["document.Id"] = "id",
        ["document.Tags"] = "tags",
    };

    /// <summary>Runs an endpoint, answering its failures as problems.</summary>
    public static async ValueTask<object?> Guard(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        HttpContext http = context.HttpContext;
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty; // the client left: nobody reads an answer
        }
        catch (Exception e) when (For(e, http) is { } problem)
        {
            return problem;
        }
    }

    public static IResult BadParameter(string parameter, string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest,
            title: IsBodyPart(parameter) ? "The request body is not valid." : "A parameter is not valid.",
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter });

    // What a write's body holds, as a problem's parameter names it: body, tags, [3].id, ...
    private static bool IsBodyPart(string parameter) => parameter is "body" or "tags" || parameter.StartsWith('[');

    public static IResult NotFound(string id) =>
        Results.Problem($"No document has the id '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "No such document.",
            extensions: new Dictionary<string, object?> { ["id"] = id });

    public static IResult Unauthorized(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Writes need the API key.");

    private static IResult? For(Exception error, HttpContext http)
    {
        switch (error)
        {
            case ApiParameterException e:
                return BadParameter(e.Parameter, e.Message);
            case QuerySyntaxException e:
                var extensions = new Dictionary<string, object?> { ["parameter"] = "q" };
                if (e.Position is int position)
                    extensions["position"] = position;
                return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "The query cannot be read.", extensions: extensions);
            case ArgumentException e when e.ParamName == nameof(SearchRequest.After):
                return BadParameter("after", "after takes the next cursor of a page of the same query with the same sort; this is not one.");
            case ArgumentException e:
                return BadParameter(e.ParamName is { } name ? Parameters.GetValueOrDefault(name, name) : "request", ExceptionText.Sentence(e));
            case JsonException e:
                // The serializer's own message names .NET types; say what the body should be instead.
                return BadParameter("body", $"The request body is not the JSON this endpoint takes (at {e.Path ?? "$"}): a document is an object with " +
                    "title, body, date (YYYY-MM-DD) and tags ({\"name\": [\"value\", ...]}), and in a bulk write also id; no other fields.");
            case BadHttpRequestException e:
                return Results.Problem(ExceptionText.Sentence(e), statusCode: e.StatusCode, title: "The request cannot be read.");
            case IndexLockedException or IndexUnavailableException:
                int seconds = http.RequestServices.GetService<IOptions<SearchServiceOptions>>()?.Value.RetryAfterSeconds ?? 5;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return Results.Problem(ExceptionText.Sentence(error), statusCode: StatusCodes.Status503ServiceUnavailable, title: "The index cannot answer yet.");
            case IndexWriteException:
                return Results.Problem("The write was not committed, and nothing of it is kept: " + ExceptionText.Sentence(error),
                    statusCode: StatusCodes.Status500InternalServerError, title: "The index could not be written.");
            default:
                if (http.RequestServices.GetService<ILoggerFactory>()?.CreateLogger("Search.AspNetCore") is { } logger)
                    LogUnexpected(logger, http.Request.Path.Value, error);
                return Results.Problem("An unexpected error occurred; the server's log has the details.",
                    statusCode: StatusCodes.Status500InternalServerError, title: "Unexpected error.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error answering {Path}")]
    private static partial void LogUnexpected(ILogger logger, string? path, Exception error);
}
