using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Search.Indexing;

namespace Search.Querying;

/// <summary>
/// Collects the top hits in relevance <see cref="HitOrder"/> (by score, equal scores by id), when many hits tie. Lucene's
/// <see cref="TopFieldCollector"/> sorting by score then id re-resolves the id of its weakest hit across segments each
/// time that hit changes and reads an ordinal from disk per tied hit, which made prefix queries (thousands of hits in a
/// few score groups) twice as slow as raw Lucene. Here each segment keeps its own top hits comparing id ordinals held
/// in memory (<see cref="IdOrdinals"/>), and the segments' winners are merged reading an id as bytes only where two
/// segments' next hits score the same.
/// </summary>
internal sealed class ScoreThenIdCollector(int count) : ICollector
{
    private readonly List<SegmentWinners> _segments = [];
    private readonly PriorityQueue<Candidate, Candidate> _segment = new(WeakestFirst.Instance);
    private SortedDocValues? _ids;
    private int[] _ordinals = [];
    private int _docBase;
    private Scorer? _scorer;

    /// <summary>How many hits matched.</summary>
    public int TotalHits { get; private set; }

    public bool AcceptsDocsOutOfOrder => true; // ties are broken by id, never by the order documents arrive in

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    public void SetNextReader(AtomicReaderContext context)
    {
        FinishSegment();
        // Indexes this library writes keep ids in sorted doc values; anything else is uninverted once, as a sort would.
        _ids = context.AtomicReader.GetSortedDocValues(IndexSchema.Id) ?? FieldCache.DEFAULT.GetTermsIndex(context.AtomicReader, IndexSchema.Id);
        _ordinals = IdOrdinals.Of(context.AtomicReader, _ids);
        _docBase = context.DocBase;
    }

    public void Collect(int doc)
    {
        TotalHits++;
        if (count == 0)
            return;
        var candidate = new Candidate(doc, _scorer!.GetScore(), _ordinals[doc]);
        if (_segment.Count < count)
            _segment.Enqueue(candidate, candidate);
        else if (WeakestFirst.Instance.Compare(_segment.Peek(), candidate) < 0)
            _segment.EnqueueDequeue(candidate, candidate);
    }

    /// <summary>The collected hits, best first: the segments' winners merged, an id read only where two segments' best
    /// remaining hits score the same.</summary>
    public TopDocs GetTopDocs()
    {
        FinishSegment();
        var hits = new List<ScoreDoc>(count);
        while (hits.Count < count)
        {
            SegmentWinners? best = null;
            foreach (SegmentWinners segment in _segments)
            {
                if (segment.HasNext && (best is null || segment.Precedes(best)))
                    best = segment;
            }
            if (best is null)
                break;
            hits.Add(best.Take());
        }
        return new TopDocs(TotalHits, [.. hits], hits.Count > 0 ? hits[0].Score : float.NaN);
    }

    private void FinishSegment()
    {
        if (_segment.Count == 0)
            return;
        var best = new Candidate[_segment.Count];
        for (int i = best.Length - 1; _segment.TryDequeue(out Candidate candidate, out _); i--)
            best[i] = candidate; // weakest first out, so filled from the end
        _segments.Add(new SegmentWinners(_ids!, _docBase, best));
    }

    /// <summary>One segment's top hits, best first, and the id of the next one, read when a comparison needs it.</summary>
    private sealed class SegmentWinners(SortedDocValues ids, int docBase, Candidate[] best)
    {
        private readonly Candidate[] _best = best;
        private int _next;
        private BytesRef? _nextId;

        public bool HasNext => _next < _best.Length;

        /// <summary>Whether this segment's next hit comes before <paramref name="other"/>'s in relevance order.</summary>
        public bool Precedes(SegmentWinners other)
        {
            float score = _best[_next].Score, otherScore = other._best[other._next].Score;
            return score != otherScore ? score > otherScore : HitOrder.CompareIds(NextId(), other.NextId()) < 0;
        }

        public ScoreDoc Take()
        {
            Candidate taken = _best[_next++];
            _nextId = null;
            return new ScoreDoc(docBase + taken.Doc, taken.Score);
        }

        private BytesRef NextId()
        {
            if (_nextId is null)
            {
                _nextId = new BytesRef();
                ids.LookupOrd(_best[_next].Ord, _nextId);
            }
            return _nextId;
        }
    }

    private readonly record struct Candidate(int Doc, float Score, int Ord);

    /// <summary>Orders candidates weakest first: lower score, then (equal scores) the larger id ordinal. Within a segment
    /// ordinals follow the ids' byte order, so this is <see cref="HitOrder.CompareByRelevance"/> reversed.</summary>
    private sealed class WeakestFirst : IComparer<Candidate>
    {
        public static readonly WeakestFirst Instance = new();

        public int Compare(Candidate x, Candidate y) => x.Score != y.Score ? x.Score.CompareTo(y.Score) : y.Ord.CompareTo(x.Ord);
    }
}
