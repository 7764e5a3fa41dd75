using BenchmarkDotNet.Attributes;
using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Search.Benchmarks;

/// <summary>
/// One search per operation on the corpus index: parse, find the top 10, load what a hit shows (id, title, date);
/// then the same with highlighting (the whole title, and 3 body fragments of about 160 characters). Raw Lucene.Net
/// does the same on the same index with Lucene's classic highlighter, which is the baseline of each category: the
/// same segments and the same terms, so that the ratio measures the query path alone. (How each fares on the index
/// it wrote itself is what <c>--peers-protocol</c> measures, through <see cref="RawSearchesItsOwnIndex"/>.)
/// </summary>
[Config(typeof(ComparisonConfig))]
[SuiteJob("Query", warmupCount: 3, iterationCount: 10)]
public class QueryBenchmarks
{
    private const int FragmentSize = 160;

    private static readonly string[] Fields = ["title", "body"];
    private static readonly Dictionary<string, float> Boosts = new() { ["title"] = RawLucene.TitleBoost, ["body"] = 1f };

    private BenchmarkQuery _query = null!;
    private SearchIndex _library = null!;
    private SearchRequest _plain = null!;
    private SearchRequest _highlighted = null!;
    private NIOFSDirectory _directory = null!;
    private DirectoryReader _reader = null!;
    private IndexSearcher _raw = null!;
    private Analyzer _analyzer = null!;
    private Filter? _rawFilter;

    /// <summary>The precision step of the dates in the library's index (its schema's, not Lucene's default of 4): a
    /// range query must use the step the index was written with.</summary>
    public const int LibraryDatePrecisionStep = 8;

    /// <summary>Whether the raw side searches the index <see cref="RawLucene.IndexFolder"/> wrote rather than the
    /// library's. Set before <see cref="OpenIndex"/>.</summary>
    public bool RawSearchesItsOwnIndex { get; set; }

    [ParamsSource(nameof(Categories))]
    public string Category { get; set; } = "";

    public static IEnumerable<string> Categories() => BenchmarkQuery.Load(Corpus.Current).Select(q => q.Category);

    [GlobalSetup]
    public void OpenIndex()
    {
        _query = BenchmarkQuery.Load(Corpus.Current).Single(q => q.Category == Category);
        string path = BenchmarkIndex.PathFor(Corpus.Current);
        _library = SearchIndex.Open(path, new SearchIndexOptions { ReadOnly = true });
        _highlighted = new SearchRequest(_query.Text) { DateFrom = _query.From, DateTo = _query.To, Size = 10 };
        _plain = _highlighted with { Highlight = null };

        _directory = new NIOFSDirectory(RawSearchesItsOwnIndex ? BenchmarkIndex.RawPathFor(Corpus.Current) : path);
        _reader = DirectoryReader.Open(_directory);
        _raw = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
        _analyzer = RawLucene.CreateAnalyzer();
        int precisionStep = RawSearchesItsOwnIndex ? NumericUtils.PRECISION_STEP_DEFAULT : LibraryDatePrecisionStep;
        _rawFilter = RawDateFilter(_query, precisionStep);

        // Both sides must find the same documents, or the ratio compares different work.
        int rawHits = RawTotalHits(_raw, _analyzer, _query, precisionStep);
        long libraryHits = _library.Search(_plain with { Size = 0 }).TotalHits;
        if (!RawSearchesItsOwnIndex && rawHits != libraryHits)
        {
            throw new InvalidOperationException(
                $"'{_query.Text}' matches {rawHits} documents for raw Lucene.Net and {libraryHits} for the library on the same index.");
        }
    }

    /// <summary>How many documents the raw side matches for <paramref name="query"/> on an index whose dates were written
    /// with <paramref name="precisionStep"/>; never timed.</summary>
    public static int RawTotalHits(IndexSearcher searcher, Analyzer analyzer, BenchmarkQuery query, int precisionStep)
    {
        var counter = new TotalHitCountCollector();
        searcher.Search(ParseRaw(analyzer, query.Text), RawDateFilter(query, precisionStep), counter);
        return counter.TotalHits;
    }

