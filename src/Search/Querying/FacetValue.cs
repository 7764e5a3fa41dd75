namespace Search;

/// <summary>One value of a facet and how many hits hold it: a tag value, or a date bucket labelled <c>2021</c>,
/// <c>2021-08</c> or <c>2021-08-14</c>.</summary>
/// <param name="Value">The tag value as indexed (case kept), or the date bucket's label.</param>
/// <param name="Count">How many hits of the query hold the value (for a date bucket, are dated in it); 0 only for a date
/// bucket between two non-empty ones.</param>
public sealed record FacetValue(string Value, long Count);
