using System.Diagnostics;
using Lucene.Net.Documents;
using Lucene.Net.Search;
using Search.Highlighting;
using Search.Indexing;

namespace Search.Querying;

/// <summary>Runs a <see cref="SearchRequest"/> on one searcher snapshot: query, filter, sort, page, stored
/// fields and highlighting.</summary>
internal sealed class SearchExecutor(IndexStore store, SearchIndexOptions options)
{
    private readonly QueryTranslator _translator = new(store.Analyzer, options);

    public SearchResults Execute(SearchRequest request)
    {
        long started = Stopwatch.GetTimestamp();
        ArgumentNullException.ThrowIfNull(request);
        request.Validate(options.MaxResultWindow);
        TranslatedQuery translated = _translator.Translate(request);
        FieldDoc? after = request.After is null ? null : SearchCursor.Decode(request.After, request.Sort);
        int window = request.Offset + request.Size;

        using SearcherLease lease = store.Lease();
        IndexSearcher searcher = lease.Searcher;
        TopDocs top;
        bool partial;
        try
        {
            // One more than the page: whether it exists decides if there is a next page.
            (top, partial) = Collect(searcher, translated, request.Sort, after, window + 1, request.Timeout);
        }
        catch (TermExpansionException e)
        {
            throw QueryTranslator.ExpansionError(request.Query, e);
        }

        ScoreDoc[] found = top.ScoreDocs;
        int pageEnd = Math.Min(found.Length, window);
        // Hits cut short by the time budget are shown without highlights: the budget is spent.
        HitHighlighter? highlighter = request.Highlight is null || partial ? null : new HitHighlighter(translated.Query, store.Analyzer, request.Highlight);
        var reader = new HitReader(searcher, withBody: highlighter is not null);
        var deadline = new Deadline(started, request.Timeout);
        var hits = new List<SearchHit>(Math.Max(0, pageEnd - request.Offset));
        for (int i = request.Offset; i < pageEnd; i++)
        {
            (SearchHit hit, bool highlighted) = ToHit(reader, found[i], highlighter, request.Highlight, deadline);
            hits.Add(hit);
            if (highlighter is not null && !highlighted)
            {
                // Out of time: the remaining hits come without highlights, and so without the body only highlighting reads.
                partial = true;
                highlighter = null;
                reader = new HitReader(searcher, withBody: false);
            }
        }

        // The cursor keeps the score as Lucene compares it, not as clamped for the hit.
        string? next = found.Length > window && hits.Count > 0 ? SearchCursor.Encode(request.Sort, hits[^1], found[pageEnd - 1].Score) : null;
        return new SearchResults
        {
            TotalHits = top.TotalHits,
            Hits = hits,
            Next = next,
            IsPartial = partial,
            Took = Stopwatch.GetElapsedTime(started),
        };
    }

    /// <summary>The date of the first dated document in <paramref name="sort"/> order, or null when none has a date.</summary>
    public static DateOnly? FirstDate(IndexSearcher searcher, SearchSort sort)
    {
        TopDocs top = searcher.Search(DateTerms.Range(null, null), null, 1, SortFor(sort));
        return top.ScoreDocs.Length == 0 ? null : IndexSchema.DateOf(searcher.Doc(top.ScoreDocs[0].Doc, IndexSchema.DateFields));
    }

