namespace Search;

/// <summary>A file that could not be indexed.</summary>
/// <param name="Id">The id the document would have had.</param>
/// <param name="Path">The file.</param>
/// <param name="Message">Why, as a sentence a person can act on.</param>
public sealed record IndexFailure(string Id, string Path, string Message);
