using System.Text.RegularExpressions;
using Lucene.Net.Analysis.En;

namespace Search.Benchmarks;

/// <summary>
/// Derives the representative queries of a corpus by fixed rules (no randomness), so the set can be recreated
/// and checked: mid-frequency words (about 1-2% of documents) for term, or, prefix and fuzzy queries, the most
/// frequent title word for a field query, the most frequent co-occurring pair for AND, the most frequent
/// adjacent pair for a phrase, and the busiest month for a date range. A word or pair counts only if raw Lucene.Net
/// and the library find it on the library's index and find the same documents: the library drops more stop words
/// than Lucene's English analyzer (a phrase such as "afghanistan where" matches nothing for raw Lucene.Net, which
/// looks for "where", and the library's "afghanistan" for the library), and such a query would time different work.
/// </summary>
public static partial class QueryDeriver
{
    /// <summary>Derives the set of <paramref name="corpus"/> into <c>Queries/{corpus}.tsv</c> in the source tree, to be kept.</summary>
    public static string Write(Corpus corpus) =>
        Write(corpus, Path.Combine(Corpus.RepositoryRoot(), "benchmarks", "Search.Benchmarks", "Queries", corpus.Name + ".tsv"));

    /// <summary>Derives the set of <paramref name="corpus"/> into <paramref name="path"/>.</summary>
    public static string Write(Corpus corpus, string path)
    {
        BenchmarkQuery[] queries = Derive(corpus);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, [
            $"# Representative queries for the '{corpus.Name}' corpus ({corpus.Files.Count} documents), written by --derive-queries.",
            "# category<TAB>query (Lucene syntax)<TAB>date from<TAB>date to",
            .. queries.Select(q => q.ToTsv())]);
        return path;
    }

    private static BenchmarkQuery[] Derive(Corpus corpus)
    {
        List<SeedDocument> documents = corpus.Documents(1);
        using var sides = new HitCounts(BenchmarkIndex.PathFor(corpus));
        bool Found(string query) => sides.Agree(new BenchmarkQuery("", query, null, null), mustMatch: true);

        var bodyWords = documents.Select(d => Words(d.Body).ToHashSet()).ToList();
        Dictionary<string, int> df = CountDocuments(bodyWords);
        Dictionary<string, int> titleDf = CountDocuments(documents.Select(d => Words(d.Title).ToHashSet()));

        List<string> midFrequency = [.. df.Where(p => p.Key.Length >= 5)
            .OrderBy(p => Math.Abs(p.Value - (documents.Count * 0.015)))
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key)
            .Where(Found)
            .Take(4)];
        while (midFrequency.Count < 4)
            midFrequency.Add(First(df.Keys.OrderByDescending(k => df[k]).ThenBy(k => k, StringComparer.Ordinal), Found, "word"));
        string term = midFrequency[0];
        string titleWord = First(titleDf.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key),
            w => Found("title:" + w), "title word");
        // The AND partner co-occurs most often with the term among words that are themselves selective (<= 5% of documents).
        string partner = First(bodyWords.Where(w => w.Contains(term))
            .SelectMany(w => w).Where(w => w != term && w.Length >= 5 && df[w] <= Math.Max(1, documents.Count / 20))
            .GroupBy(w => w).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key),
            w => Found($"{term} AND {w}"), "AND partner");
        string phrase = First(documents
            .SelectMany(d => Bigrams(d.Body))
            .GroupBy(b => b).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Item1 + " " + g.Key.Item2, StringComparer.Ordinal)
            .Select(g => $"\"{g.Key.Item1} {g.Key.Item2}\""), Found, "phrase");
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
            new("phrase", phrase, null, null),
            new("prefix", midFrequency[3][..4] + "*", null, null),
            new("fuzzy", misspelt + "~1", null, null),
            new("date", term, month == default ? null : month, month == default ? null : month.AddMonths(1).AddDays(-1)),
        ];
        foreach (BenchmarkQuery query in queries.Where(q => !sides.Agree(q, mustMatch: false)))
            throw new InvalidOperationException($"The derived {query.Category} query '{query.Text}' matches different documents for raw Lucene.Net and the library.");
        return queries;
    }

    private static string First(IEnumerable<string> candidates, Func<string, bool> usable, string what) =>
        candidates.FirstOrDefault(usable) ?? throw new InvalidOperationException($"No {what} in the corpus that raw Lucene.Net and the library both find alike.");

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
