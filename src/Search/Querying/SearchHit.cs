namespace Search;

/// <summary>One matching document.</summary>
public sealed record SearchHit
{
    /// <summary>The document id.</summary>
    public required string Id { get; init; }

    /// <summary>The BM25 relevance score (higher is better), also when sorted by date. Always a finite number: boosts are
    /// limited so that scores stay finite, and a score that still overflowed would be given as <see cref="float.MaxValue"/>
    /// (one that is not a number as 0).</summary>
    public required float Score { get; init; }

    /// <summary>The document's date, if it has one.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The title as stored, plain text.</summary>
    public required string Title { get; init; }

    /// <summary>The whole title with matches wrapped in the tags (HTML-encoded unless turned off), or <see langword="null"/>
    /// when the request asked for no highlighting. When its <see cref="SearchRequest.Timeout"/> ran out before this hit was
    /// highlighted, the title encoded the same way but without tags, so a page can show it as it shows the others.</summary>
    public string? HighlightedTitle { get; init; }

    /// <summary>Body fragments with matches wrapped in the tags, in text order. When nothing matched in the body,
    /// one leading fragment. Empty when the hit is not highlighted (see <see cref="HighlightedTitle"/>).</summary>
    public IReadOnlyList<string> Snippets { get; init; } = [];

    /// <summary>Every match in the title and body as offsets into the original text, in field then text order.
    /// Adjacent matched words of a phrase form one match. Empty when the hit is not highlighted (see
    /// <see cref="HighlightedTitle"/>).</summary>
    public IReadOnlyList<HighlightMatch> Matches { get; init; } = [];

    /// <summary>The file the document was indexed from, or <see langword="null"/> when it was upserted directly.</summary>
    public string? Path { get; init; }
}
