using System.Diagnostics;
using Lucene.Net.Search;
using Search.Highlighting;
using Search.Indexing;

namespace Search.Querying;

/// <summary>Runs a <see cref="SearchRequest"/> on one searcher snapshot: query, filter, sort, page, stored
/// fields and highlighting.</summary>
internal sealed class SearchExecutor(IndexStore store, SearchIndexOptions options)
{
    private static readonly string[] HighlightedFields = [IndexSchema.Title, IndexSchema.Body];
    private readonly QueryTranslator _translator = new(store.Analyzer, options);

    public SearchResults Execute(SearchRequest request)
    {
        long started = Stopwatch.GetTimestamp();
        ArgumentNullException.ThrowIfNull(request);
        request.Validate(options.MaxResultWindow);
        using SearcherLease lease = store.Lease();
        IndexSearcher searcher = lease.Searcher;
        // Typo tolerance and did-you-mean read the words of this snapshot, each word once.
        var spelling = new Spelling(searcher.IndexReader, store.Analyzer);
        TranslatedQuery translated = _translator.Translate(request, new TypoContext(spelling, searcher.TopReaderContext), searcher);
        FieldDoc? after = request.After is null ? null : SearchCursor.Decode(request.After, request.Sort);
        int window = request.Offset + request.Size;
        TopDocs top;
        bool partial;
        FacetCounter? facets = request.Facets.Count > 0 ? new FacetCounter(request.Facets) : null;
        try
        {
            // One more than the page: whether it exists decides if there is a next page. Facets count in the same pass.
            (top, partial) = HitOrder.Collect(searcher, translated, request.Sort, after, window + 1, request.Timeout, facets);
        }
        catch (TermExpansionException e)
        {
            throw QueryTranslator.ExpansionError(request.Query, e);
        }

        ScoreDoc[] found = top.ScoreDocs;
        int pageEnd = Math.Min(found.Length, window);
        // Hits cut short by the time budget are shown without highlights: the budget is spent.
        var deadline = new Deadline(started, request.Timeout);
        HitHighlighter? highlighter = request.Highlight is null || partial || pageEnd <= request.Offset
            ? null
            : new HitHighlighter(HighlightQuery.For(translated.Query, searcher.IndexReader, HighlightedFields, [.. found[request.Offset..pageEnd].Select(hit => hit.Doc)], deadline),
                store.Analyzer, request.Highlight);
        var reader = new HitReader(searcher, withBody: highlighter is not null);
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
            DroppedStopWords = translated.DroppedStopWords,
            Suggestion = DidYouMean.For(_translator.SearchedText(request), spelling),
            Facets = facets?.Results(request.FacetSize) ?? SearchResults.NoFacets,
            Took = Stopwatch.GetElapsedTime(started),
        };
    }

    /// <summary>The hit, and whether it was highlighted (false when there is no highlighter, or the deadline passed).</summary>
    private static (SearchHit Hit, bool Highlighted) ToHit(HitReader reader, ScoreDoc scoreDoc, HitHighlighter? highlighter, HighlightOptions? requested, Deadline deadline)
    {
        (SeedDocument document, string? path) = reader.Read(scoreDoc.Doc);
        HighlightedText? highlighted = highlighter?.Highlight(document.Title, document.Body, deadline, scoreDoc.Doc);
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
            Tags = document.Tags,
        }, highlighted is not null);
    }

    /// <summary>The score as <see cref="SearchHit.Score"/> promises it: a finite number. The query guard keeps boosts
    /// small enough that this never changes a score; it is the last line of defence.</summary>
    public static float FiniteScore(float score) => float.IsNaN(score) ? 0f : Math.Clamp(score, -float.MaxValue, float.MaxValue);

}
