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

    /// <summary>The most days counted in an array: about 180 years. Days further out are counted in
    /// <see cref="_farDays"/>, so one stray date cannot make the array huge.</summary>
    private const int MaxDaySpan = 1 << 16;

    private readonly IReadOnlyList<string> _names;
    private readonly Dictionary<string, TagCounter> _tags = new(StringComparer.Ordinal);
    private readonly TagCounter[] _tagCounters;
    private readonly bool _countDates;
    // Counts per day from _firstDay on: an array index per hit is much cheaper than a dictionary look-up.
    private long[] _dayCounts = [];
    private long _firstDay;
    private readonly Dictionary<long, long> _farDays = [];
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
        _tagCounters = [.. _tags.Values];
    }

    public bool AcceptsDocsOutOfOrder => true; // counts do not depend on the order documents arrive in

    public void SetScorer(Scorer scorer)
    {
        // Counting needs no scores.
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        AtomicReader reader = context.AtomicReader;
        foreach (TagCounter tag in _tagCounters)
            tag.StartSegment(reader);
        if (_countDates)
        {
            _dates = reader.GetNumericDocValues(IndexSchema.Date);
            _dated = _dates is null ? null : reader.GetDocsWithField(IndexSchema.Date);
        }
    }

    public void Collect(int doc)
    {
        foreach (TagCounter tag in _tagCounters)
            tag.Collect(doc);
        // A document without a date reads as 0 from the doc values; it belongs in no bucket.
        if (_dates is not null && _dated!.Get(doc))
            CountDay(_dates.Get(doc));
    }

    private void CountDay(long day)
    {
        long at = day - _firstDay;
        if ((ulong)at < (ulong)_dayCounts.Length)
            _dayCounts[at]++;
        else if (GrowDays(day))
            _dayCounts[day - _firstDay]++;
        else
            CollectionsMarshal.GetValueRefOrAddDefault(_farDays, day, out _)++;
    }

    /// <summary>Widens the day array to take <paramref name="day"/> (with room to spare either way), unless that would
    /// span more than <see cref="MaxDaySpan"/> days; true when it now does.</summary>
    private bool GrowDays(long day)
    {
        if (_dayCounts.Length == 0)
        {
            _firstDay = day - 64;
            _dayCounts = new long[128];
            return true;
        }
        long first = Math.Min(_firstDay, day - 64);
        long end = Math.Max(_firstDay + _dayCounts.Length, day + 65);
        // Doubling keeps the number of copies small when dates arrive in order, one after another.
        end = Math.Max(end, first + _dayCounts.Length * 2L);
        if (end - first > MaxDaySpan)
            return false;
        long[] wider = new long[end - first];
        Array.Copy(_dayCounts, 0, wider, _firstDay - first, _dayCounts.Length);
        _dayCounts = wider;
        _firstDay = first;
        return true;
    }

    /// <summary>The count of every day seen, by day number.</summary>
    private Dictionary<long, long> Days()
    {
        var days = new Dictionary<long, long>(_farDays);
        for (int i = 0; i < _dayCounts.Length; i++)
        {
            if (_dayCounts[i] > 0)
                days[_firstDay + i] = _dayCounts[i];
        }
        return days;
    }

    /// <summary>Every requested facet, keyed by its name in request order: tag values most frequent first (ties by value,
    /// ordinal), at most <paramref name="size"/> of them; date buckets in date order, all of them.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Results(int size) => Counts().Results(_names, size);

    /// <summary>The raw counts, uncut: what a shard sends for the counts of all shards to be added up.</summary>
    public FacetCounts Counts()
    {
        var tags = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        foreach ((string name, TagCounter counter) in _tags)
            tags[name] = counter.Totals();
        return new FacetCounts(tags, _countDates ? Days() : []);
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

        public Dictionary<string, long> Totals()
        {
            FinishSegment();
            return _totals;
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

/// <summary>Facet counts before they are cut to a page: each tag's count per value, and the count per day number. Counts
/// of disjoint sets of documents (the shards of an index) add up to the counts of their union.</summary>
internal sealed class FacetCounts(Dictionary<string, Dictionary<string, long>> tags, Dictionary<long, long> days)
{
    /// <summary>Per tag name, the count of each value.</summary>
    public Dictionary<string, Dictionary<string, long>> Tags { get; } = tags;

    /// <summary>The count of each day number.</summary>
    public Dictionary<long, long> Days { get; } = days;

    /// <summary>Adds <paramref name="other"/>'s counts to these.</summary>
    public void Add(FacetCounts other)
    {
        foreach ((string name, Dictionary<string, long> values) in other.Tags)
        {
            if (!Tags.TryGetValue(name, out Dictionary<string, long>? mine))
                Tags[name] = mine = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach ((string value, long count) in values)
                CollectionsMarshal.GetValueRefOrAddDefault(mine, value, out _) += count;
        }
        foreach ((long day, long count) in other.Days)
            CollectionsMarshal.GetValueRefOrAddDefault(Days, day, out _) += count;
    }

    /// <summary>Every facet of <paramref name="names"/>, keyed by its name in request order: tag values most frequent
    /// first (ties by value, ordinal), at most <paramref name="size"/> of them; date buckets in date order, all of them.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Results(IReadOnlyList<string> names, int size)
    {
        var results = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            if (results.ContainsKey(name))
                continue;
            results[name] = FacetNames.DateUnitOf(name) is DateUnit unit
                ? DateHistogram.Buckets(Days, unit, FacetCounter.MaxDateBuckets)
                : Top(Tags.GetValueOrDefault(name), size);
        }
        return results;
    }

    private static FacetValue[] Top(Dictionary<string, long>? totals, int size)
    {
        if (totals is null)
            return [];
        var values = new List<FacetValue>(totals.Count);
        foreach ((string value, long count) in totals)
            values.Add(new FacetValue(value, count));
        values.Sort(static (x, y) => x.Count != y.Count ? y.Count.CompareTo(x.Count) : string.CompareOrdinal(x.Value, y.Value));
        return [.. values.Take(size)];
    }
}
