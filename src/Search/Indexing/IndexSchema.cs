using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;
using Search.Documents;

namespace Search.Indexing;

/// <summary>
/// The one place that spells Lucene field names and decides how each field is indexed and stored.
/// </summary>
internal static class IndexSchema
{
    /// <summary>The document id: indexed as one exact token, stored, with sorted doc values for the id tiebreak.</summary>
    public const string Id = "id";

    /// <summary>The headline: analysed, stored for highlighting, and in binary doc values so a hit shown without
    /// highlighting needs no stored-field decompression at all.</summary>
    public const string Title = "title";

    /// <summary>The text: analysed, stored for display and highlighting.</summary>
    public const string Body = "body";

    /// <summary>The date as a day number (<see cref="DateOnly.DayNumber"/>): numeric for ranges, doc values for sorting.</summary>
    public const string Date = "date";

    /// <summary>The content hash of the file a document came from, so re-indexing skips unchanged files.</summary>
    public const string Hash = "hash";

    /// <summary>The file a document came from (stored, and in binary doc values for cheap hits).</summary>
    public const string Path = "path";

    /// <summary>The folder (full path) a document was indexed from, stored only; re-indexing it deletes documents whose files are gone.</summary>
    public const string Source = "source";

    /// <summary>The fields a query can name without a prefix, in the order the parser expands them.</summary>
    public static readonly string[] SearchableFields = [Title, Body];

    /// <summary>What a hit loads: everything a <see cref="SeedDocument"/> and a hit's path need.</summary>
    public static readonly ISet<string> HitFields = new HashSet<string>(StringComparer.Ordinal) { Id, Title, Body, Date, Path };

    /// <summary>What a hit without highlighting loads: the body is shown only through snippets.</summary>
    public static readonly ISet<string> HitFieldsWithoutBody = new HashSet<string>(StringComparer.Ordinal) { Id, Title, Date, Path };

    /// <summary>Just the date.</summary>
    public static readonly ISet<string> DateFields = new HashSet<string>(StringComparer.Ordinal) { Date };

    /// <summary>What incremental sync loads for each indexed document.</summary>
    public static readonly ISet<string> SyncFields = new HashSet<string>(StringComparer.Ordinal) { Id, Hash, Source, Path };

    /// <summary>
    /// Lucene's 33 English stop words plus the pronouns, question words, auxiliaries and other function words that
    /// natural-language queries are full of ("what", "how", "must", "been"): they carry no topic, and measured on
    /// Cranfield, dropping them improved MAP and nDCG@10 (see the README's ranking table).
    /// </summary>
    public static readonly CharArraySet StopWords = new(LuceneVersion.LUCENE_48,
    [
        .. EnglishAnalyzer.DefaultStopSet.Select(w => w.ToString()!),
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself", "yourselves",
        "he", "him", "his", "himself", "she", "her", "hers", "herself", "its", "itself", "them", "theirs", "themselves",
        "what", "which", "who", "whom", "am", "were", "been", "being", "have", "has", "had", "having", "do", "does",
        "did", "doing", "because", "until", "while", "about", "against", "between", "through", "during", "before",
        "after", "above", "below", "from", "up", "down", "out", "off", "over", "under", "again", "further", "once",
        "here", "when", "where", "why", "how", "all", "any", "both", "each", "few", "more", "most", "other", "some",
        "nor", "only", "own", "same", "so", "than", "too", "very", "can", "just", "should", "now", "would", "could",
        "must", "may", "might", "also",
    ], ignoreCase: true);

    /// <summary>
    /// The analyzer for documents, queries and highlighting alike: English stemming and <see cref="StopWords"/> for text,
    /// one exact token for ids and folders. Sharing one instance keeps hits and highlights in agreement.
    /// </summary>
    public static Analyzer CreateAnalyzer() =>
        new PerFieldAnalyzerWrapper(
            new KeywordAnalyzer(),
            new Dictionary<string, Analyzer>(StringComparer.Ordinal)
            {
                [Title] = new EnglishAnalyzer(LuceneVersion.LUCENE_48, StopWords),
                [Body] = new EnglishAnalyzer(LuceneVersion.LUCENE_48, StopWords),
            });

