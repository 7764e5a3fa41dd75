using System.Diagnostics;
using System.Globalization;
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
        Validate(request);
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
            (top, partial) = HitOrder.Collect(searcher, translated, request.Sort, after, window + 1, request.Timeout);
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

    private void Validate(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Query, nameof(request));
        int maxWindow = options.MaxResultWindow;
        if (request.Size < 0 || request.Size > maxWindow)
            throw OutOfRange(nameof(request), request.Size, $"Size must be between 0 and {maxWindow:N0}.");
        if (request.Offset < 0)
            throw OutOfRange(nameof(request), request.Offset, $"Offset must not be negative.");
        if ((long)request.Offset + request.Size > maxWindow)
            throw OutOfRange(nameof(request), request.Offset, $"Offset + Size must not pass {maxWindow:N0} (SearchIndexOptions.MaxResultWindow); page deeper with the After cursor.");
        if (request.After is not null && request.Offset > 0)
            throw new ArgumentException("Use either Offset or After to page, not both.", nameof(request));
        if (request.DateFrom > request.DateTo)
            throw new ArgumentException($"DateFrom ({request.DateFrom:yyyy-MM-dd}) is after DateTo ({request.DateTo:yyyy-MM-dd}).", nameof(request));
        if (!Enum.IsDefined(request.Sort))
            throw OutOfRange(nameof(request), (int)request.Sort, $"Sort is not a SearchSort value.");
        if (!Enum.IsDefined(request.Syntax))
            throw OutOfRange(nameof(request), (int)request.Syntax, $"Syntax is not a QuerySyntax value.");
        if (request.Highlight is { } highlight)
        {
            ArgumentNullException.ThrowIfNull(highlight.PreTag, nameof(request));
            ArgumentNullException.ThrowIfNull(highlight.PostTag, nameof(request));
            if (highlight.Fragments is < 0 or > HighlightOptions.MaxFragments)
                throw OutOfRange(nameof(request), highlight.Fragments, $"Highlight.Fragments must be between 0 and {HighlightOptions.MaxFragments}.");
            if (highlight.FragmentSize is < HighlightOptions.MinFragmentSize or > HighlightOptions.MaxFragmentSize)
            {
                throw OutOfRange(nameof(request), highlight.FragmentSize,
                    $"Highlight.FragmentSize must be between {HighlightOptions.MinFragmentSize} and {HighlightOptions.MaxFragmentSize:N0}.");
            }
        }
    }

    private static ArgumentOutOfRangeException OutOfRange(string paramName, int value, FormattableString message) =>
        new(paramName, value, message.ToString(CultureInfo.InvariantCulture));
}
