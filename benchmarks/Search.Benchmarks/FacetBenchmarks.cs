using BenchmarkDotNet.Attributes;

namespace Search.Benchmarks;

/// <summary>
/// What facets and filters cost, as a ratio to the same top-10 search without them (the baseline of each category), on
/// the corpus index, tagged from the corpus's metadata table (<see cref="Corpus.Metadata"/>). Facets are
/// <c>topics</c> and <c>date:month</c>, as in the README's example. <c>MatchAll</c>: the query <c>*</c>, every document
/// counted. <c>Term</c>: the corpus's term query, with the facets, with a filter, and with both; the filter is the
/// README's <c>places=usa</c>, which most Reuters-21578 documents pass. On a corpus without a table
/// (<c>seeds/</c>) the same requests run over no tags: the filter then matches nothing and the tag facet is empty.
/// No highlighting, so the figures are the search and the counting.
/// </summary>
[Config(typeof(ComparisonConfig))]
[SuiteJob("Query", warmupCount: 3, iterationCount: 10)]
[MedianColumn] // this shared machine's outliers pull means far off; the figures quoted are medians
public class FacetBenchmarks
{
    private static readonly string[] Facets = ["topics", "date:month"];

    private SearchIndex _library = null!;
    private SearchRequest _all = null!;
    private SearchRequest _term = null!;
    private SearchRequest _filtered = null!;

    [GlobalSetup]
    public void OpenIndex()
    {
        string term = BenchmarkQuery.Load(Corpus.Current).Single(q => q.Category == "term").Text;
        _library = SearchIndex.Open(BenchmarkIndex.PathFor(Corpus.Current), new SearchIndexOptions { ReadOnly = true });
        _all = new SearchRequest("*") { Size = 10, Highlight = null };
        _term = new SearchRequest(term) { Size = 10, Highlight = null };
        _filtered = _term with { Filters = new Dictionary<string, IReadOnlyList<string>> { ["places"] = ["usa"] } };
        Console.WriteLine($"// Facets {string.Join(", ", Facets)}; the term query \"{term}\", filtered by places=usa.");
    }

    [GlobalCleanup]
    public void Close() => _library.Dispose();

    [Benchmark(Baseline = true), BenchmarkCategory("MatchAll")]
    public long MatchAll_Top10() => Shown(_library.Search(_all));

    [Benchmark, BenchmarkCategory("MatchAll")]
    public long MatchAll_Top10_Facets() => Shown(_library.Search(_all with { Facets = Facets }));

    [Benchmark(Baseline = true), BenchmarkCategory("Term")]
    public long Term_Top10() => Shown(_library.Search(_term));

    [Benchmark, BenchmarkCategory("Term")]
    public long Term_Top10_Facets() => Shown(_library.Search(_term with { Facets = Facets }));

    [Benchmark, BenchmarkCategory("Term")]
    public long Term_Top10_Filter() => Shown(_library.Search(_filtered));

    [Benchmark, BenchmarkCategory("Term")]
    public long Term_Top10_Filter_Facets() => Shown(_library.Search(_filtered with { Facets = Facets }));

    /// <summary>Reads what an app shows, so no part of the result goes unused.</summary>
    private static long Shown(SearchResults results) =>
        results.TotalHits + results.Hits.Sum(h => h.Id.Length + h.Title.Length) + results.Facets.Values.Sum(values => values.Sum(v => v.Count));
}
