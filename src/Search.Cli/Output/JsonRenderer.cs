using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Search.Contracts;

namespace Search.Cli.Output;

/// <summary>The --json output: one object per command, camelCase names that scripts can rely on.</summary>
internal static class JsonRenderer
{
    public static void WriteResults(TextWriter output, string query, SearchResults results) =>
        Write(output, ResultJson.Results(query, results), CliJsonContext.Relaxed.QueryJson);

    public static void WriteCompletions(TextWriter output, string text, IReadOnlyList<Completion> completions) =>
        Write(output, ResultJson.Completions(text, completions), CliJsonContext.Relaxed.CompletionsJson);

    public static void WriteDocument(TextWriter output, SeedDocument document) =>
        Write(output, ResultJson.Document(document), CliJsonContext.Relaxed.DocumentJson);

    public static void WriteStats(TextWriter output, IndexStats stats) =>
        Write(output, ResultJson.Stats(stats), CliJsonContext.Relaxed.StatsJson);

    public static void WriteCheck(TextWriter output, IndexCheckReport report) =>
        Write(output, new CheckJson(report.Healthy, report.Inconclusive, report.Documents, report.Segments, report.Problems), CliJsonContext.Relaxed.CheckJson);

    public static void WriteEvaluation(TextWriter output, Evaluation.EvaluationReport report) =>
        Write(output, new EvaluationJson(report.Queries, report.Map, report.NdcgAt10, report.PrecisionAt10, report.RecallAt100, report.RecallAt1000,
            report.QueriesWithoutRelevant), CliJsonContext.Relaxed.EvaluationJson);

    // Escaping what a terminal must not see raw keeps the JSON exact for a parser and leaves the sanitising writer nothing to change.
    private static void Write<T>(TextWriter output, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        output.WriteLine(TerminalText.EscapeForJson(JsonSerializer.Serialize(value, type)));
}

internal sealed record EvaluationJson(
    int Queries,
    double Map,
    [property: JsonPropertyName("ndcg@10")] double NdcgAt10,
    [property: JsonPropertyName("p@10")] double PrecisionAt10,
    [property: JsonPropertyName("recall@100")] double RecallAt100,
    [property: JsonPropertyName("recall@1000")] double RecallAt1000,
    IReadOnlyList<string> WithoutRelevant);

internal sealed record CheckJson(bool Healthy, bool Inconclusive, long Documents, int Segments, IReadOnlyList<string> Problems);

// Snippets carry <mark> tags for web pages: write them as-is rather than as \u003C escapes.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(QueryJson))]
[JsonSerializable(typeof(DocumentJson))]
[JsonSerializable(typeof(StatsJson))]
[JsonSerializable(typeof(CheckJson))]
[JsonSerializable(typeof(EvaluationJson))]
[JsonSerializable(typeof(CompletionsJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    public static CliJsonContext Relaxed { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