    /// <summary>The top <paramref name="count"/> hits in (sort value, id) order. For relevance without a cursor it runs
    /// Lucene's plain top-score collector and puts equal scores in id order afterwards, which is much cheaper than
    /// sorting every collected hit by score then id; when a tie reaches past the collected hits, or the query's hits
    /// fall into a few score groups anyway (prefix, wildcard, match-all), it collects by score then id directly.</summary>
    private static (TopDocs Top, bool Partial) Collect(IndexSearcher searcher, TranslatedQuery translated, SearchSort sort, FieldDoc? after, int count, TimeSpan? timeout)
    {
        Query query = translated.Query;
        Filter? filter = translated.Filter;
        if (sort == SearchSort.Relevance && after is null && QueryTree.IsConstantScoring(query))
            return CollectByScoreThenId(searcher, translated, count, timeout);
        if (sort == SearchSort.Relevance && after is null)
        {
            int collect = count + RelevanceTies.Slack;
            TopDocs byScore;
            bool partial = false;
            if (timeout is null)
            {
                byScore = searcher.Search(query, filter, collect);
            }
            else
            {
                TopScoreDocCollector collector = TopScoreDocCollector.Create(collect, docsScoredInOrder: false);
                partial = RunWithin(searcher, translated, collector, timeout.Value);
                byScore = collector.GetTopDocs();
            }
            ScoreDoc[]? ordered = partial
                ? byScore.ScoreDocs[..Math.Min(count, byScore.ScoreDocs.Length)]
                : RelevanceTies.TryOrderById(searcher, byScore.ScoreDocs, count - 1, complete: byScore.ScoreDocs.Length < collect);
            return ordered is not null
                ? (new TopDocs(byScore.TotalHits, ordered, byScore.MaxScore), partial)
                : CollectByScoreThenId(searcher, translated, count, timeout);
        }

        Sort order = SortFor(sort);
        if (timeout is null)
        {
            return (after is null
                ? searcher.Search(query, filter, count, order, true, false)
                : searcher.SearchAfter(after, query, filter, count, order, true, false), false);
        }
        TopFieldCollector sorted = TopFieldCollector.Create(order, count, after, fillFields: true, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: false);
        bool sortedPartial = RunWithin(searcher, translated, sorted, timeout.Value);
        return (sorted.GetTopDocs(), sortedPartial);
    }

    private static (TopDocs Top, bool Partial) CollectByScoreThenId(IndexSearcher searcher, TranslatedQuery translated, int count, TimeSpan? timeout)
    {
        var collector = new ScoreThenIdCollector(count);
        bool partial = false;
        if (timeout is null)
            searcher.Search(translated.Query, translated.Filter, collector);
        else
            partial = RunWithin(searcher, translated, collector, timeout.Value);
        return (collector.GetTopDocs(), partial);
    }

    /// <summary>Collects until done or until the budget runs out; true when it ran out (the collector holds what was found).</summary>
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

    /// <summary>The value a date sort orders a document by: its day number, or the far end for undated documents.</summary>
    public static long DateSortKey(SearchSort sort, DateOnly? date) =>
        date is DateOnly day ? IndexSchema.DateValue(day) : sort == SearchSort.DateDescending ? long.MinValue : long.MaxValue;

    /// <summary>The hit, and whether it was highlighted (false when there is no highlighter, or the deadline passed).</summary>
    private static (SearchHit Hit, bool Highlighted) ToHit(HitReader reader, ScoreDoc scoreDoc, HitHighlighter? highlighter, HighlightOptions? requested, Deadline deadline)
    {
        (SeedDocument document, string? path) = reader.Read(scoreDoc.Doc);
        HighlightedText? highlighted = highlighter?.Highlight(document.Title, document.Body, deadline);
        return (new SearchHit
        {
            Id = document.Id,
            Score = FiniteScore(scoreDoc.Score),
            Date = document.Date,
            Title = document.Title,
            HighlightedTitle = highlighted?.Title ?? (requested is null ? null : HitHighlighter.Unmarked(document.Title, requested)),
            Snippets = highlighted?.Snippets ?? [],
            Matches = highlighted?.Matches ?? [],
            Path = path,
        }, highlighted is not null);
    }

    /// <summary>The score as <see cref="SearchHit.Score"/> promises it: a finite number. The query guard keeps boosts
    /// small enough that this never changes a score; it is the last line of defence.</summary>
    public static float FiniteScore(float score) => float.IsNaN(score) ? 0f : Math.Clamp(score, -float.MaxValue, float.MaxValue);

    private static Sort SortFor(SearchSort sort)
    {
        var byId = new SortField(IndexSchema.Id, SortFieldType.STRING);
        return sort switch
        {
            SearchSort.Relevance => new Sort(SortField.FIELD_SCORE, byId),
            // Undated documents sort last both ways: the missing value is the far end of the order.
            SearchSort.DateDescending => new Sort(ByDate(reverse: true, missing: DateSortKey(sort, null)), byId),
            SearchSort.DateAscending => new Sort(ByDate(reverse: false, missing: DateSortKey(sort, null)), byId),
            _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "Unknown sort."),
        };
    }

    private static SortField ByDate(bool reverse, long missing)
    {
        var byDate = new SortField(IndexSchema.Date, SortFieldType.INT64, reverse);
        byDate.SetMissingValue(missing);
        return byDate;
    }
}
