namespace Search;

/// <summary>One news article: the unit the index stores and search returns.</summary>
/// <param name="Id">The document's stable identity. For files, the path relative to the indexed
/// folder without extension, with <c>/</c> separators (e.g. <c>2021/000_ef606cd905d48908</c>).</param>
/// <param name="Title">The headline; may be empty.</param>
/// <param name="Body">The text after the header, paragraphs separated by blank lines.</param>
/// <param name="Date">The publication date from the header, or <see langword="null"/> when the header has none.</param>
/// <remarks>Positional, unlike the results, because callers build documents to upsert. Two documents are equal when every
/// property is.</remarks>
public sealed record SeedDocument(string Id, string Title, string Body, DateOnly? Date = null);
