using Lucene.Net.Index;
using Lucene.Net.Util;
using Search.Indexing;

namespace Search.Sharding;

/// <summary>
/// What one shard's snapshot contributes to the statistics of the whole collection: its document counts, and for every
/// field a query can score or expand on (title, body, the words as written, the tags) each term with the documents that
/// hold it and how often it occurs, and the field's totals. Every shard sees the sum of its peers' as an extra,
/// document-less segment (<see cref="PeerTermsReader"/>), so that BM25, fuzzy and prefix expansion, typo tolerance,
/// did-you-mean, completion and more-like-this all read the collection's numbers, as one index would.
/// </summary>
internal sealed class ShardTerms
{
    private const byte FormatVersion = 1;

    private ShardTerms(int maxDoc, int numDocs, IReadOnlyList<FieldTerms> fields)
    {
        MaxDoc = maxDoc;
        NumDocs = numDocs;
        Fields = fields;
    }

    /// <summary>Documents, deleted ones not yet merged away included (as Lucene's statistics count them).</summary>
    public int MaxDoc { get; }

    /// <summary>Live documents.</summary>
    public int NumDocs { get; }

    /// <summary>The fields, in ordinal order of their names.</summary>
    public IReadOnlyList<FieldTerms> Fields { get; }

    /// <summary>No documents and no terms.</summary>
    public static ShardTerms Empty { get; } = new(0, 0, []);

    /// <summary>Whether a field's statistics matter to other shards: the fields queries score and expand on. Ids, dates and
    /// file origins are matched exactly or filtered, never scored.</summary>
    public static bool IsShared(string field) =>
        field is IndexSchema.Title or IndexSchema.Body or IndexSchema.Words or IndexSchema.Tags
        || field.StartsWith(IndexSchema.TagFieldPrefix, StringComparison.Ordinal);

    /// <summary>Reads the statistics of <paramref name="reader"/>'s snapshot: every term of the shared fields, merged over
    /// its segments.</summary>
    public static ShardTerms Read(IndexReader reader)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var infos = new Dictionary<string, FieldInfo>(StringComparer.Ordinal);
        foreach (AtomicReaderContext leaf in reader.Leaves)
        {
            foreach (FieldInfo info in leaf.AtomicReader.FieldInfos)
            {
                if (info.IsIndexed && IsShared(info.Name) && names.Add(info.Name))
                    infos[info.Name] = info;
            }
        }
        var fields = new List<FieldTerms>(names.Count);
        foreach (string name in names)
        {
            Terms? terms = MultiFields.GetTerms(reader, name);
            if (terms is null)
                continue;
            var builder = new FieldTerms.Builder(name, infos[name].IndexOptions, infos[name].OmitsNorms);
            TermsEnum e = terms.GetEnumerator();
            while (e.MoveNext())
                builder.Add(e.Term.Bytes.AsSpan(e.Term.Offset, e.Term.Length), e.DocFreq, e.TotalTermFreq);
            fields.Add(builder.Build(terms.DocCount, terms.SumTotalTermFreq, terms.SumDocFreq));
        }
        return new ShardTerms(reader.MaxDoc, reader.NumDocs, fields);
    }

    /// <summary>The sum of several shards' statistics: counts added, terms merged in order.</summary>
    public static ShardTerms Sum(IReadOnlyList<ShardTerms> shards)
    {
        if (shards.Count == 0)
            return Empty;
        if (shards.Count == 1)
            return shards[0];
        var names = new SortedSet<string>(shards.SelectMany(s => s.Fields.Select(f => f.Name)), StringComparer.Ordinal);
        var fields = new List<FieldTerms>(names.Count);
        foreach (string name in names)
            fields.Add(FieldTerms.Sum([.. shards.Select(s => s.Fields.FirstOrDefault(f => f.Name == name)).OfType<FieldTerms>()]));
        return new ShardTerms(shards.Sum(s => s.MaxDoc), shards.Sum(s => s.NumDocs), fields);
    }

    /// <summary>The statistics as bytes, for sending to other shards.</summary>
    public byte[] Encode()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write7BitEncodedInt(MaxDoc);
            writer.Write7BitEncodedInt(NumDocs);
            writer.Write7BitEncodedInt(Fields.Count);
            foreach (FieldTerms field in Fields)
                field.Write(writer);
        }
        return stream.ToArray();
    }

    /// <summary>Reads statistics made by <see cref="Encode"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not such statistics.</exception>
    public static ShardTerms Decode(byte[] encoded)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(encoded, writable: false), System.Text.Encoding.UTF8);
            if (reader.ReadByte() != FormatVersion)
                throw new InvalidDataException("The shard's term statistics are of another format.");
            int maxDoc = reader.Read7BitEncodedInt();
            int numDocs = reader.Read7BitEncodedInt();
            int count = reader.Read7BitEncodedInt();
            var fields = new List<FieldTerms>(count);
            for (int i = 0; i < count; i++)
                fields.Add(FieldTerms.Read(reader));
            return new ShardTerms(maxDoc, numDocs, fields);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The shard's term statistics are cut short.", e);
        }
    }
}

