using Lucene.Net.Index;
using Lucene.Net.Util;

namespace Search.Sharding;

/// <summary>
/// The other shards of a collection as one more segment of this shard's reader: it holds their term statistics
/// (<see cref="ShardTerms"/>) and their document counts, and no document. Every statistic Lucene and the library read
/// through a reader (document frequencies, field totals, <c>MaxDoc</c>, <c>NumDocs</c>, the terms a fuzzy or prefix query
/// expands to) is then the collection's; its postings are empty and its documents all deleted, and
/// <see cref="ShardSearcher"/> never searches it, so hits come only from the shard's own documents.
/// </summary>
internal sealed class PeerTermsReader : AtomicReader
{
    private readonly ShardTerms _peers;
    private readonly PeerFields _fields;
    private readonly FieldInfos _infos;
    private readonly IBits _noneLive;

    public PeerTermsReader(ShardTerms peers)
    {
        _peers = peers;
        _fields = new PeerFields(peers);
        _infos = new FieldInfos([.. peers.Fields.Select((f, number) =>
            new FieldInfo(f.Name, true, number, false, f.OmitNorms, false, f.Options, DocValuesType.NONE, DocValuesType.NONE, null))]);
        _noneLive = new Bits.MatchNoBits(peers.MaxDoc);
    }

    public override Fields Fields => _fields;

    public override FieldInfos FieldInfos => _infos;

    public override IBits LiveDocs => _noneLive;

    public override int NumDocs => _peers.NumDocs;

    public override int MaxDoc => _peers.MaxDoc;

    public override NumericDocValues? GetNumericDocValues(string field) => null;

    public override BinaryDocValues? GetBinaryDocValues(string field) => null;

    public override SortedDocValues? GetSortedDocValues(string field) => null;

    public override SortedSetDocValues? GetSortedSetDocValues(string field) => null;

    public override IBits? GetDocsWithField(string field) => null;

    public override NumericDocValues? GetNormValues(string field) => null;

    public override Fields? GetTermVectors(int docID) => null;

    public override void Document(int docID, StoredFieldVisitor visitor)
    {
        // No document is stored here: the peers' documents stay with the peers.
    }

    public override void CheckIntegrity()
    {
    }

    protected override void DoClose()
    {
    }

    private sealed class PeerFields(ShardTerms peers) : Fields
    {
        private readonly Dictionary<string, PeerTerms> _terms = peers.Fields.ToDictionary(f => f.Name, f => new PeerTerms(f), StringComparer.Ordinal);

        public override IEnumerator<string> GetEnumerator() => peers.Fields.Select(f => f.Name).GetEnumerator();

        public override Terms? GetTerms(string field) => _terms.GetValueOrDefault(field);

        public override int Count => _terms.Count;
    }

    private sealed class PeerTerms(FieldTerms terms) : Terms
    {
        public override TermsEnum GetEnumerator() => new PeerTermsEnum(terms);

        public override IComparer<BytesRef> Comparer => BytesRef.UTF8SortedAsUnicodeComparer;

        public override long Count => terms.Count;

        public override long SumTotalTermFreq => terms.SumTotalTermFreq;

        public override long SumDocFreq => terms.SumDocFreq;

        public override int DocCount => terms.DocCount;

        public override bool HasFreqs => terms.Options >= IndexOptions.DOCS_AND_FREQS;

        public override bool HasOffsets => terms.Options >= IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS;

        public override bool HasPositions => terms.Options >= IndexOptions.DOCS_AND_FREQS_AND_POSITIONS;

        public override bool HasPayloads => false;
    }

    /// <summary>Walks and seeks the peers' terms of one field; every term's postings are empty.</summary>
    private sealed class PeerTermsEnum(FieldTerms terms) : TermsEnum
    {
        private readonly BytesRef _term = new();
        private int _index = -1;

        public override IComparer<BytesRef> Comparer => BytesRef.UTF8SortedAsUnicodeComparer;

        public override bool MoveNext()
        {
            if (_index + 1 >= terms.Count)
            {
                _index = terms.Count;
                return false;
            }
            terms.Term(++_index, _term);
            return true;
        }

        [Obsolete("Use MoveNext() and Term instead.")]
        public override BytesRef? Next() => MoveNext() ? _term : null;

        public override SeekStatus SeekCeil(BytesRef text)
        {
            _index = terms.Ceiling(text.Bytes.AsSpan(text.Offset, text.Length), out bool exact);
            if (_index >= terms.Count)
                return SeekStatus.END;
            terms.Term(_index, _term);
            return exact ? SeekStatus.FOUND : SeekStatus.NOT_FOUND;
        }

        public override void SeekExact(long ord)
        {
            _index = checked((int)ord);
            terms.Term(_index, _term);
        }

        public override BytesRef Term => _term;

        public override long Ord => _index;

        public override int DocFreq => terms.DocFreq(_index);

        public override long TotalTermFreq => terms.TotalTermFreq(_index);

        public override DocsEnum Docs(IBits? liveDocs, DocsEnum? reuse, DocsFlags flags) => new NoPostings();

        public override DocsAndPositionsEnum? DocsAndPositions(IBits? liveDocs, DocsAndPositionsEnum? reuse, DocsAndPositionsFlags flags) =>
            terms.Options >= IndexOptions.DOCS_AND_FREQS_AND_POSITIONS ? new NoPostings() : null;
    }

    /// <summary>The postings of a peer's term here: none (the documents are on the peer).</summary>
    private sealed class NoPostings : DocsAndPositionsEnum
    {
        private int _doc = -1; // before the first NextDoc, as Lucene's contract says

        public override int DocID => _doc;

        public override int Freq => 0;

        public override int NextDoc() => _doc = NO_MORE_DOCS;

        public override int Advance(int target) => _doc = NO_MORE_DOCS;

        public override long GetCost() => 0;

        public override int NextPosition() => -1;

        public override int StartOffset => -1;

        public override int EndOffset => -1;

        public override BytesRef? GetPayload() => null;
    }
}
