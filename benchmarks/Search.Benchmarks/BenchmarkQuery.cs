using System.Globalization;

namespace Search.Benchmarks;

/// <summary>One representative query of a category (term, field, or, and, phrase, prefix, fuzzy, date), in Lucene
/// syntax, with an optional date range. The set for a corpus lives in <c>Queries/{corpus}.tsv</c>, derived once from
/// the corpus by <c>--derive-queries</c> and kept, so every run measures the same queries; a corpus without a kept
/// set gets one derived by the same rules into the temp folder, so the query suite runs on any corpus.</summary>
public sealed record BenchmarkQuery(string Category, string Text, DateOnly? From, DateOnly? To)
{
    /// <summary>The kept set of the corpus named <paramref name="corpusName"/>, which may not exist.</summary>
    public static string KeptFileFor(string corpusName) => Path.Combine(AppContext.BaseDirectory, "Queries", corpusName + ".tsv");

    /// <summary>The query file of <paramref name="corpus"/>: its kept set, or else one derived (once per corpus and
    /// build) into the temp folder.</summary>
    public static string FileFor(Corpus corpus)
    {
        string kept = KeptFileFor(corpus.Name);
        if (File.Exists(kept))
            return kept;
        Guid build = typeof(SearchIndex).Assembly.ManifestModule.ModuleVersionId;
        string derived = Path.Combine(Path.GetTempPath(), "search-bench", $"queries-{corpus.Name}-{corpus.Files.Count}-{corpus.Bytes}-{build:N}.tsv");
        if (!File.Exists(derived))
        {
            Console.Error.WriteLine($"No kept query set for corpus '{corpus.Name}' ({kept}): deriving one into {derived}.");
            QueryDeriver.Write(corpus, derived);
        }
        return derived;
    }

    public static IReadOnlyList<BenchmarkQuery> Load(Corpus corpus) =>
        [.. File.ReadAllLines(FileFor(corpus))
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(Parse)];

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
