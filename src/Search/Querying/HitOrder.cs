using Lucene.Net.Search;
using Lucene.Net.Util;
using Search.Indexing;

namespace Search.Querying;

/// <summary>
/// The order hits come in, in one place: by score (highest first) or by date (either way, undated documents last), equal
/// values in id order, the byte order of Lucene's string sort. It collects the top hits in that order, with the cheaper
/// relevance collectors held to the same order, and makes the cursor key that continues after a hit, so that a page, its
/// ties and the cursor to the next page cannot disagree.
/// </summary>
internal static class HitOrder
{
    /// <summary>The top <paramref name="count"/> hits in <paramref name="sort"/> order, after <paramref name="after"/> when it
    /// is given; partial when <paramref name="timeout"/> ran out first. For relevance without a cursor it runs Lucene's plain
    /// top-score collector and puts equal scores in id order afterwards (<see cref="RelevanceTies"/>), which is much cheaper
    /// than sorting every collected hit by score then id; when a tie reaches past the collected hits, or the query's hits
    /// fall into a few score groups anyway (prefix, wildcard, match-all), it collects by score then id directly
    /// (<see cref="ScoreThenIdCollector"/>). <paramref name="alongside"/>, when given, sees every hit once, in the first
    /// pass (a second pass for ties leaves it out), and is cut short with the top hits when the time runs out.</summary>
    public static (TopDocs Top, bool Partial) Collect(IndexSearcher searcher, TranslatedQuery translated, SearchSort sort, FieldDoc? after, int count,
        TimeSpan? timeout, ICollector? alongside = null)
    {
        Query query = translated.Query;
        Filter? filter = translated.Filter;
        if (sort == SearchSort.Relevance && after is null && QueryTree.IsConstantScoring(query))
            return CollectByScoreThenId(searcher, translated, count, timeout, alongside);
        if (sort == SearchSort.Relevance && after is null)
        {
            int collect = count + RelevanceTies.Slack;
            TopDocs byScore;
            bool partial = false;
            if (timeout is null && alongside is null)
            {
                byScore = searcher.Search(query, filter, collect);
            }
            else
            {
                TopScoreDocCollector collector = TopScoreDocCollector.Create(collect, docsScoredInOrder: false);
                partial = Run(searcher, translated, With(collector, alongside), timeout);
                byScore = collector.GetTopDocs();
            }
            ScoreDoc[]? ordered = partial
                ? byScore.ScoreDocs[..Math.Min(count, byScore.ScoreDocs.Length)]
                : RelevanceTies.TryOrderById(searcher, byScore.ScoreDocs, count - 1, complete: byScore.ScoreDocs.Length < collect);
            return ordered is not null
                ? (new TopDocs(byScore.TotalHits, ordered, byScore.MaxScore), partial)
                : CollectByScoreThenId(searcher, translated, count, timeout, alongside: null);
        }

        Sort order = LuceneSort(sort);
        if (timeout is null && alongside is null)
        {
            return (after is null
                ? searcher.Search(query, filter, count, order, true, false)
                : searcher.SearchAfter(after, query, filter, count, order, true, false), false);
        }
        TopFieldCollector sorted = TopFieldCollector.Create(order, count, after, fillFields: true, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: false);
        bool sortedPartial = Run(searcher, translated, With(sorted, alongside), timeout);
        return (sorted.GetTopDocs(), sortedPartial);
    }

    /// <summary>Compares two ids as Lucene's string sort does, so that ties broken outside Lucene match a cursor's.</summary>
    public static int CompareIds(BytesRef x, BytesRef y) => BytesRef.UTF8SortedAsUnicodeComparer.Compare(x, y);

    /// <summary>Compares two hits of different shards in <paramref name="sort"/> order, as one index holding both orders
    /// them: by score or date key, then by id.</summary>
    public static int Compare(SearchSort sort, ShardHit x, ShardHit y)
    {
        int order = sort switch
        {
            SearchSort.Relevance => x.Score != y.Score ? y.Score.CompareTo(x.Score) : 0,
            SearchSort.DateDescending => DateKey(sort, y.Date).CompareTo(DateKey(sort, x.Date)),
            _ => DateKey(sort, x.Date).CompareTo(DateKey(sort, y.Date)),
        };
        return order != 0 ? order : CompareIds(new BytesRef(x.Id), new BytesRef(y.Id));
    }