    /// <summary>The raw side's query: <paramref name="text"/> over title and body, the title boosted as the library does.</summary>
    public static Query ParseRaw(Analyzer analyzer, string text) =>
        new AnalysedFuzzyParser(analyzer).Parse(text);

    /// <summary>Lucene's multi-field parser, with a fuzzy term analysed (stemmed) before Lucene's <see cref="FuzzyQuery"/>
    /// compares it with the index's stems, as the library does: Lucene's parser compares the word as typed, so that
    /// <c>flooding~</c> misses "flooding", indexed as <c>flood</c>, and the two sides would match different documents.</summary>
    private sealed class AnalysedFuzzyParser(Analyzer analyzer) : MultiFieldQueryParser(LuceneVersion.LUCENE_48, Fields, analyzer, Boosts)
    {
        protected override Query GetFuzzyQuery(string field, string termStr, float minSimilarity) =>
            field is null ? base.GetFuzzyQuery(field, termStr, minSimilarity) : base.GetFuzzyQuery(field, RawLucene.Stem(Analyzer, field, termStr), minSimilarity);
    }

    /// <summary>The raw side's filter for the query's dates, if it has any; a range must use the precision step the
    /// index's dates were written with.</summary>
    public static Filter? RawDateFilter(BenchmarkQuery query, int precisionStep) =>
        query.From is null && query.To is null
            ? null
            : NumericRangeFilter.NewInt64Range("date", precisionStep, query.From?.DayNumber, query.To?.DayNumber, true, true);

    [GlobalCleanup]
    public void Close()
    {
        _library.Dispose();
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Top10")]
    public int RawLucene_Top10()
    {
        Query query = ParseRaw();
        int shown = 0;
        foreach (ScoreDoc hit in _raw.Search(query, _rawFilter, 10).ScoreDocs)
        {
            Document document = _raw.Doc(hit.Doc);
            shown += document.Get("id", System.Globalization.CultureInfo.InvariantCulture).Length + document.Get("title", System.Globalization.CultureInfo.InvariantCulture).Length + (document.GetField("date")?.GetInt64Value() is long ? 1 : 0);
        }
        return shown;
    }

    [Benchmark, BenchmarkCategory("Top10")]
    public int Library_Top10() => _library.Search(_plain).Hits.Sum(h => h.Id.Length + h.Title.Length + (h.Date is null ? 0 : 1));

    [Benchmark(Baseline = true), BenchmarkCategory("Top10+Highlight")]
    public int RawLucene_Top10_Highlight()
    {
        Query query = ParseRaw();
        var titleScorer = new QueryScorer(query, "title");
        var bodyScorer = new QueryScorer(query, "body");
        var formatter = new SimpleHTMLFormatter("<mark>", "</mark>");
        var encoder = new SimpleHTMLEncoder();
        var titleHighlighter = new Highlighter(formatter, encoder, titleScorer) { TextFragmenter = new NullFragmenter() };
        var bodyHighlighter = new Highlighter(formatter, encoder, bodyScorer) { TextFragmenter = new SimpleSpanFragmenter(bodyScorer, FragmentSize) };
        int shown = 0;
        foreach (ScoreDoc hit in _raw.Search(query, _rawFilter, 10).ScoreDocs)
        {
            Document document = _raw.Doc(hit.Doc);
            string title = document.Get("title", System.Globalization.CultureInfo.InvariantCulture);
            string body = document.Get("body", System.Globalization.CultureInfo.InvariantCulture);
            string highlightedTitle = titleHighlighter.GetBestFragment(_analyzer, "title", title) ?? encoder.EncodeText(title);
            string[] snippets = bodyHighlighter.GetBestFragments(_analyzer.GetTokenStream("body", body), body, 3);
            shown += document.Get("id", System.Globalization.CultureInfo.InvariantCulture).Length + highlightedTitle.Length + snippets.Sum(s => s.Length);
        }
        return shown;
    }

    [Benchmark, BenchmarkCategory("Top10+Highlight")]
    public int Library_Top10_Highlight() =>
        _library.Search(_highlighted).Hits.Sum(h => h.Id.Length + h.HighlightedTitle!.Length + h.Snippets.Sum(s => s.Length));

    private Query ParseRaw() => ParseRaw(_analyzer, _query.Text);
}
