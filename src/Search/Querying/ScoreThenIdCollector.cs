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
/// in memory (<see cref="IdOrdinals"/>), and ids are read as bytes only for those winners, to merge the segments.
/// </summary>
internal sealed class ScoreThenIdCollector(int count) : ICollector
{
    private readonly List<Winner> _winners = [];
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

    /// <summary>The collected hits, best first.</summary>
    public TopDocs GetTopDocs()
    {
        FinishSegment();
        _winners.Sort(static (a, b) => HitOrder.CompareByRelevance(a.Score, a.Id, b.Score, b.Id));
        ScoreDoc[] hits = [.. _winners.Take(count).Select(w => new ScoreDoc(w.Doc, w.Score))];
        return new TopDocs(TotalHits, hits, hits.Length > 0 ? hits[0].Score : float.NaN);
    }

    private void FinishSegment()
    {
        while (_segment.TryDequeue(out Candidate candidate, out _))
        {
            var id = new BytesRef();
            _ids!.LookupOrd(candidate.Ord, id);
            _winners.Add(new Winner(_docBase + candidate.Doc, candidate.Score, id));
        }
    }

    private readonly record struct Candidate(int Doc, float Score, int Ord);

    private sealed record Winner(int Doc, float Score, BytesRef Id);

    /// <summary>Orders candidates weakest first: lower score, then (equal scores) the larger id ordinal. Within a segment
    /// ordinals follow the ids' byte order, so this is <see cref="HitOrder.CompareByRelevance"/> reversed.</summary>
    private sealed class WeakestFirst : IComparer<Candidate>
    {
        public static readonly WeakestFirst Instance = new();

        public int Compare(Candidate x, Candidate y) => x.Score != y.Score ? x.Score.CompareTo(y.Score) : y.Ord.CompareTo(x.Ord);
    }
}
