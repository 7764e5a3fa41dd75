using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Search.Cli.Output;

/// <summary>The --json output: one object per command, camelCase names that scripts can rely on.</summary>
internal static class JsonRenderer
{
    public static void WriteResults(TextWriter output, string query, SearchResults results) =>
        Write(output, new QueryJson(
            query,
            results.TotalHits,
            Math.Round(results.Took.TotalMilliseconds, 3),
            [.. results.Hits.Select(h => new HitJson(h.Id, h.Score, h.Date, h.Title, h.HighlightedTitle ?? h.Title, h.Snippets, h.Path, h.Tags))],
            results.Next,
            results.Suggestion,
            results.Facets.ToDictionary(pair => pair.Key, IReadOnlyList<FacetValueJson> (pair) => [.. pair.Value.Select(v => new FacetValueJson(v.Value, v.Count))], StringComparer.Ordinal),
            results.IsPartial,
            results.DroppedStopWords.Count > 0 ? results.DroppedStopWords : null), CliJsonContext.Relaxed.QueryJson);

    public static void WriteCompletions(TextWriter output, string text, IReadOnlyList<Completion> completions) =>
        Write(output, new CompletionsJson(text, [.. completions.Select(c => new CompletionJson(c.Query, c.Documents))]), CliJsonContext.Relaxed.CompletionsJson);

    public static void WriteDocument(TextWriter output, SeedDocument document) =>
        Write(output, new DocumentJson(document.Id, document.Title, document.Date, document.Body, document.Tags), CliJsonContext.Relaxed.DocumentJson);

    public static void WriteStats(TextWriter output, IndexStats stats) =>
        Write(output, new StatsJson(stats.Documents, stats.DateFrom, stats.DateTo, stats.SizeBytes, stats.Segments,
            [.. stats.Tags.Select(tag => new TagCountJson(tag.Name, tag.Documents))], stats.UnfinishedSyncs.Count > 0 ? stats.UnfinishedSyncs : null), CliJsonContext.Relaxed.StatsJson);

    public static void WriteCheck(TextWriter output, IndexCheckReport report) =>
        Write(output, new CheckJson(report.Healthy, report.Inconclusive, report.Documents, report.Segments, report.Problems), CliJsonContext.Relaxed.CheckJson);

    public static void WriteEvaluation(TextWriter output, Evaluation.EvaluationReport report) =>
        Write(output, new EvaluationJson(report.Queries, report.Map, report.NdcgAt10, report.PrecisionAt10, report.RecallAt100, report.RecallAt1000,
            report.QueriesWithoutRelevant), CliJsonContext.Relaxed.EvaluationJson);

    // Escaping what a terminal must not see raw keeps the JSON exact for a parser and leaves the sanitising writer nothing to change.
    private static void Write<T>(TextWriter output, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        output.WriteLine(TerminalText.EscapeForJson(JsonSerializer.Serialize(value, type)));
}

// Fields that are usually empty appear only when they say something, so the documented shape stays as it was for scripts.
internal sealed record QueryJson(string Query, long TotalHits, double TookMs, IReadOnlyList<HitJson> Hits, string? Next, string? Suggestion,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValueJson>> Facets,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Partial,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? DroppedStopWords);

internal sealed record HitJson(string Id, float Score, DateOnly? Date, string Title, string TitleHighlighted, IReadOnlyList<string> Snippets, string? Path,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Tags);

internal sealed record FacetValueJson(string Value, long Count);

internal sealed record CompletionsJson(string Text, IReadOnlyList<CompletionJson> Completions);

internal sealed record CompletionJson(string Query, long Documents);

internal sealed record DocumentJson(string Id, string Title, DateOnly? Date, string Body, IReadOnlyDictionary<string, IReadOnlyList<string>> Tags);

internal sealed record EvaluationJson(
    int Queries,
    double Map,
    [property: JsonPropertyName("ndcg@10")] double NdcgAt10,
    [property: JsonPropertyName("p@10")] double PrecisionAt10,
    [property: JsonPropertyName("recall@100")] double RecallAt100,
    [property: JsonPropertyName("recall@1000")] double RecallAt1000,
    IReadOnlyList<string> WithoutRelevant);

internal sealed record TagCountJson(string Name, long Documents);

internal sealed record CheckJson(bool Healthy, bool Inconclusive, long Documents, int Segments, IReadOnlyList<string> Problems);

internal sealed record StatsJson(long Documents, DateOnly? DateFrom, DateOnly? DateTo, long SizeBytes, int Segments, IReadOnlyList<TagCountJson> Tags,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? UnfinishedSyncs);

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
