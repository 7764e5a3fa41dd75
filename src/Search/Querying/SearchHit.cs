namespace Search;

/// <summary>One matching document.</summary>
/// <remarks>Two hits are equal when every property is, <see cref="Snippets"/> and <see cref="Matches"/> element by
/// element, <see cref="Tags"/> by content.</remarks>
public sealed record SearchHit
{
    /// <summary>The document id.</summary>
    public required string Id { get; init; }

    /// <summary>The BM25 relevance score (higher is better), also when sorted by date. Always a finite number: boosts are
    /// limited so that scores stay finite, and a score that still overflowed would be given as <see cref="float.MaxValue"/>
    /// (one that is not a number as 0).</summary>
    public required float Score { get; init; }

    /// <summary>The document's date. Default <see langword="null"/>: the document has none.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The title as stored, plain text.</summary>
    public required string Title { get; init; }

    /// <summary>The whole title with matches wrapped in the tags (HTML-encoded unless turned off). When its
    /// <see cref="SearchRequest.Timeout"/> ran out before this hit was highlighted, the title encoded the same way but
    /// without tags, so a page can show it as it shows the others. Default <see langword="null"/>: the request asked for
    /// no highlighting.</summary>
    public string? HighlightedTitle { get; init; }

    /// <summary>Body fragments with matches wrapped in the tags, in text order: whole sentences where they fit, and
    /// <see cref="HighlightOptions.Ellipsis"/> at a side cut inside a sentence; while fragments are left, every match is
    /// in one. When nothing matched in the body, one leading fragment. Empty when the hit is not highlighted
    /// (see <see cref="HighlightedTitle"/>).</summary>
    public required IReadOnlyList<string> Snippets { get; init; }

    /// <summary>Every match in the title and body as offsets into the original text, in field then text order.
    /// Adjacent matched words of a phrase form one match. Empty when the hit is not highlighted (see
    /// <see cref="HighlightedTitle"/>).</summary>
    public required IReadOnlyList<HighlightMatch> Matches { get; init; }

    /// <summary>The file the document was indexed from. Default <see langword="null"/>: the document was upserted
    /// directly.</summary>
    public string? Path { get; init; }

    /// <summary>The document's tags (<see cref="SeedDocument.Tags"/>), names and values in the order they were given. Default:
    /// empty (the document has none).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Tags { get; init; } = TagRules.None;

    /// <summary>Whether <paramref name="other"/> is the same hit: every property equal, the lists element by element, the
    /// tags by content.</summary>
    public bool Equals(SearchHit? other) =>
        ReferenceEquals(this, other) || (other is not null
            && Id == other.Id && Score.Equals(other.Score) && Date == other.Date && Title == other.Title
            && HighlightedTitle == other.HighlightedTitle && Path == other.Path
            && ListEquality.Equal(Snippets, other.Snippets) && ListEquality.Equal(Matches, other.Matches)
            && ListEquality.Equal(Tags, other.Tags));

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(HashCode.Combine(Id, Score, Date, Title, HighlightedTitle, Path, ListEquality.Hash(Snippets), ListEquality.Hash(Matches)),
            ListEquality.Hash(Tags));
}
