using System.Text.RegularExpressions;
using Lucene.Net.Analysis.En;

namespace Search.Benchmarks;

/// <summary>
/// Derives the representative queries of a corpus by fixed rules (no randomness), so the set can be recreated
/// and checked: mid-frequency words (about 1-2% of documents) for term, or, prefix and fuzzy queries, the most
/// frequent title word for a field query, the most frequent co-occurring pair for AND, the most frequent
/// adjacent pair for a phrase, and the busiest month for a date range.
/// </summary>
public static partial class QueryDeriver
{
    public static string Write(Corpus corpus)
    {
        List<SeedDocument> documents = corpus.Documents(1);
        var bodyWords = documents.Select(d => Words(d.Body).ToHashSet()).ToList();
        Dictionary<string, int> df = CountDocuments(bodyWords);
        Dictionary<string, int> titleDf = CountDocuments(documents.Select(d => Words(d.Title).ToHashSet()));

        List<string> midFrequency = [.. df.Where(p => p.Key.Length >= 5)
            .OrderBy(p => Math.Abs(p.Value - (documents.Count * 0.015)))
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key)
            .Take(4)];
        while (midFrequency.Count < 4)
            midFrequency.Add(df.Keys.OrderByDescending(k => df[k]).ThenBy(k => k, StringComparer.Ordinal).First());
        string term = midFrequency[0];
        string titleWord = titleDf.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).First().Key;
        // The AND partner co-occurs most often with the term among words that are themselves selective (<= 5% of documents).
        string partner = bodyWords.Where(w => w.Contains(term))
            .SelectMany(w => w).Where(w => w != term && w.Length >= 5 && df[w] <= Math.Max(1, documents.Count / 20))
            .GroupBy(w => w).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        (string first, string second) = documents
            .SelectMany(d => Bigrams(d.Body))
            .GroupBy(b => b).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Item1 + " " + g.Key.Item2, StringComparer.Ordinal).First().Key;
        var month = documents.Where(d => d.Date is not null)
            .GroupBy(d => new DateOnly(d.Date!.Value.Year, d.Date.Value.Month, 1))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstOrDefault();
        string misspelt = term[..1] + (char)(term[1] == 'z' ? 'a' : term[1] + 1) + term[2..];

        BenchmarkQuery[] queries =
        [
            new("term", term, null, null),
            new("field", "title:" + titleWord, null, null),
            new("or", $"{midFrequency[1]} {midFrequency[2]}", null, null),
            new("and", $"{term} AND {partner}", null, null),
            new("phrase", $"\"{first} {second}\"", null, null),
            new("prefix", midFrequency[3][..4] + "*", null, null),
            new("fuzzy", misspelt + "~1", null, null),
            new("date", term, month == default ? null : month, month == default ? null : month.AddMonths(1).AddDays(-1)),
        ];
        string path = Path.Combine(Corpus.RepositoryRoot(), "benchmarks", "Search.Benchmarks", "Queries", corpus.Name + ".tsv");
        File.WriteAllLines(path, [
            $"# Representative queries for the '{corpus.Name}' corpus ({corpus.Files.Count} documents), written by --derive-queries.",
            "# category<TAB>query (Lucene syntax)<TAB>date from<TAB>date to",
            .. queries.Select(q => q.ToTsv())]);
        return path;
    }

    private static Dictionary<string, int> CountDocuments(IEnumerable<HashSet<string>> documents)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (HashSet<string> words in documents)
        {
            foreach (string word in words)
                counts[word] = counts.GetValueOrDefault(word) + 1;
        }
        return counts;
    }

    private static IEnumerable<string> Words(string text) =>
        Word().Matches(text).Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length >= 3 && !EnglishAnalyzer.DefaultStopSet.Contains(w));

    private static IEnumerable<(string, string)> Bigrams(string text)
    {
        string? previous = null;
        foreach (Match match in Word().Matches(text))
        {
            string word = match.Value.ToLowerInvariant();
            bool usable = word.Length >= 4 && !EnglishAnalyzer.DefaultStopSet.Contains(word);
            if (usable && previous is not null && text.AsSpan(match.Index - 1, 1).IsWhiteSpace())
                yield return (previous, word);
            previous = usable ? word : null;
        }
    }

    [GeneratedRegex("[A-Za-z]+")]
    private static partial Regex Word();
}
