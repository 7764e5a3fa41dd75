using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;

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

    /// <summary>Every word of the title and the body as written (folded and lower-cased, stop words left out, not stemmed),
    /// indexed with document counts only: the vocabulary that did-you-mean, completion and typo variants draw from. Never
    /// scored, so it changes no ranking.</summary>
    public const string Words = "words";

    /// <summary>The date as a day number (<see cref="DateOnly.DayNumber"/>): numeric for ranges, doc values for sorting.</summary>
    public const string Date = "date";

    /// <summary>
    /// The bits each indexed date term covers. Lucene 4.8's default of 4 writes 16 terms per document for a number of
    /// about 20 significant bits; 8 writes 8 (later Lucenes went to 16 for the same reason), and a range still needs at
    /// most a few hundred terms. Queries must use the same step; changing it changes the index format (<see cref="IndexFormat"/>).
    /// </summary>
    public const int DatePrecisionStep = 8;

    /// <summary>Where a synced document came from, in one binary doc value: the 128-bit content hash of its file (16 bytes,
    /// so re-indexing skips unchanged files), then the full path of the folder it was indexed from (UTF-8; re-indexing
    /// that folder deletes documents whose files are gone). One value rather than two fields, because Lucene.Net 4.8
    /// measures its buffers by reflection on every doc value added.</summary>
    public const string Origin = "origin";

    /// <summary>The extension of the file a document came from, in sorted doc values, and only when it is not
    /// <see cref="DefaultExtension"/>: the file itself is the <see cref="Origin"/> folder, then <see cref="Id"/>, then the extension.</summary>
    public const string Extension = "ext";

    /// <summary>The extension of seed files, matched in any case; almost every file has it in lower case.</summary>
    public const string DefaultExtension = ".txt";

    /// <summary>Every tag of a document in one binary doc value (<see cref="TagValues"/>), names and values in the order given,
    /// so a hit shows its tags without decompressing stored fields. Searching and counting use the <see cref="TagField"/>s.</summary>
    public const string Tags = "tags";

    /// <summary>What starts the field of every tag (<see cref="TagField"/>): a tag name has no '.', so no tag field can be
    /// named like one of the library's own.</summary>
    public const string TagFieldPrefix = "tags.";

    /// <summary>The field of the tag <paramref name="name"/>: each value indexed once as one exact term (not analysed, not
    /// stored, documents only, no norms), and again in sorted-set doc values of the same name, for counting.</summary>
    public static string TagField(string name) => TagFieldPrefix + name;

    /// <summary>The names of the tags in the index (from its field infos, so a tag whose documents were all deleted may stay
    /// until a merge), in ordinal order.</summary>
    public static IReadOnlyList<string> TagNames(IndexReader reader)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (AtomicReaderContext leaf in reader.Leaves)
        {
            foreach (FieldInfo info in leaf.AtomicReader.FieldInfos)
            {
                if (info.Name.StartsWith(TagFieldPrefix, StringComparison.Ordinal))
                    names.Add(info.Name[TagFieldPrefix.Length..]);
            }
        }
        return [.. names];
    }

    /// <summary>The tags of document <paramref name="doc"/> of a segment, from <see cref="Tags"/>.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> TagsOf(AtomicReader reader, int doc, BytesRef scratch)
    {
        if (reader.GetBinaryDocValues(Tags) is not { } tags)
            return TagRules.None;
        tags.Get(doc, scratch);
        return TagValues.Decode(scratch.Bytes.AsSpan(scratch.Offset, scratch.Length));
    }

    /// <summary>The tags of document <paramref name="doc"/> of a whole index.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> TagsOf(IndexReader reader, int doc)
    {
        IList<AtomicReaderContext> leaves = reader.Leaves;
        AtomicReaderContext leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        return TagsOf(leaf.AtomicReader, doc - leaf.DocBase, new BytesRef());
    }

    /// <summary>The bytes of the content hash at the start of an <see cref="Origin"/> value.</summary>
    private const int OriginHashLength = 16;

    /// <summary>The fields a query can name without a prefix, in the order the parser expands them.</summary>
    public static readonly string[] SearchableFields = [Title, Body];

    /// <summary>The stored fields a hit loads: everything a <see cref="SeedDocument"/> needs.</summary>
    public static readonly ISet<string> HitFields = new HashSet<string>(StringComparer.Ordinal) { Id, Title, Body, Date };

    /// <summary>The id of the seed file (or, for <paramref name="isFile"/> false, the folder) at <paramref name="path"/>, a
    /// path inside the indexed folder that starts at <paramref name="relativeStart"/>: the rest of the path, with <c>/</c>
    /// between folders, a file's without its extension. <see cref="FilePath"/> turns it back into the path.</summary>
    public static string IdOf(string path, int relativeStart, bool isFile)
    {
        string id = path[relativeStart..^(isFile ? DefaultExtension.Length : 0)];
        return System.IO.Path.DirectorySeparatorChar == '/' ? id : id.Replace(System.IO.Path.DirectorySeparatorChar, '/');
    }

    /// <summary>Whether the document <paramref name="id"/> is in the folder (at any depth) whose <see cref="IdOf"/> is
    /// <paramref name="folderId"/>.</summary>
    public static bool IsInFolder(string id, string folderId) =>
        id.Length > folderId.Length && id[folderId.Length] == '/' && id.StartsWith(folderId, StringComparison.Ordinal);

    /// <summary>The file a synced document came from, rebuilt from its folder, its id and its extension (null for the
    /// default), exactly as the folder sync found it: the inverse of <see cref="IdOf"/>.</summary>
    public static string FilePath(string folder, string id, string? extension) => System.IO.Path.Join(folder,
        (System.IO.Path.DirectorySeparatorChar == '/' ? id : id.Replace('/', System.IO.Path.DirectorySeparatorChar)) + (extension ?? DefaultExtension));

    /// <summary>Reads an <see cref="Origin"/> value written by <see cref="ReusableDocument"/>: false when there is none (the
    /// document was upserted directly).</summary>
    public static bool TryReadOrigin(ReadOnlySpan<byte> value, out UInt128 contentHash, out ReadOnlySpan<byte> folderUtf8)
    {
        if (value.Length <= OriginHashLength)
        {
            contentHash = default;
            folderUtf8 = default;
            return false;
        }
        contentHash = System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(value);
        folderUtf8 = value[OriginHashLength..];
        return true;
    }

    /// <summary>
    /// The analyzer for documents, queries and highlighting alike: accents folded, English stemming and
    /// <see cref="Ranking.StopWords"/> for text, one exact token for ids and folders. Sharing one instance keeps hits and
    /// highlights in agreement.
    /// </summary>
    public static Analyzer CreateAnalyzer() =>
        new PerFieldAnalyzerWrapper(
            new KeywordAnalyzer(),
            new Dictionary<string, Analyzer>(StringComparer.Ordinal)
            {
                [Title] = new FoldingEnglishAnalyzer(Ranking.StopWords),
                [Body] = new FoldingEnglishAnalyzer(Ranking.StopWords),
                [Words] = new FoldingEnglishAnalyzer(Ranking.StopWords, stem: false),
            });

    private static readonly FieldType WordsType = FrozenWordsType();

    private static FieldType FrozenWordsType()
    {
        var type = new FieldType { IsIndexed = true, IsTokenized = true, IndexOptions = IndexOptions.DOCS_ONLY, OmitNorms = true };
        type.Freeze();
        return type;
    }

    private static readonly FieldType TagType = FrozenTagType();

    private static FieldType FrozenTagType()
    {
        var type = new FieldType { IsIndexed = true, IsTokenized = false, IsStored = false, IndexOptions = IndexOptions.DOCS_ONLY, OmitNorms = true };
        type.Freeze();
        return type;
    }

    private static readonly FieldType StoredDateType = FrozenDateType();

    private static FieldType FrozenDateType()
    {
        var type = new FieldType(Int64Field.TYPE_STORED) { NumericPrecisionStep = DatePrecisionStep };
        type.Freeze();
        return type;
    }

    /// <summary>The term that identifies a document, for updates and deletes.</summary>
    public static Term IdTerm(string id) => new(Id, id);

    /// <summary>Converts a date to the number stored in <see cref="Date"/>.</summary>
    public static long DateValue(DateOnly date) => date.DayNumber;

    /// <summary>Converts a number stored in <see cref="Date"/> back to the date.</summary>
    public static DateOnly DateOf(long value) => DateOnly.FromDayNumber(checked((int)value));

    /// <summary>
    /// One Lucene document and its fields, refilled for each document a thread indexes: Lucene reads a document
    /// only during the add call, so reusing the field instances saves allocating them per document.
    /// Not thread-safe: keep one per thread.
    /// </summary>
    public sealed class ReusableDocument : IDisposable
    {
        private readonly Document _document = [];
        private readonly StringField _id = new(Id, string.Empty, Field.Store.YES);
        private readonly SortedDocValuesField _idSorted = new(Id, new BytesRef());
        private readonly TextField _title = new(Title, string.Empty, Field.Store.YES);
        private readonly BinaryDocValuesField _titleValue = new(Title, new BytesRef());
        private readonly TextField _body = new(Body, string.Empty, Field.Store.YES);
        private readonly WordCapture _capture;
        private readonly FoldingEnglishAnalyzer _analyzer;
        private readonly Field _words;
        private readonly Int64Field _date = new(Date, 0L, StoredDateType);
        private readonly NumericDocValuesField _dateSorted = new(Date, 0L);
        private readonly BinaryDocValuesField _origin = new(Origin, new BytesRef());
        private readonly SortedDocValuesField _extension = new(Extension, new BytesRef());
        private readonly BinaryDocValuesField _tags = new(Tags, new BytesRef());
        private readonly TagValues.Writer _tagBytes = new();
        // Per tag name, the fields its values were written with so far: a name holds one list per document, so the first
        // values of its pool are free at each fill.
        private readonly Dictionary<string, List<(Field Term, SortedSetDocValuesField Value)>> _tagFields = new(StringComparer.Ordinal);
        private string? _folder;
        private byte[] _originBytes = [];

        /// <summary>An empty document, with its own analysis chain for the text fields.</summary>
        public ReusableDocument()
        {
            _capture = new WordCapture();
            _analyzer = new FoldingEnglishAnalyzer(Ranking.StopWords, capture: _capture);
            _words = new Field(Words, _capture.Replay(), WordsType);
        }

        /// <summary>Releases the analysis chain.</summary>
        public void Dispose() => _analyzer.Dispose();

        /// <summary>The Lucene document for <paramref name="document"/>, with <paramref name="origin"/> when it came from a
        /// file in an indexed folder; valid until the next call.</summary>
        public Document Fill(SeedDocument document, FileOrigin? origin)
        {
            _document.Fields.Clear();
            _id.SetStringValue(document.Id);
            _idSorted.SetBytesValue(new BytesRef(document.Id));
            _title.SetStringValue(document.Title);
            _titleValue.SetBytesValue(new BytesRef(document.Title));
            _body.SetStringValue(document.Body);
            // The title and body are analysed once, by streams that also catch the words for the vocabulary.
            _capture.Clear();
            _title.SetTokenStream(_analyzer.GetTokenStream(Title, document.Title));
            _body.SetTokenStream(_analyzer.GetTokenStream(Body, document.Body));
            _document.Add(_id);
            _document.Add(_idSorted);
            _document.Add(_title);
            _document.Add(_titleValue);
            _document.Add(_body);
            _document.Add(_words);
            if (document.Date is DateOnly date)
            {
                _date.SetInt64Value(DateValue(date));
                _dateSorted.SetInt64Value(DateValue(date));
                _document.Add(_date);
                _document.Add(_dateSorted);
            }
            if (document.Tags.Count > 0)
                AddTags(document.Tags);
            if (origin is not null)
            {
                // Doc values only: sync reads them back per document without decompressing stored fields, hits rebuild
                // the file path from them, and nothing searches them. Lucene copies the bytes during the add.
                if (!string.Equals(_folder, origin.Folder, StringComparison.Ordinal))
                {
                    _folder = origin.Folder;
                    _originBytes = new byte[OriginHashLength + System.Text.Encoding.UTF8.GetByteCount(origin.Folder)];
                    System.Text.Encoding.UTF8.GetBytes(origin.Folder, _originBytes.AsSpan(OriginHashLength));
                }
                System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(_originBytes, origin.ContentHash);
                _origin.SetBytesValue(new BytesRef(_originBytes));
                _document.Add(_origin);
                // Compared in place: this runs for every document of a sync, and almost every file ends in ".txt".
                ReadOnlySpan<char> extension = System.IO.Path.GetExtension(origin.FilePath.AsSpan());
                if (!extension.SequenceEqual(DefaultExtension))
                {
                    _extension.SetBytesValue(new BytesRef(extension.ToString()));
                    _document.Add(_extension);
                }
            }
            return _document;
        }

        private void AddTags(IReadOnlyDictionary<string, IReadOnlyList<string>> tags)
        {
            foreach ((string name, IReadOnlyList<string> values) in tags)
            {
                if (!_tagFields.TryGetValue(name, out List<(Field Term, SortedSetDocValuesField Value)>? pool))
                    _tagFields[name] = pool = [];
                for (int i = 0; i < values.Count; i++)
                {
                    if (i == pool.Count)
                    {
                        string field = TagField(name);
                        pool.Add((new Field(field, values[i], TagType), new SortedSetDocValuesField(field, new BytesRef())));
                    }
                    (Field term, SortedSetDocValuesField value) = pool[i];
                    term.SetStringValue(values[i]);
                    value.SetBytesValue(new BytesRef(values[i]));
                    _document.Add(term);
                    _document.Add(value);
                }
            }
            _tags.SetBytesValue(_tagBytes.Encode(tags));
            _document.Add(_tags);
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
        lucene.GetField(Date)?.GetInt64Value() is long value ? DateOf(value) : null;
}

/// <summary>Where a document came from when it was read from an indexed folder.</summary>
/// <param name="Folder">The full path of the indexed folder.</param>
/// <param name="FilePath">The full path of the file: <see cref="Folder"/>, then the id, then the extension.</param>
/// <param name="ContentHash">The XxHash128 of the file's bytes.</param>
internal sealed record FileOrigin(string Folder, string FilePath, UInt128 ContentHash);