/// <summary>One field's terms in byte order, each with its document count and total occurrences, and the field's
/// totals.</summary>
internal sealed class FieldTerms
{
    private readonly byte[] _bytes;
    private readonly int[] _starts; // term i is _bytes[_starts[i].._starts[i + 1]]
    private readonly int[] _docFreqs;
    private readonly long[] _totalTermFreqs;

    private FieldTerms(string name, IndexOptions options, bool omitNorms, byte[] bytes, int[] starts, int[] docFreqs, long[] totalTermFreqs,
        int docCount, long sumTotalTermFreq, long sumDocFreq)
    {
        Name = name;
        Options = options;
        OmitNorms = omitNorms;
        _bytes = bytes;
        _starts = starts;
        _docFreqs = docFreqs;
        _totalTermFreqs = totalTermFreqs;
        DocCount = docCount;
        SumTotalTermFreq = sumTotalTermFreq;
        SumDocFreq = sumDocFreq;
    }

    public string Name { get; }

    public IndexOptions Options { get; }

    public bool OmitNorms { get; }

    public int Count => _docFreqs.Length;

    /// <summary>Documents with at least one term in the field.</summary>
    public int DocCount { get; }

    public long SumTotalTermFreq { get; }

    public long SumDocFreq { get; }

    public ReadOnlySpan<byte> Term(int index) => _bytes.AsSpan(_starts[index], _starts[index + 1] - _starts[index]);

    /// <summary>Term <paramref name="index"/> into <paramref name="into"/>, sharing this object's bytes.</summary>
    public void Term(int index, BytesRef into)
    {
        into.Bytes = _bytes;
        into.Offset = _starts[index];
        into.Length = _starts[index + 1] - _starts[index];
    }

    public int DocFreq(int index) => _docFreqs[index];

    public long TotalTermFreq(int index) => _totalTermFreqs[index];

    /// <summary>The index of the first term at or after <paramref name="term"/> in byte order (<see cref="Count"/> when
    /// none), and whether it is <paramref name="term"/> itself.</summary>
    public int Ceiling(ReadOnlySpan<byte> term, out bool exact)
    {
        int low = 0, high = Count - 1;
        while (low <= high)
        {
            int middle = (low + high) >>> 1;
            int order = Term(middle).SequenceCompareTo(term);
            if (order == 0)
            {
                exact = true;
                return middle;
            }
            if (order < 0)
                low = middle + 1;
            else
                high = middle - 1;
        }
        exact = false;
        return low;
    }