    /// <summary>Compares two hits in relevance order: the higher score first, equal scores by id.</summary>
    public static int CompareByRelevance(float xScore, BytesRef xId, float yScore, BytesRef yId) =>
        xScore != yScore ? yScore.CompareTo(xScore) : CompareIds(xId, yId);

    /// <summary>What a cursor keeps of the last hit of a page besides its id: for relevance the bits of its score as Lucene
    /// computed it (not as clamped for the hit), for a date sort its place in the date order.</summary>
    public static long CursorKey(SearchSort sort, float score, DateOnly? date) =>
        sort == SearchSort.Relevance ? BitConverter.SingleToInt32Bits(score) : DateKey(sort, date);

    /// <summary>The position Lucene's <c>SearchAfter</c> continues from, given a key made by <see cref="CursorKey"/> and the
    /// id's UTF-8 bytes; null when the key cannot have been made for <paramref name="sort"/>.</summary>
    public static FieldDoc? After(SearchSort sort, long key, BytesRef id)
    {
        // A score is kept as its 32 bits; a wider key was not made by CursorKey.
        if (sort == SearchSort.Relevance && key is < int.MinValue or > int.MaxValue)
            return null;
        // Lucene.Net's comparers hold their values as J2N boxes and accept nothing else as the top value.
        object first = sort == SearchSort.Relevance
            ? J2N.Numerics.Single.GetInstance(BitConverter.Int32BitsToSingle((int)key))
            : J2N.Numerics.Int64.GetInstance(key);
        // Doc int.MaxValue: on an exact tie of all sort values Lucene skips docs up to this one, i.e. the hit itself.
        return new FieldDoc(int.MaxValue, float.NaN, [first, id]);
    }

    private static Sort LuceneSort(SearchSort sort)
    {
        var byId = new SortField(IndexSchema.Id, SortFieldType.STRING);
        return sort switch
        {
            SearchSort.Relevance => new Sort(SortField.FIELD_SCORE, byId),
            // Undated documents sort last both ways: the missing value is the far end of the order.
            SearchSort.DateDescending => new Sort(ByDate(reverse: true, missing: DateKey(sort, null)), byId),
            SearchSort.DateAscending => new Sort(ByDate(reverse: false, missing: DateKey(sort, null)), byId),
            _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "Unknown sort."),
        };
    }

    private static SortField ByDate(bool reverse, long missing)
    {
        var byDate = new SortField(IndexSchema.Date, SortFieldType.INT64, reverse);
        byDate.SetMissingValue(missing);
        return byDate;
    }

    /// <summary>The value a date sort orders a document by: its day number, or the far end for undated documents.</summary>
    private static long DateKey(SearchSort sort, DateOnly? date) =>
        date is DateOnly day ? IndexSchema.DateValue(day) : sort == SearchSort.DateDescending ? long.MinValue : long.MaxValue;

    private static (TopDocs Top, bool Partial) CollectByScoreThenId(IndexSearcher searcher, TranslatedQuery translated, int count, TimeSpan? timeout,
        ICollector? alongside)
    {
        var collector = new ScoreThenIdCollector(count);
        bool partial = Run(searcher, translated, With(collector, alongside), timeout);
        return (collector.GetTopDocs(), partial);
    }

    private static ICollector With(ICollector top, ICollector? alongside) => alongside is null ? top : MultiCollector.Wrap(top, alongside);

    /// <summary>Collects until done or until the budget (if any) runs out; true when it ran out (the collector holds what was
    /// found).</summary>
    private static bool Run(IndexSearcher searcher, TranslatedQuery translated, ICollector collector, TimeSpan? budget)
    {
        if (budget is null)
        {
            searcher.Search(translated.Query, translated.Filter, collector);
            return false;
        }
        return RunWithin(searcher, translated, collector, budget.Value);
    }

    private static bool RunWithin(IndexSearcher searcher, TranslatedQuery translated, ICollector collector, TimeSpan budget)
    {
        var limited = new TimeLimitingCollector(collector, TimeLimitingCollector.GlobalCounter, Math.Max(1, (long)budget.TotalMilliseconds));
        try
        {
            searcher.Search(translated.Query, translated.Filter, limited);
            return false;
        }
        catch (TimeLimitingCollector.TimeExceededException)
        {
            return true;
        }
    }
}
