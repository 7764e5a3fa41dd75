namespace Search;

/// <summary>One news article: the unit the index stores and search returns.</summary>
/// <param name="Id">The document's stable identity. For files, the path relative to the indexed
/// folder without extension, with <c>/</c> separators (e.g. <c>2021/000_ef606cd905d48908</c>).</param>
/// <param name="Title">The headline; may be empty.</param>
/// <param name="Body">The text after the header, paragraphs separated by blank lines.</param>
/// <param name="Date">The publication date from the header, or <see langword="null"/> when the header has none.</param>
/// <remarks>Positional, unlike the results, because callers build documents to upsert. Two documents are equal when every
/// property is, <see cref="Tags"/> by content (the same names, each with the same values in the same order).</remarks>
public sealed record SeedDocument(string Id, string Title, string Body, DateOnly? Date = null)
{
    /// <summary>Named keyword values, e.g. <c>["topics"] = ["grain", "wheat"]</c>, <c>["places"] = ["usa"]</c>: searched
    /// exactly (<c>topics:grain</c> in the Lucene syntax), stored and returned in the order given. Names start with a
    /// lower-case ASCII letter, then lower-case letters, digits, <c>_</c> or <c>-</c>, at most 64 characters; <c>id</c>,
    /// <c>title</c>, <c>body</c> and <c>date</c> are reserved. Values are exact (case kept), non-empty strings of at most 256
    /// characters, at most 1,000 values per document in all. Default: empty (no tags).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Tags { get; init; } = TagRules.None;

    /// <summary>Whether <paramref name="other"/> is the same document: every property equal, the tags by content.</summary>
    public bool Equals(SeedDocument? other) =>
        ReferenceEquals(this, other) || (other is not null
            && Id == other.Id && Title == other.Title && Body == other.Body && Date == other.Date
            && ListEquality.Equal(Tags, other.Tags));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Title, Body, Date, ListEquality.Hash(Tags));
}