    public static FieldTerms Sum(IReadOnlyList<FieldTerms> fields)
    {
        FieldTerms first = fields[0];
        var builder = new Builder(first.Name, first.Options, fields.All(f => f.OmitNorms));
        int[] next = new int[fields.Count];
        while (true)
        {
            // The smallest next term of any field, then every field's count of it.
            int lowest = -1;
            for (int i = 0; i < fields.Count; i++)
            {
                if (next[i] < fields[i].Count && (lowest < 0 || fields[i].Term(next[i]).SequenceCompareTo(fields[lowest].Term(next[lowest])) < 0))
                    lowest = i;
            }
            if (lowest < 0)
                break;
            ReadOnlySpan<byte> term = fields[lowest].Term(next[lowest]);
            long docFreq = 0, totalTermFreq = 0;
            bool unknownTotal = false;
            for (int i = 0; i < fields.Count; i++)
            {
                if (next[i] < fields[i].Count && (i == lowest || fields[i].Term(next[i]).SequenceEqual(term)))
                {
                    docFreq += fields[i].DocFreq(next[i]);
                    long total = fields[i].TotalTermFreq(next[i]);
                    unknownTotal |= total < 0;
                    totalTermFreq += total;
                    if (i != lowest)
                        next[i]++;
                }
            }
            builder.Add(term, checked((int)docFreq), unknownTotal ? -1 : totalTermFreq);
            next[lowest]++;
        }
        return builder.Build(fields.Sum(f => f.DocCount), SumOrUnknown(fields.Select(f => f.SumTotalTermFreq)), SumOrUnknown(fields.Select(f => f.SumDocFreq)));
    }

    private static long SumOrUnknown(IEnumerable<long> values)
    {
        long sum = 0;
        foreach (long value in values)
        {
            if (value < 0)
                return -1; // Lucene's "not recorded"
            sum += value;
        }
        return sum;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Name);
        writer.Write7BitEncodedInt((int)Options);
        writer.Write(OmitNorms);
        writer.Write7BitEncodedInt(DocCount);
        writer.Write(SumTotalTermFreq);
        writer.Write(SumDocFreq);
        writer.Write7BitEncodedInt(Count);
        writer.Write7BitEncodedInt(_bytes.Length);
        writer.Write(_bytes);
        for (int i = 0; i < Count; i++)
        {
            writer.Write7BitEncodedInt(_starts[i + 1] - _starts[i]);
            writer.Write7BitEncodedInt(_docFreqs[i]);
            writer.Write7BitEncodedInt64(_totalTermFreqs[i] + 1); // -1 (not recorded) becomes 0
        }
    }

    public static FieldTerms Read(BinaryReader reader)
    {
        string name = reader.ReadString();
        var options = (IndexOptions)reader.Read7BitEncodedInt();
        bool omitNorms = reader.ReadBoolean();
        int docCount = reader.Read7BitEncodedInt();
        long sumTotalTermFreq = reader.ReadInt64();
        long sumDocFreq = reader.ReadInt64();
        int count = reader.Read7BitEncodedInt();
        byte[] bytes = reader.ReadBytes(reader.Read7BitEncodedInt());
        int[] starts = new int[count + 1];
        int[] docFreqs = new int[count];
        long[] totals = new long[count];
        for (int i = 0; i < count; i++)
        {
            starts[i + 1] = starts[i] + reader.Read7BitEncodedInt();
            docFreqs[i] = reader.Read7BitEncodedInt();
            totals[i] = reader.Read7BitEncodedInt64() - 1;
        }
        if (starts[count] != bytes.Length)
            throw new InvalidDataException($"The term statistics of field '{name}' are damaged.");
        return new FieldTerms(name, options, omitNorms, bytes, starts, docFreqs, totals, docCount, sumTotalTermFreq, sumDocFreq);
    }

    public sealed class Builder(string name, IndexOptions options, bool omitNorms)
    {
        private readonly List<byte> _bytes = [];
        private readonly List<int> _starts = [0];
        private readonly List<int> _docFreqs = [];
        private readonly List<long> _totals = [];

        public void Add(ReadOnlySpan<byte> term, int docFreq, long totalTermFreq)
        {
            _bytes.AddRange(term);
            _starts.Add(_bytes.Count);
            _docFreqs.Add(docFreq);
            _totals.Add(totalTermFreq);
        }

        public FieldTerms Build(int docCount, long sumTotalTermFreq, long sumDocFreq) =>
            new(name, options, omitNorms, [.. _bytes], [.. _starts], [.. _docFreqs], [.. _totals], docCount, sumTotalTermFreq, sumDocFreq);
    }
}
