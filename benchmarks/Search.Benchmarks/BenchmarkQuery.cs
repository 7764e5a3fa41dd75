using System.Globalization;

namespace Search.Benchmarks;

/// <summary>One representative query of a category (term, field, or, and, phrase, prefix, fuzzy, date), in Lucene
/// syntax, with an optional date range. The set for a corpus lives in <c>Queries/{corpus}.tsv</c>, derived once from
/// the corpus by <c>--derive-queries</c> and kept, so every run measures the same queries.</summary>
public sealed record BenchmarkQuery(string Category, string Text, DateOnly? From, DateOnly? To)
{
    public static string FileFor(string corpusName) => Path.Combine(AppContext.BaseDirectory, "Queries", corpusName + ".tsv");

    public static IReadOnlyList<BenchmarkQuery> Load(string corpusName)
    {
        string path = FileFor(corpusName);
        if (!File.Exists(path))
            throw new FileNotFoundException($"No query set for corpus '{corpusName}'. Create it with: --derive-queries --corpus PATH", path);
        return [.. File.ReadAllLines(path)
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(Parse)];
    }

    public string ToTsv() => string.Join('\t', Category, Text,
        From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");

    private static BenchmarkQuery Parse(string line)
    {
        string[] parts = line.Split('\t');
        return new BenchmarkQuery(parts[0], parts[1], Date(parts, 2), Date(parts, 3));
    }

    private static DateOnly? Date(string[] parts, int index) =>
        parts.Length > index && parts[index].Length > 0 ? DateOnly.ParseExact(parts[index], "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
}
