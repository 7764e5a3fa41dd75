using BenchmarkDotNet.Attributes;

namespace Search.Benchmarks;

/// <summary>
/// What completing a partly typed word costs (<see cref="SearchIndex.Complete"/>, 10 completions), against the library's
/// top-10 search for the corpus's term query (<see cref="QueryBenchmarks"/>' <c>Library_Top10</c> of the term category)
/// on the same index, which is the baseline here: a search box completes on every key press, so the question is how its
/// cost compares with the search it leads to. The texts come from the corpus's kept queries: the term query's first
/// letter and first three letters, and the two words of the "and" query with only three letters of the second typed.
/// The query suite's own <c>[Params]</c> would run these once per query category, for the same work.
/// </summary>
[Config(typeof(ComparisonConfig))]
[SuiteJob("Query", warmupCount: 3, iterationCount: 10)]
[MedianColumn] // the figures quoted for completion are medians: this shared machine's outliers pull means far off
public class CompletionBenchmarks
{
    private SearchIndex _library = null!;
    private SearchRequest _top10 = null!;
    private string _oneLetter = "";
    private string _threeLetters = "";
    private string _twoWords = "";

    [GlobalSetup]
    public void OpenIndex()
    {
        IReadOnlyList<BenchmarkQuery> queries = BenchmarkQuery.Load(Corpus.Current);
        string term = queries.Single(q => q.Category == "term").Text;
        string[] both = queries.Single(q => q.Category == "and").Text.Split(" AND ");
        _library = SearchIndex.Open(BenchmarkIndex.PathFor(Corpus.Current), new SearchIndexOptions { ReadOnly = true });
        _top10 = new SearchRequest(term) { Size = 10, Highlight = null };
        _oneLetter = term[..1];
        _threeLetters = term[..Math.Min(3, term.Length)];
        _twoWords = $"{both[0]} {both[1][..Math.Min(3, both[1].Length)]}";
        Console.WriteLine($"// Completing \"{_oneLetter}\", \"{_threeLetters}\" and \"{_twoWords}\"; the baseline searches for \"{term}\".");
        // A text that completes to nothing would time an early return, not completion.
        foreach (string text in (string[])[_oneLetter, _threeLetters, _twoWords])
        {
            if (_library.Complete(text).Count == 0)
                throw new InvalidOperationException($"'{text}' completes to nothing on this corpus.");
        }
    }

    [GlobalCleanup]
    public void Close() => _library.Dispose();

    [Benchmark(Baseline = true), BenchmarkCategory("Complete")]
    public int Library_Top10() => _library.Search(_top10).Hits.Sum(h => h.Id.Length + h.Title.Length + (h.Date is null ? 0 : 1));

    [Benchmark, BenchmarkCategory("Complete")]
    public long Complete_OneLetter() => Documents(_library.Complete(_oneLetter));

    [Benchmark, BenchmarkCategory("Complete")]
    public long Complete_ThreeLetters() => Documents(_library.Complete(_threeLetters));

    [Benchmark, BenchmarkCategory("Complete")]
    public long Complete_TwoWords() => Documents(_library.Complete(_twoWords));

    private static long Documents(IReadOnlyList<Completion> completions) => completions.Sum(c => c.Documents + c.Query.Length);
}
