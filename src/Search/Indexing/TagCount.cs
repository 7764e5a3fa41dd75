namespace Search;

/// <summary>A tag name and how many documents hold it, as <see cref="IndexStats.Tags"/> lists them.</summary>
/// <param name="Name">The tag name, as in <see cref="SeedDocument.Tags"/>.</param>
/// <param name="Documents">The searchable documents that hold at least one value of the tag.</param>
public sealed record TagCount(string Name, long Documents);
