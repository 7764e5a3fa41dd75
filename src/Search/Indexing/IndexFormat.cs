using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;

namespace Search.Indexing;

/// <summary>
/// The format this build writes indexes in, recorded in every commit's user data, and the test of whether a commit is
/// in it. The format is a version number and a fingerprint: a hash of a canonical description of everything that decides
/// what is in the index (each field with how it is indexed and stored and the value it is written with, what the analyzer
/// makes of a probe text for each analysed field, the stop list and the similarity's index-time choices), so that a
/// change to any of them changes the fingerprint by itself.
/// </summary>
/// <remarks>An index of another format is refused rather than read through fallbacks: its terms, norms or doc values
/// may not be what this build's queries, sorting and hits expect.</remarks>
internal static class IndexFormat
{
    /// <summary>Bumped by hand only for a change the description cannot see: how this build reads values it has always
    /// written the same way (for example, a new meaning of an existing doc value).</summary>
    public const int Version = 1;

    /// <summary>The commit user data keys of the version and the fingerprint.</summary>
    public const string VersionKey = "search.format.version";

    /// <inheritdoc cref="VersionKey"/>
    public const string FingerprintKey = "search.format.fingerprint";

    // Exercises what the analyzer chain does to text: case, possessives, contractions, stop words, stemming, numbers,
    // dates, hyphens, acronyms, e-mail and web addresses, accents, other scripts and emoji.
    private const string Probe = "The Taliban's fighters weren't running quickly through KABUL: what have they been doing " +
        "since 2021-08-14 (3.14%)? U.S.A. e-mail x@example.com https://example.com/a?b=c Café naïve Ærøskøbing " +
        "Straße İstanbul ﬁnance 東京都 Москва العربية 😀 studies studying happiness organization's";

    /// <summary>This build's format fingerprint: <see cref="FingerprintOf"/> of <see cref="Describe()"/>, 32 lowercase hex
    /// digits. A constant, so that opening an index costs no analysis; a test recomputes it, and fails with the new value
    /// when a change to the schema or the analysis changed the format.</summary>
    public const string Fingerprint = "ded52cf6bc7a4e34db11bb8d5819270a";

    /// <summary>Whether commit user data records this build's format.</summary>
    public static bool IsCurrent(IDictionary<string, string>? data) =>
        data is not null
        && data.TryGetValue(VersionKey, out string? version) && version == Version.ToString(CultureInfo.InvariantCulture)
        && data.TryGetValue(FingerprintKey, out string? fingerprint) && fingerprint == Fingerprint;

    /// <summary><paramref name="data"/> with this build's format recorded, other entries kept.</summary>
    public static Dictionary<string, string> RecordIn(IDictionary<string, string> data) =>
        new(data, StringComparer.Ordinal)
        {
            [VersionKey] = Version.ToString(CultureInfo.InvariantCulture),
            [FingerprintKey] = Fingerprint,
        };

    /// <summary>The error for an index whose last commit records another format, or none (written before formats were recorded).</summary>
    public static IndexUnavailableException Refused(string indexPath) => new(indexPath,
        $"The index at '{indexPath}' was written by another version of Search (another index format), so this version cannot " +
        "search it; nothing was changed. Rebuild it from its documents: 'search index FOLDER' does so by itself (or use " +
        "--rebuild; in code, SearchIndexOptions.Rebuild = true), or delete the folder.",
        isOtherFormat: true);

    /// <summary>The message <see cref="IndexChecker"/> reports for an index of another format.</summary>
    public const string CheckProblem =
        "The index was written by another version of Search (another index format): this version refuses to search it.";

