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
    public SeedDocument ToDocument(string id) =>
        new(id, Title ?? string.Empty, Body ?? string.Empty, Date)
        {
            Tags = Tags?.ToDictionary(pair => pair.Key, IReadOnlyList<string> (pair) => pair.Value, StringComparer.Ordinal) ?? TagRules.None,
        };
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
