using System.Runtime.InteropServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Search.Indexing;

namespace Search.Querying;

/// <summary>
/// Counts the facets of <see cref="SearchRequest.Facets"/> over every hit it is given, from doc values only (never stored
/// fields): each tag's sorted-set ordinals per segment, resolved to values once at the end of the segment, and the day
/// numbers of <see cref="IndexSchema.Date"/>, bucketed when the results are read. It runs beside the collector of the top
/// hits, in the same pass, so a search with facets reads its hits once; deleted documents never reach a collector.
/// </summary>
internal sealed class FacetCounter : ICollector
{
    /// <summary>The most buckets a date histogram fills in: about ten years of days. A histogram spanning more lists only
    /// its non-empty buckets, so one stray date cannot turn a day histogram into hundreds of thousands of zeros.</summary>
    public const int MaxDateBuckets = 3660;

    private readonly IReadOnlyList<string> _names;
    private readonly Dictionary<string, TagCounter> _tags = new(StringComparer.Ordinal);
    private readonly bool _countDates;
    private readonly Dictionary<long, long> _days = [];
    private NumericDocValues? _dates;
    private IBits? _dated;

    /// <summary>A counter for the facet names of a request (already validated; a name given twice is counted once).</summary>
    public FacetCounter(IReadOnlyList<string> names)
    {
        _names = names;
        foreach (string name in names)
        {
            if (FacetNames.DateUnitOf(name) is not null)
                _countDates = true;
            else
                _tags.TryAdd(name, new TagCounter(IndexSchema.TagField(name)));
        }
    }

    public bool AcceptsDocsOutOfOrder => true; // counts do not depend on the order documents arrive in

    public void SetScorer(Scorer scorer)
    {
        // Counting needs no scores.
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        AtomicReader reader = context.AtomicReader;
        foreach (TagCounter tag in _tags.Values)
            tag.StartSegment(reader);
        if (_countDates)
        {
            _dates = reader.GetNumericDocValues(IndexSchema.Date);
            _dated = _dates is null ? null : reader.GetDocsWithField(IndexSchema.Date);
        }
    }

    public void Collect(int doc)
    {
        foreach (TagCounter tag in _tags.Values)
            tag.Collect(doc);
        // A document without a date reads as 0 from the doc values; it belongs in no bucket.
        if (_dates is not null && _dated!.Get(doc))
            CollectionsMarshal.GetValueRefOrAddDefault(_days, _dates.Get(doc), out _)++;
    }

    /// <summary>Every requested facet, keyed by its name in request order: tag values most frequent first (ties by value,
    /// ordinal), at most <paramref name="size"/> of them; date buckets in date order, all of them.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Results(int size)
    {
        var results = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
        foreach (string name in _names)
        {
            if (results.ContainsKey(name))
                continue;
            results[name] = FacetNames.DateUnitOf(name) is DateUnit unit
                ? DateHistogram.Buckets(_days, unit, MaxDateBuckets)
                : _tags[name].Top(size);
        }
        return results;
    }

    /// <summary>The counts of one tag: per segment by ordinal, then by value across segments.</summary>
    private sealed class TagCounter(string field)
    {
        private readonly Dictionary<string, long> _totals = new(StringComparer.Ordinal);
        private readonly BytesRef _scratch = new();
        private SortedSetDocValues? _values;
        private int[] _counts = [];

        public void StartSegment(AtomicReader reader)
        {
            FinishSegment();
            _values = reader.GetSortedSetDocValues(field);
            _counts = _values is null ? [] : new int[checked((int)_values.ValueCount)];
        }

        public void Collect(int doc)
        {
            if (_values is null)
                return;
            _values.SetDocument(doc);
            long ord;
            while ((ord = _values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
                _counts[ord]++;
        }

        public FacetValue[] Top(int size)
        {
            FinishSegment();
            var values = new List<FacetValue>(_totals.Count);
            foreach ((string value, long count) in _totals)
                values.Add(new FacetValue(value, count));
            values.Sort(static (x, y) => x.Count != y.Count ? y.Count.CompareTo(x.Count) : string.CompareOrdinal(x.Value, y.Value));
            return [.. values.Take(size)];
        }

        /// <summary>Turns the segment's ordinal counts into value counts: one lookup per value seen, not per hit.</summary>
        private void FinishSegment()
        {
            if (_values is null)
                return;
            for (int ord = 0; ord < _counts.Length; ord++)
            {
                if (_counts[ord] == 0)
                    continue;
                _values.LookupOrd(ord, _scratch);
                CollectionsMarshal.GetValueRefOrAddDefault(_totals, _scratch.Utf8ToString(), out _) += _counts[ord];
            }
            _values = null;
            _counts = [];
        }
    }
}
