using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.PostingsHighlight;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Search.EmbedReport;

/// <summary>
/// What an app written on raw Lucene.Net 4.8 does for the same work, as its documentation suggests: the library's core
/// schema (stored id with sorted doc values, stored English-analysed title and body, numeric and doc-values date),
/// <see cref="EnglishAnalyzer"/>, BM25, a 256 MB RAM buffer and one commit; searches through
/// <see cref="MultiFieldQueryParser"/> (title boosted as the library does) on one reader kept open; highlighting with
/// the postings highlighter, which needs offsets in the postings, so title and body are indexed with them.
/// </summary>
internal sealed class RawLuceneApp : IDisposable
{
    private const float TitleBoost = 1.25f; // as the library weighs title against body
    private static readonly string[] Fields = ["title", "body"];
    private static readonly string[] HighlightedFields = ["title", "body"];
    private static readonly Dictionary<string, float> Boosts = new() { ["title"] = TitleBoost, ["body"] = 1f };

    private static readonly FieldType TextWithOffsets = Freeze(new FieldType(TextField.TYPE_STORED)
    {
        IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS,
    });

    private readonly Analyzer _analyzer = CreateAnalyzer();
    private readonly FSDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly ICUPostingsHighlighter _highlighter;

    public RawLuceneApp(string indexPath)
    {
        _directory = new NIOFSDirectory(indexPath);
        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
        _highlighter = new Highlighter(_analyzer);
    }

    /// <summary>Reads, parses, analyses and indexes every <c>*.txt</c> under <paramref name="folder"/> on one thread, as a
    /// plain loop does, then commits once.</summary>
    public static void IndexFolder(string folder, string indexPath)
    {
        using Analyzer analyzer = CreateAnalyzer();
        using var directory = new NIOFSDirectory(indexPath);
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = new BM25Similarity(),
            RAMBufferSizeMB = 256,
        };
        using var writer = new IndexWriter(directory, config);
        foreach (string file in System.IO.Directory.EnumerateFiles(folder, "*.txt", SearchOption.AllDirectories))
        {
            string id = Path.GetRelativePath(folder, file)[..^4].Replace(Path.DirectorySeparatorChar, '/');
            writer.AddDocument(ToDocument(SeedDocumentReader.ReadFile(file, id)));
        }
        writer.Commit();
    }

    /// <summary>How many documents <paramref name="query"/> matches; never timed.</summary>
    public int Count(EmbedQuery query)
    {
        var counter = new TotalHitCountCollector();
        _searcher.Search(Parse(query.Text), DateFilter(query), counter);
        return counter.TotalHits;
    }

    /// <summary>Parse, top 10 by score, load what a hit shows (id, title, date).</summary>
    public int Top10(EmbedQuery query)
    {
        int shown = 0;
        foreach (ScoreDoc hit in _searcher.Search(Parse(query.Text), DateFilter(query), 10).ScoreDocs)
        {
            Document document = _searcher.Doc(hit.Doc);
            shown += document.Get("id", CultureInfo.InvariantCulture).Length + document.Get("title", CultureInfo.InvariantCulture).Length
                + (document.GetField("date")?.GetInt64Value() is long ? 1 : 0);
        }
        return shown;
    }

    /// <summary>The top 10 as above, then the title and the 3 best body passages of each through the postings highlighter.</summary>
    public int Top10Highlighted(EmbedQuery query)
    {
        Query parsed = Parse(query.Text);
        TopDocs top = _searcher.Search(parsed, DateFilter(query), 10);
        int shown = 0;
        foreach (ScoreDoc hit in top.ScoreDocs)
        {
            Document document = _searcher.Doc(hit.Doc);
            shown += document.Get("id", CultureInfo.InvariantCulture).Length + (document.GetField("date")?.GetInt64Value() is long ? 1 : 0);
        }
        IDictionary<string, string[]> highlights = _highlighter.HighlightFields(HighlightedFields, parsed, _searcher, top, [1, 3]);
        foreach (string[] values in highlights.Values)
            shown += values.Sum(v => v?.Length ?? 0);
        return shown;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }

    private Query Parse(string text) => new AnalysedFuzzyParser(_analyzer).Parse(text);

    private static NumericRangeFilter<long>? DateFilter(EmbedQuery query) =>
        query.From is null && query.To is null
            ? null
            : NumericRangeFilter.NewInt64Range("date", NumericUtils.PRECISION_STEP_DEFAULT, query.From?.DayNumber, query.To?.DayNumber, true, true);

    private static PerFieldAnalyzerWrapper CreateAnalyzer() =>
        new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), new Dictionary<string, Analyzer>
        {
            ["title"] = new EnglishAnalyzer(LuceneVersion.LUCENE_48),
            ["body"] = new EnglishAnalyzer(LuceneVersion.LUCENE_48),
        });

    private static Document ToDocument(SeedDocument document)
    {
        var lucene = new Document
        {
            new StringField("id", document.Id, Field.Store.YES),
            new SortedDocValuesField("id", new BytesRef(document.Id)),
            new Field("title", document.Title, TextWithOffsets),
            new Field("body", document.Body, TextWithOffsets),
        };
        if (document.Date is DateOnly date)
        {
            lucene.Add(new Int64Field("date", date.DayNumber, Field.Store.YES));
            lucene.Add(new NumericDocValuesField("date", date.DayNumber));
        }
        return lucene;
    }

    private static FieldType Freeze(FieldType type)
    {
        type.Freeze();
        return type;
    }

    /// <summary>Lucene's multi-field parser with a fuzzy term stemmed before it is compared with the index's stems, as
    /// the library does: Lucene's parser compares the word as typed, so the two sides would match different documents.</summary>
    private sealed class AnalysedFuzzyParser(Analyzer analyzer) : MultiFieldQueryParser(LuceneVersion.LUCENE_48, Fields, analyzer, Boosts)
    {
        protected override Query GetFuzzyQuery(string field, string termStr, float minSimilarity) =>
            field is null ? base.GetFuzzyQuery(field, termStr, minSimilarity) : base.GetFuzzyQuery(field, Stem(Analyzer, field, termStr), minSimilarity);

        private static string Stem(Analyzer analyzer, string field, string word)
        {
            using TokenStream tokens = analyzer.GetTokenStream(field, word);
            var term = tokens.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
            tokens.Reset();
            string? stem = tokens.IncrementToken() ? term.ToString() : null;
            if (stem is not null && tokens.IncrementToken())
                stem = null;
            tokens.End();
            return stem ?? word;
        }
    }

    /// <summary>The postings highlighter with HTML-encoded passages marked as the library marks them, and the index's
    /// analyzer given so that prefix and fuzzy terms are highlighted too (without it they are not).</summary>
    private sealed class Highlighter(Analyzer analyzer) : ICUPostingsHighlighter
    {
        private readonly DefaultPassageFormatter _formatter = new("<mark>", "</mark>", "\u2026", true);

        protected override PassageFormatter GetFormatter(string field) => _formatter;

        protected override Analyzer GetIndexAnalyzer(string field) => analyzer;
    }
}
