using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Search.Contracts;

namespace Search.AspNetCore;

/// <summary>A document as a write request sends it. Unknown fields are refused, so a misspelt <c>"bdy"</c> is an error
/// rather than an empty body.</summary>
/// <param name="Id">The id, for a bulk write; a <c>PUT</c> takes it from the path.</param>
/// <param name="Title">The headline; empty when absent.</param>
/// <param name="Body">The text; empty when absent.</param>
/// <param name="Date">The publication date, <c>YYYY-MM-DD</c>.</param>
/// <param name="Tags">Named keyword values, as in <see cref="SeedDocument.Tags"/>.</param>
internal sealed record DocumentWrite(string? Id, string? Title, string? Body, DateOnly? Date, Dictionary<string, string[]>? Tags)
{
    /// <summary>The document to write under <paramref name="id"/>, checked whole before anything is written.</summary>
    /// <param name="id">The id, from the path or the body.</param>
    /// <param name="where">How a message names this document (empty for the only one, <c>[3]</c> in a bulk write).</param>
    /// <exception cref="ApiParameterException">The id is blank, the document has neither title nor body (a misspelt field
    /// name), or a tag is not valid.</exception>
    public SeedDocument ToDocument(string id, string where = "")
    {
        string which = where.Length == 0 ? "The document" : $"The document at {where}";
        if (string.IsNullOrWhiteSpace(id))
            throw new ApiParameterException(where + "id", $"{which} needs an id that is not blank (was '{id}').");
        var document = new SeedDocument(id, Title ?? string.Empty, Body ?? string.Empty, Date)
        {
            Tags = Tags?.ToDictionary(pair => pair.Key, IReadOnlyList<string> (pair) => pair.Value, StringComparer.Ordinal) ?? TagRules.None,
        };
        try
        {
            TagRules.Validate(document.Tags, "tags");
        }
        catch (ArgumentException e)
        {
            throw new ApiParameterException(where + "tags", $"{which} ('{id}'): {ExceptionText.Sentence(e)}");
        }
        if (string.IsNullOrEmpty(Title) && string.IsNullOrEmpty(Body))
            throw new ApiParameterException(where + "body", $"{which} ('{id}') has neither a title nor a body.");
        return document;
    }
}

/// <summary>What a bulk write answers: how many documents it committed.</summary>
internal sealed record BulkWriteJson(int Indexed);

// The same names and escaping as the command line's --json: snippets keep their <mark> tags as written.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(QueryJson))]
[JsonSerializable(typeof(DocumentJson))]
[JsonSerializable(typeof(StatsJson))]
[JsonSerializable(typeof(CompletionsJson))]
[JsonSerializable(typeof(DocumentWrite))]
[JsonSerializable(typeof(DocumentWrite[]))]
[JsonSerializable(typeof(BulkWriteJson))]
internal sealed partial class ApiJsonContext : JsonSerializerContext
{
    public static ApiJsonContext Relaxed { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        PropertyNameCaseInsensitive = false,
    });
}
