using System.Diagnostics;
using System.Globalization;

namespace Search.Benchmarks;

/// <summary>
/// <c>--typo-report [--queries FILE]</c>: what typo tolerance does for the misspelled news queries of the tests
/// (<see cref="DefaultQueries"/>: correct query, the same with one word misspelled, kind of misspelling), on the corpus
/// indexed by the library. For the correct queries: whether <see cref="TypoTolerance.Auto"/> keeps the top 10 of
/// <see cref="TypoTolerance.Off"/>, and how often a correct query gets a suggestion. For the misspelled ones, with
/// <c>Off</c> and <c>Auto</c>: how many find anything, how much of the correct query's top 10 they find, whether their
/// top hit is the correct query's, and whether the suggestion is the correct query. A measurement, not a test: it fails
/// (exit 1) only when it cannot measure, such as when a correct query finds nothing.
/// </summary>
public static class TypoReport
{
    private const string Beyond = "beyond";
    private const int Top = 10;
    private const int TimedPasses = 20;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The set kept with the tests, found from the repository root.</summary>
    public static string DefaultQueries() =>
        Path.Combine(Corpus.RepositoryRoot(), "tests", "Search.Tests", "Querying", "Misspellings", "news-queries.tsv");

    /// <summary>Measures <paramref name="queriesFile"/> on <see cref="Corpus.Current"/> and prints the tables.</summary>
    /// <returns>The process exit code: 0, or 1 when the file is malformed or unreadable, the index cannot be built, or a
    /// correct query finds nothing.</returns>
    public static int Run(string queriesFile, TextWriter output, TextWriter error)
    {
        try
        {
            return Measure(Read(queriesFile), queriesFile, output, error);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException or SearchException)
        {
            error.WriteLine(e.Message);
            return 1;
        }
    }

    private static int Measure(List<Pair> pairs, string queriesFile, TextWriter output, TextWriter error)
    {
        Corpus corpus = Corpus.Current;
        using SearchIndex index = SearchIndex.Open(BenchmarkIndex.PathFor(corpus));
        var off = new Dictionary<string, SearchResults>(StringComparer.Ordinal);
        var auto = new Dictionary<string, SearchResults>(StringComparer.Ordinal);
        foreach (string query in pairs.SelectMany(p => new[] { p.Correct, p.Misspelled }).Distinct(StringComparer.Ordinal))
        {
            off[query] = index.Search(Request(query, TypoTolerance.Off));
            auto[query] = index.Search(Request(query, TypoTolerance.Auto));
        }
        string[] lost = [.. pairs.Select(p => p.Correct).Distinct(StringComparer.Ordinal).Where(q => off[q].Hits.Count == 0)];
        if (lost.Length > 0)
        {
            string named = string.Join(", ", lost.Take(5)) + (lost.Length > 5 ? $" and {lost.Length - 5} more" : "");
            error.WriteLine($"{lost.Length} correct queries find nothing in {corpus.Name}, so their misspellings cannot be judged: {named}. The set is written for Reuters-21578.");
            return 1;
        }

        output.WriteLine(string.Create(Invariant, $"Typo tolerance on {corpus.Name} ({index.Count:N0} documents), simple syntax, top {Top}; queries from {queriesFile}"));
        output.WriteLine();
        WriteCorrect(pairs, off, auto, output);
        output.WriteLine();
        WriteMisspelled(pairs, off, auto, output);
        output.WriteLine();
        WriteTimings(index, [.. pairs.Select(p => p.Correct).Distinct(StringComparer.Ordinal)], output);
        output.WriteLine();
        WriteShortfalls(pairs, off, auto, output);
        return 0;
    }