    /// <summary>The term that identifies a document, for updates and deletes.</summary>
    public static Term IdTerm(string id) => new(Id, id);

    /// <summary>Converts a date to the number stored in <see cref="Date"/>.</summary>
    public static long DateValue(DateOnly date) => date.DayNumber;

    /// <summary>Builds a new Lucene document for <paramref name="document"/>.</summary>
    /// <param name="document">The document.</param>
    /// <param name="origin">Where it came from, when it came from a file in an indexed folder.</param>
    public static Document ToLucene(SeedDocument document, FileOrigin? origin = null) => new ReusableDocument().Fill(document, origin);

    /// <summary>
    /// One Lucene document and its fields, refilled for each document a thread indexes: Lucene reads a document
    /// only during the add call, so reusing the field instances saves allocating them per document.
    /// Not thread-safe: keep one per thread.
    /// </summary>
    public sealed class ReusableDocument
    {
        private readonly Document _document = [];
        private readonly StringField _id = new(Id, string.Empty, Field.Store.YES);
        private readonly SortedDocValuesField _idSorted = new(Id, new BytesRef());
        private readonly TextField _title = new(Title, string.Empty, Field.Store.YES);
        private readonly BinaryDocValuesField _titleValue = new(Title, new BytesRef());
        private readonly TextField _body = new(Body, string.Empty, Field.Store.YES);
        private readonly Int64Field _date = new(Date, 0L, Field.Store.YES);
        private readonly NumericDocValuesField _dateSorted = new(Date, 0L);
        private readonly StoredField _source = new(Source, string.Empty);
        private readonly StoredField _path = new(Path, string.Empty);
        private readonly BinaryDocValuesField _pathValue = new(Path, new BytesRef());
        private readonly StoredField _hash = new(Hash, string.Empty);

        public Document Fill(SeedDocument document, FileOrigin? origin)
        {
            _document.Fields.Clear();
            _id.SetStringValue(document.Id);
            _idSorted.SetBytesValue(new BytesRef(document.Id));
            _title.SetStringValue(document.Title);
            _titleValue.SetBytesValue(new BytesRef(document.Title));
            _body.SetStringValue(document.Body);
            _document.Add(_id);
            _document.Add(_idSorted);
            _document.Add(_title);
            _document.Add(_titleValue);
            _document.Add(_body);
            if (document.Date is DateOnly date)
            {
                _date.SetInt64Value(DateValue(date));
                _dateSorted.SetInt64Value(DateValue(date));
                _document.Add(_date);
                _document.Add(_dateSorted);
            }
            if (origin is not null)
            {
                // Stored only: sync reads them back per document, nothing searches them.
                _source.SetStringValue(origin.Folder);
                _path.SetStringValue(origin.FilePath);
                _pathValue.SetBytesValue(new BytesRef(origin.FilePath));
                _hash.SetStringValue(origin.ContentHash);
                _document.Add(_source);
                _document.Add(_path);
                _document.Add(_pathValue);
                _document.Add(_hash);
            }
            return _document;
        }
    }

    /// <summary>Rebuilds the <see cref="SeedDocument"/> from a stored Lucene document.</summary>
    public static SeedDocument FromLucene(Document lucene)
    {
        return new SeedDocument(
            lucene.Get(Id, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
            lucene.Get(Title, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
            lucene.Get(Body, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
            DateOf(lucene));
    }

    /// <summary>The stored date of a document, if it has one.</summary>
    public static DateOnly? DateOf(Document lucene) =>
        lucene.GetField(Date)?.GetInt64Value() is long day ? DateOnly.FromDayNumber(checked((int)day)) : null;

    /// <summary>The stored source file of a document, or <see langword="null"/> when it was upserted directly.</summary>
    public static string? PathOf(Document lucene) => lucene.Get(Path, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Where a document came from when it was read from an indexed folder.</summary>
/// <param name="Folder">The full path of the indexed folder.</param>
/// <param name="FilePath">The full path of the file.</param>
/// <param name="ContentHash">The hash of the file's bytes.</param>
internal sealed record FileOrigin(string Folder, string FilePath, string ContentHash);
