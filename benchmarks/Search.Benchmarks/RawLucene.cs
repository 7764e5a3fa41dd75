using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Search.Benchmarks;

/// <summary>
/// The baseline: plain Lucene.Net doing the library's work with its core schema (stored id with sorted doc values,
/// stored English-analysed title and body, numeric and doc-values date), BM25 and the same directory type, and otherwise
/// Lucene's defaults: <see cref="EnglishAnalyzer"/> with Lucene's own 33 stop words (the library drops about 100 function
/// words more, so a benchmark query must not contain those, see <see cref="QueryDeriver"/>), the default date precision
/// step, and none of the library's extra doc values (title, origin). Written out here on purpose rather than borrowed
/// from the library, so the comparison cannot drift with it.
/// </summary>
public static class RawLucene
{
    public const float TitleBoost = 1.25f; // as the library weighs title against body (Ranking.TitleBoost)

    /// <summary>What <paramref name="analyzer"/> makes of one word in <paramref name="field"/>: its stem, or the word
    /// itself when the analysis leaves nothing or several tokens.</summary>
    public static string Stem(Analyzer analyzer, string field, string word)
    {
        using Lucene.Net.Analysis.TokenStream tokens = analyzer.GetTokenStream(field, word);
        var term = tokens.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        tokens.Reset();
        string? stem = tokens.IncrementToken() ? term.ToString() : null;
        if (stem is not null && tokens.IncrementToken())
            stem = null;
        tokens.End();
        return stem ?? word;
    }

    public static Analyzer CreateAnalyzer() =>
        new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), new Dictionary<string, Analyzer>
        {
            ["title"] = new EnglishAnalyzer(LuceneVersion.LUCENE_48),
            ["body"] = new EnglishAnalyzer(LuceneVersion.LUCENE_48),
        });

    public static Document ToDocument(SeedDocument document)
    {
        var lucene = new Document
        {
            new StringField("id", document.Id, Field.Store.YES),
            new SortedDocValuesField("id", new BytesRef(document.Id)),
            new TextField("title", document.Title, Field.Store.YES),
            new TextField("body", document.Body, Field.Store.YES),
        };
        if (document.Date is DateOnly date)
        {
            lucene.Add(new Int64Field("date", date.DayNumber, Field.Store.YES));
            lucene.Add(new NumericDocValuesField("date", date.DayNumber));
        }
        return lucene;
    }

    /// <summary>Reads, parses, analyses and indexes every <c>*.txt</c> under <paramref name="folder"/>, then commits.</summary>
    public static void IndexFolder(string folder, string indexPath, int threads)
    {
        string[] files = System.IO.Directory.GetFiles(folder, "*.txt", SearchOption.AllDirectories);
        using Analyzer analyzer = CreateAnalyzer();
        using var directory = new NIOFSDirectory(indexPath);
        using var writer = new IndexWriter(directory, Config(analyzer));
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = threads }, file =>
        {
            string id = Path.GetRelativePath(folder, file)[..^4].Replace(Path.DirectorySeparatorChar, '/');
            writer.AddDocument(ToDocument(SeedDocumentReader.ReadFile(file, id)));
        });
        writer.Commit();
    }

    /// <summary>Analyses and indexes parsed documents, then commits. With <paramref name="replaceById"/> each document
    /// replaces any earlier one with its id (<c>UpdateDocument</c>, what an upsert does); without, it is only added.</summary>
    public static void IndexDocuments(IReadOnlyList<SeedDocument> documents, string indexPath, int threads, bool replaceById)
    {
        using Analyzer analyzer = CreateAnalyzer();
        using var directory = new NIOFSDirectory(indexPath);
        using var writer = new IndexWriter(directory, Config(analyzer));
        Parallel.ForEach(documents, new ParallelOptions { MaxDegreeOfParallelism = threads }, document =>
        {
            if (replaceById)
                writer.UpdateDocument(new Term("id", document.Id), ToDocument(document));
            else
                writer.AddDocument(ToDocument(document));
        });
        writer.Commit();
    }

    private static IndexWriterConfig Config(Analyzer analyzer) => new(LuceneVersion.LUCENE_48, analyzer)
    {
        OpenMode = OpenMode.CREATE,
        Similarity = new BM25Similarity(),
    };
}
