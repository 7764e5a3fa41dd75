using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Search.Highlighting;
using Search.Indexing;

namespace Search.Querying;

/// <summary>Runs a <see cref="SearchRequest"/> on one searcher snapshot: query, filter, sort, page, stored
/// fields and highlighting. A shard of a sharded index runs the same two halves apart: <see cref="Query"/> finds the
/// window's hits by sort key and id, and <see cref="Fetch"/> reads and highlights those of the final page it holds.</summary>
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
        Found found = Find(searcher, request, similarWords: null);
        ScoreDoc[] hits = found.Top.ScoreDocs;
        int window = request.Offset + request.Size;
        int pageEnd = Math.Min(hits.Length, window);
        var deadline = new Deadline(started, request.Timeout);
        (List<SearchHit> page, bool partial) = Read(searcher, found.Translated.Query, request, hits.Length > request.Offset ? hits[request.Offset..pageEnd] : [],
            highlight: !found.Partial, deadline);

        // The cursor keeps the score as Lucene compares it, not as clamped for the hit.
        string? next = hits.Length > window && page.Count > 0 ? SearchCursor.Encode(request.Sort, page[^1], hits[pageEnd - 1].Score) : null;
        return new SearchResults
        {
            TotalHits = found.Top.TotalHits,
            Hits = page,
            Next = next,
            IsPartial = found.Partial || partial,
            DroppedStopWords = found.Translated.DroppedStopWords,
            Suggestion = found.Suggestion,
            Facets = found.Facets?.Results(request.FacetSize) ?? SearchResults.NoFacets,
            Took = Stopwatch.GetElapsedTime(started),
        };
    }

    /// <summary>The query half on a shard: the top <c>Offset + Size + 1</c> hits of <paramref name="searcher"/> (the shard's
    /// snapshot seen with the collection's statistics) as ids and sort keys, with the total, the raw facet counts, the
    /// suggestion and the dropped stop words.</summary>
    public ShardPage Query(IndexSearcher searcher, SearchRequest request, IReadOnlyList<SimilarWord>? similarWords)
    {
        request.Validate(options.MaxResultWindow);
        Found found = Find(searcher, request, similarWords);
        IList<AtomicReaderContext> leaves = searcher.IndexReader.Leaves;
        var scratch = new BytesRef();
        var hits = new List<ShardHit>(found.Top.ScoreDocs.Length);
        foreach (ScoreDoc hit in found.Top.ScoreDocs)
        {
            AtomicReaderContext leaf = leaves[ReaderUtil.SubIndex(hit.Doc, leaves)];
            AtomicReader reader = leaf.AtomicReader;
            int local = hit.Doc - leaf.DocBase;
            reader.GetSortedDocValues(IndexSchema.Id).Get(local, scratch);
            DateOnly? date = reader.GetDocsWithField(IndexSchema.Date) is { } dated && dated.Get(local)
                ? IndexSchema.DateOf(reader.GetNumericDocValues(IndexSchema.Date).Get(local))
                : null;
            hits.Add(new ShardHit(scratch.Utf8ToString(), hit.Score, date));
        }
        return new ShardPage(found.Top.TotalHits, hits, found.Partial, found.Translated.DroppedStopWords, found.Suggestion, found.Facets?.Counts());
    }

    /// <summary>The fetch half on a shard: the hits <paramref name="page"/> names (ids with the scores the query half gave
    /// them), read and highlighted in that order; an id no longer in the snapshot is left out. Partial when the deadline
    /// passed before every hit was highlighted.</summary>
    public (List<SearchHit> Hits, bool Partial) Fetch(IndexSearcher searcher, SearchRequest request, IReadOnlyList<SimilarWord>? similarWords,
        IReadOnlyList<ShardHit> page, bool highlight, Deadline deadline)
    {
        TranslatedQuery translated = Translate(searcher, request, similarWords, out _);
        var docs = new List<ScoreDoc>(page.Count);
        foreach (ShardHit hit in page)
        {
            TopDocs byId = searcher.Search(new TermQuery(IndexSchema.IdTerm(hit.Id)), 1);
            if (byId.ScoreDocs.Length > 0)
                docs.Add(new ScoreDoc(byId.ScoreDocs[0].Doc, hit.Score));
        }
        return Read(searcher, translated.Query, request, [.. docs], highlight, deadline);
    }

    /// <summary>The query read, its hits collected: everything of a search but reading the page.</summary>
    private Found Find(IndexSearcher searcher, SearchRequest request, IReadOnlyList<SimilarWord>? similarWords)
    {
        TranslatedQuery translated = Translate(searcher, request, similarWords, out Spelling spelling);
        FieldDoc? after = request.After is null ? null : SearchCursor.Decode(request.After, request.Sort);
        int window = request.Offset + request.Size;
        FacetCounter? facets = request.Facets.Count > 0 ? new FacetCounter(request.Facets) : null;
        try
        {
            // One more than the page: whether it exists decides if there is a next page. Facets count in the same pass.
            (TopDocs top, bool partial) = HitOrder.Collect(searcher, translated, request.Sort, after, window + 1, request.Timeout, facets);
            return new Found(translated, top, partial, facets, DidYouMean.For(_translator.SearchedText(request), spelling));
        }
        catch (TermExpansionException e)
        {
            throw QueryTranslator.ExpansionError(request.Query, e);
        }
    }

    private TranslatedQuery Translate(IndexSearcher searcher, SearchRequest request, IReadOnlyList<SimilarWord>? similarWords, out Spelling spelling)
    {
        // Typo tolerance and did-you-mean read the words of this snapshot, each word once.
        spelling = new Spelling(searcher.IndexReader, store.Analyzer);
        try
        {
            return _translator.Translate(request, new TypoContext(spelling, searcher.TopReaderContext), searcher, similarWords);
        }
        catch (TermExpansionException e)
        {
            throw QueryTranslator.ExpansionError(request.Query, e);
        }
    }

    /// <summary>Reads the hits of a page, highlighting them (when asked and <paramref name="highlight"/>) until the deadline;
    /// partial when it passed first.</summary>
    private (List<SearchHit> Hits, bool Partial) Read(IndexSearcher searcher, Query query, SearchRequest request, ScoreDoc[] page, bool highlight,
        Deadline deadline)
    {
        bool partial = false;
        // Hits cut short by the time budget are shown without highlights: the budget is spent.
        HitHighlighter? highlighter = request.Highlight is null || !highlight || page.Length == 0
            ? null
            : new HitHighlighter(HighlightQuery.For(query, searcher.IndexReader, HighlightedFields, [.. page.Select(hit => hit.Doc)], deadline),
                store.Analyzer, request.Highlight);
        var reader = new HitReader(searcher, withBody: highlighter is not null);
        var hits = new List<SearchHit>(page.Length);
        foreach (ScoreDoc scoreDoc in page)
        {
            (SearchHit hit, bool highlighted) = ToHit(reader, scoreDoc, highlighter, request.Highlight, deadline);
            hits.Add(hit);
            if (highlighter is not null && !highlighted)
            {
                // Out of time: the remaining hits come without highlights, and so without the body only highlighting reads.
                partial = true;
                highlighter = null;
                reader = new HitReader(searcher, withBody: false);
            }
        }
        return (hits, partial);
    }

    private sealed record Found(TranslatedQuery Translated, TopDocs Top, bool Partial, FacetCounter? Facets, string? Suggestion);

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

/// <summary>A hit as the query half of a shard gives it: the id, the score as Lucene computed it, and the date (the sort
/// keys of every order).</summary>
internal sealed record ShardHit(string Id, float Score, DateOnly? Date);

/// <summary>What the query half of a shard found: the total, the window's hits in order, whether its time ran out, and
/// what every shard computes alike (dropped stop words, suggestion) or adds up (facet counts).</summary>
internal sealed record ShardPage(long TotalHits, IReadOnlyList<ShardHit> Hits, bool IsPartial, IReadOnlyList<string> DroppedStopWords,
    string? Suggestion, FacetCounts? Facets);
