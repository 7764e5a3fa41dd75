using BenchmarkDotNet.Attributes;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;

namespace Search.Benchmarks;

/// <summary>
/// What typo tolerance costs, top 10 without highlighting on the corpus index. <c>Misspelled</c>: the query set's fuzzy
/// word (a misspelling) as a simple-syntax query with <see cref="TypoTolerance.Auto"/>, against raw Lucene.Net's
/// <see cref="FuzzyQuery"/> for the same word over title and body with the same edits and first letter, which is what an
/// app on raw Lucene.Net writes for typo tolerance (the baseline). <c>Correct</c>: the query set's correctly spelled
/// words as a simple-syntax query with <see cref="TypoTolerance.Auto"/>, against the same with
/// <see cref="TypoTolerance.Off"/> (the baseline).
/// </summary>
[Config(typeof(ComparisonConfig))]
[SuiteJob("Query", warmupCount: 3, iterationCount: 10)]
public class TypoBenchmarks
{
    private SearchIndex _library = null!;
    private SearchRequest _misspelled = null!;
    private SearchRequest _correctOff = null!;
    private SearchRequest _correctAuto = null!;
    private NIOFSDirectory _directory = null!;
    private DirectoryReader _reader = null!;
    private IndexSearcher _raw = null!;
    private Analyzer _analyzer = null!;
    private Query _rawFuzzy = null!;

    [GlobalSetup]
    public void OpenIndex()
    {
        IReadOnlyList<BenchmarkQuery> queries = BenchmarkQuery.Load(Corpus.Current);
        string misspelled = queries.Single(q => q.Category == "fuzzy").Text.Split('~')[0];
        // The "or" query's words, read as natural language: "required england".
        string correct = queries.Single(q => q.Category == "or").Text.Replace(" OR ", " ", StringComparison.Ordinal);
        string path = BenchmarkIndex.PathFor(Corpus.Current);
        _library = SearchIndex.Open(path, new SearchIndexOptions { ReadOnly = true });
        _misspelled = new SearchRequest(misspelled) { Syntax = QuerySyntax.Simple, Typos = TypoTolerance.Auto, Highlight = null };
        _correctOff = new SearchRequest(correct) { Syntax = QuerySyntax.Simple, Typos = TypoTolerance.Off, Highlight = null };
        _correctAuto = _correctOff with { Typos = TypoTolerance.Auto };

        _directory = new NIOFSDirectory(path);
        _reader = DirectoryReader.Open(_directory);
        _raw = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
        _analyzer = RawLucene.CreateAnalyzer();
        // The library's rule: 5 to 8 letters one edit, 9 or more two; the first letter fixed.
        int edits = misspelled.Length >= 9 ? 2 : 1;
        var either = new BooleanQuery();
        foreach (string field in new[] { "title", "body" })
            either.Add(new FuzzyQuery(new Term(field, RawLucene.Stem(_analyzer, field, misspelled.ToLowerInvariant())), edits, prefixLength: 1), Occur.SHOULD);
        _rawFuzzy = either;

        // A misspelling must find something on both sides, or the ratio compares nothing with something.
        if (_library.Search(_misspelled with { Size = 0 }).TotalHits == 0 || _raw.Search(_rawFuzzy, 1).TotalHits == 0)
            throw new InvalidOperationException($"'{misspelled}' finds nothing for the library (typos auto) or raw Lucene.Net's fuzzy query.");
    }

    [GlobalCleanup]
    public void Close()
    {
        _library.Dispose();
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Misspelled")]
    public int RawLucene_Fuzzy_Top10()
    {
        int shown = 0;
        foreach (ScoreDoc hit in _raw.Search(_rawFuzzy, 10).ScoreDocs)
        {
            Lucene.Net.Documents.Document document = _raw.Doc(hit.Doc);
            shown += document.Get("id", System.Globalization.CultureInfo.InvariantCulture).Length + document.Get("title", System.Globalization.CultureInfo.InvariantCulture).Length;
        }
        return shown;
    }

    [Benchmark, BenchmarkCategory("Misspelled")]
    public int Library_TyposAuto_Top10() => Shown(_library.Search(_misspelled));

    [Benchmark(Baseline = true), BenchmarkCategory("Correct")]
    public int Library_TyposOff_Top10() => Shown(_library.Search(_correctOff));

    [Benchmark, BenchmarkCategory("Correct")]
    public int Library_TyposAuto_Correct_Top10() => Shown(_library.Search(_correctAuto));

    private static int Shown(SearchResults results) => results.Hits.Sum(h => h.Id.Length + h.Title.Length + (h.Date is null ? 0 : 1));
}