    private static void WriteCorrect(List<Pair> pairs, Dictionary<string, SearchResults> off, Dictionary<string, SearchResults> auto, TextWriter output)
    {
        string[] correct = [.. pairs.Select(p => p.Correct).Distinct(StringComparer.Ordinal)];
        double identical = Share(correct, q => Ids(auto[q]).SequenceEqual(Ids(off[q])));
        double overlap = correct.Average(q => Found(Ids(off[q]), Ids(auto[q])));
        double suggested = Share(correct, q => auto[q].Suggestion is not null);
        output.WriteLine("| Correct queries | Queries | Top 10 identical, Auto and Off (ids in order) | Mean top-10 overlap | Given a suggestion |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        output.WriteLine(string.Create(Invariant, $"| as typed | {correct.Length} | {Percent(identical)} | {Percent(overlap)} | {Percent(suggested)} |"));
    }

    private static void WriteMisspelled(List<Pair> pairs, Dictionary<string, SearchResults> off, Dictionary<string, SearchResults> auto, TextWriter output)
    {
        output.WriteLine("| Misspelled queries | Queries | Typos | Any hit | Correct query's top 10 found (mean) | Top hit = correct query's | Suggestion = correct query (either setting) |");
        output.WriteLine("| --- | ---: | --- | ---: | ---: | ---: | ---: |");
        foreach ((string name, Pair[] set) in new[] { ("within the rules", pairs.Where(p => p.Kind != Beyond).ToArray()), ("beyond the rules", pairs.Where(p => p.Kind == Beyond).ToArray()) })
        {
            if (set.Length == 0)
                continue;
            foreach ((string typos, Dictionary<string, SearchResults> results) in new[] { ("Off", off), ("Auto", auto) })
            {
                double any = Share(set, p => results[p.Misspelled].Hits.Count > 0);
                double found = set.Average(p => Found(Ids(off[p.Correct]), Ids(results[p.Misspelled])));
                double top = Share(set, p => results[p.Misspelled].Hits.Count > 0 && results[p.Misspelled].Hits[0].Id == off[p.Correct].Hits[0].Id);
                // The suggestion does not depend on the setting, so it is shown once.
                string suggestion = results == auto ? Percent(Share(set, p => Normalised(results[p.Misspelled].Suggestion) == Normalised(p.Correct))) : "";
                output.WriteLine(string.Create(Invariant, $"| {name} | {set.Length} | {typos} | {Percent(any)} | {Percent(found)} | {Percent(top)} | {suggestion} |"));
            }
        }
    }

    /// <summary>Mean time per correct query with each setting, passes alternating so that both meet the same machine.</summary>
    private static void WriteTimings(SearchIndex index, string[] queries, TextWriter output)
    {
        var elapsed = new Dictionary<TypoTolerance, TimeSpan> { [TypoTolerance.Off] = TimeSpan.Zero, [TypoTolerance.Auto] = TimeSpan.Zero };
        for (int pass = 0; pass <= TimedPasses; pass++)
        {
            foreach (TypoTolerance typos in pass % 2 == 0 ? new[] { TypoTolerance.Off, TypoTolerance.Auto } : [TypoTolerance.Auto, TypoTolerance.Off])
            {
                long started = Stopwatch.GetTimestamp();
                foreach (string query in queries)
                    index.Search(Request(query, typos));
                if (pass > 0) // the first pass warms up
                    elapsed[typos] += Stopwatch.GetElapsedTime(started);
            }
        }
        double PerQuery(TypoTolerance typos) => elapsed[typos].TotalMilliseconds / (TimedPasses * queries.Length);
        output.WriteLine(string.Create(Invariant,
            $"Rough timing, one run of {TimedPasses} passes after a warm-up (BenchmarkDotNet gives the real cost): correct queries, top {Top} without highlighting, {PerQuery(TypoTolerance.Off):F3} ms per query with Off, {PerQuery(TypoTolerance.Auto):F3} ms with Auto."));
    }

    /// <summary>The misspelled queries within the rules whose top hit or suggestion under Auto is not the correct query's.</summary>
    private static void WriteShortfalls(List<Pair> pairs, Dictionary<string, SearchResults> off, Dictionary<string, SearchResults> auto, TextWriter output)
    {
        output.WriteLine("Within the rules, where Auto's top hit or suggestion is not the correct query's:");
        foreach (Pair pair in pairs.Where(p => p.Kind != Beyond))
        {
            SearchResults results = auto[pair.Misspelled];
            string expectedTop = off[pair.Correct].Hits[0].Id;
            string? top = results.Hits.Count > 0 ? results.Hits[0].Id : null;
            bool suggested = Normalised(results.Suggestion) == Normalised(pair.Correct);
            if (top == expectedTop && suggested)
                continue;
            output.WriteLine(string.Create(Invariant,
                $"  \"{pair.Misspelled}\" ({pair.Kind}) for \"{pair.Correct}\": top hit {top ?? "none"}{(top == expectedTop ? "" : $" (correct query's {expectedTop})")}, {Percent(Found(Ids(off[pair.Correct]), Ids(results)))} of its top 10; suggestion {(results.Suggestion is null ? "none" : $"\"{results.Suggestion}\"")}"));
        }
    }

    private static SearchRequest Request(string query, TypoTolerance typos) =>
        new(query) { Syntax = QuerySyntax.Simple, Typos = typos, Size = Top, Highlight = null };

    private static string[] Ids(SearchResults results) => [.. results.Hits.Select(h => h.Id)];

    /// <summary>The share of <paramref name="wanted"/> that is in <paramref name="found"/>.</summary>
    private static double Found(string[] wanted, string[] found) =>
        wanted.Length == 0 ? 1 : (double)wanted.Count(found.Contains) / wanted.Length;

    private static double Share<T>(IReadOnlyCollection<T> items, Func<T, bool> holds) => (double)items.Count(holds) / items.Count;

    private static string Percent(double share) => share.ToString("P0", Invariant).Replace(" ", "", StringComparison.Ordinal);

    private static string? Normalised(string? query) =>
        query is null ? null : string.Join(' ', query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    private static List<Pair> Read(string file)
    {
        string[] lines = File.ReadAllLines(file);
        if (lines.Length == 0 || lines[0] != "correct\tmisspelled\tkind")
            throw new FormatException($"{file} must start with the header 'correct<TAB>misspelled<TAB>kind'.");
        var pairs = new List<Pair>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
                continue;
            string[] columns = lines[i].Split('\t');
            if (columns.Length != 3 || columns.Any(string.IsNullOrWhiteSpace))
                throw new FormatException($"{file}, line {i + 1}: expected three tab-separated columns, not '{lines[i]}'.");
            pairs.Add(new Pair(columns[0], columns[1], columns[2]));
        }
        if (pairs.Count == 0)
            throw new FormatException($"{file} holds no queries.");
        return pairs;
    }

    private sealed record Pair(string Correct, string Misspelled, string Kind);
}