    /// <summary>The fingerprint of a description: the XxHash128 of its UTF-8 bytes, in lowercase hex.</summary>
    public static string FingerprintOf(string description) =>
        Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(description)));

    /// <summary>This build's canonical description.</summary>
    public static string Describe()
    {
        var sample = new SeedDocument("format/sample", "Probe title: " + Probe, "Probe body. " + Probe, new DateOnly(2021, 8, 14))
        {
            Tags = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["topics"] = ["Grain", "wheat"], ["places"] = ["usa"] },
        };
        var origin = new FileOrigin("/seeds", "/seeds/format/sample.md", UInt128.MaxValue - 1);
        using var reusable = new IndexSchema.ReusableDocument();
        Document document = reusable.Fill(sample, origin);
        using Analyzer analyzer = IndexSchema.CreateAnalyzer();
        return Describe(document.Fields, analyzer, Ranking.StopWords.Select(word => word.ToString()!), Ranking.Similarity);
    }

    /// <summary>The canonical description of an index written with these fields, analyzer, stop list and similarity:
    /// one line per fact, invariant formatting, independent of the machine's culture.</summary>
    /// <param name="fields">A sample document's fields as the schema writes them, every kind of field included.</param>
    /// <param name="analyzer">The analyzer documents are indexed with.</param>
    /// <param name="stopWords">The stop list (in any order).</param>
    /// <param name="similarity">The similarity the writer encodes norms with.</param>
    public static string Describe(IEnumerable<IIndexableField> fields, Analyzer analyzer, IEnumerable<string> stopWords, Similarity similarity)
    {
        var text = new StringBuilder();
        text.Append("version ").Append(Version.ToString(CultureInfo.InvariantCulture)).Append('\n');
        var analysed = new List<string>();
        foreach (IIndexableField field in fields)
        {
            IIndexableFieldType type = field.IndexableFieldType;
            text.Append(CultureInfo.InvariantCulture,
                $"field {field.Name} indexed={type.IsIndexed} stored={type.IsStored} tokenized={type.IsTokenized} " +
                $"norms={!type.OmitNorms} options={type.IndexOptions} docValues={type.DocValueType} " +
                $"vectors={type.StoreTermVectors},{type.StoreTermVectorPositions},{type.StoreTermVectorOffsets},{type.StoreTermVectorPayloads} " +
                $"numeric={field.NumericType} step={(field as Field)?.FieldType.NumericPrecisionStep} value={Value(field)}\n");
            if (type.IsIndexed && type.IsTokenized && !analysed.Contains(field.Name))
                analysed.Add(field.Name);
        }
        foreach (string name in analysed)
            text.Append("analysis ").Append(name).Append(' ').Append(Analysis(analyzer, name)).Append('\n');
        text.Append("stopwords ").AppendJoin(' ', stopWords.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)).Append('\n');
        text.Append("similarity ").Append(similarity.GetType().FullName);
        if (similarity is BM25Similarity bm25)
            text.Append(" discountOverlaps=").Append(bm25.DiscountOverlaps);
        else if (similarity is DefaultSimilarity classic)
            text.Append(" discountOverlaps=").Append(classic.DiscountOverlaps);
        return text.Append('\n').ToString();
    }

    private static string Value(IIndexableField field)
    {
        if (field.GetBinaryValue() is { } bytes)
            return "bytes:" + Convert.ToHexStringLower(bytes.Bytes, bytes.Offset, bytes.Length);
        // Numbers are formatted by the provider given, so this is the same text in every culture.
        return (field.NumericType == NumericFieldType.NONE ? "text:" : "number:") + field.GetStringValue(CultureInfo.InvariantCulture);
    }

    /// <summary>The token stream type, then each token of the probe with its position increment and offsets.</summary>
    private static string Analysis(Analyzer analyzer, string field)
    {
        var text = new StringBuilder();
        using TokenStream stream = analyzer.GetTokenStream(field, Probe);
        ICharTermAttribute term = stream.AddAttribute<ICharTermAttribute>();
        IPositionIncrementAttribute increment = stream.AddAttribute<IPositionIncrementAttribute>();
        IOffsetAttribute offset = stream.AddAttribute<IOffsetAttribute>();
        text.Append(stream.GetType().FullName);
        stream.Reset();
        while (stream.IncrementToken())
        {
            text.Append(CultureInfo.InvariantCulture, $" {term}/{increment.PositionIncrement}/{offset.StartOffset}-{offset.EndOffset}");
        }
        stream.End();
        return text.ToString();
    }
}
