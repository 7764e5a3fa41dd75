using System.Text.Json.Serialization;

namespace Search.Contracts;

// The JSON shapes that `search ... --json` prints and the HTTP API returns: one definition, compiled into Search.AspNetCore
// and used from there by the command line (through InternalsVisibleTo), so a script and a web page read the same field names.

/// <summary>Builds the JSON records from the library's results.</summary>
internal static class ResultJson
{
    public static QueryJson Results(string query, SearchResults results) => new(
        query,
        results.TotalHits,
        Math.Round(results.Took.TotalMilliseconds, 3),
        [.. results.Hits.Select(h => new HitJson(h.Id, h.Score, h.Date, h.Title, h.HighlightedTitle ?? h.Title, h.Snippets, h.Path, h.Tags))],
        results.Next,
        results.Suggestion,
        results.Facets.ToDictionary(pair => pair.Key, IReadOnlyList<FacetValueJson> (pair) => [.. pair.Value.Select(v => new FacetValueJson(v.Value, v.Count))], StringComparer.Ordinal),
        results.IsPartial,
        results.DroppedStopWords.Count > 0 ? results.DroppedStopWords : null);

    public static CompletionsJson Completions(string text, IReadOnlyList<Completion> completions) =>
        new(text, [.. completions.Select(c => new CompletionJson(c.Query, c.Documents))]);

    public static DocumentJson Document(SeedDocument document) =>
        new(document.Id, document.Title, document.Date, document.Body, document.Tags);

    public static StatsJson Stats(IndexStats stats) =>
        new(stats.Documents, stats.DateFrom, stats.DateTo, stats.SizeBytes, stats.Segments,
            [.. stats.Tags.Select(tag => new TagCountJson(tag.Name, tag.Documents))], stats.UnfinishedSyncs.Count > 0 ? stats.UnfinishedSyncs : null);
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

internal sealed record TagCountJson(string Name, long Documents);

internal sealed record StatsJson(long Documents, DateOnly? DateFrom, DateOnly? DateTo, long SizeBytes, int Segments, IReadOnlyList<TagCountJson> Tags,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? UnfinishedSyncs);
