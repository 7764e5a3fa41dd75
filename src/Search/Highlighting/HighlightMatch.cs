namespace Search;

/// <summary>Where a query matched a hit, for callers that render highlights their own way.</summary>
/// <remarks>Two matches are equal when every property is.</remarks>
public sealed record HighlightMatch
{
    /// <summary>The field name of matches in the title.</summary>
    public const string TitleField = "title";

    /// <summary>The field name of matches in the body.</summary>
    public const string BodyField = "body";

    /// <summary><see cref="TitleField"/> or <see cref="BodyField"/>.</summary>
    public required string Field { get; init; }

    /// <summary>The UTF-16 offset of the first character of the match in the original field text.</summary>
    public required int Start { get; init; }

    /// <summary>The UTF-16 offset just past the match (exclusive).</summary>
    public required int End { get; init; }
}
