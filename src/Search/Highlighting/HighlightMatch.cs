namespace Search;

/// <summary>Where a query matched a hit, for callers that render highlights their own way.</summary>
/// <param name="Field"><c>"title"</c> or <c>"body"</c>.</param>
/// <param name="Start">The UTF-16 offset of the first character of the match in the original field text.</param>
/// <param name="End">The UTF-16 offset just past the match (exclusive).</param>
public sealed record HighlightMatch(string Field, int Start, int End)
{
    /// <summary>The field name of matches in the title.</summary>
    public const string TitleField = "title";

    /// <summary>The field name of matches in the body.</summary>
    public const string BodyField = "body";
}
