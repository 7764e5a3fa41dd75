namespace Search;

/// <summary>How <see cref="SearchRequest.Query"/> is read.</summary>
public enum QuerySyntax
{
    /// <summary>Lucene's classic syntax: <c>AND</c>/<c>OR</c>/<c>NOT</c>, <c>+</c>/<c>-</c>, <c>"phrases"~slop</c>,
    /// <c>prefix*</c>, <c>fuzzy~</c>, <c>title:</c>/<c>body:</c>, boosts and <c>date:[2021-01-01 TO 2021-12-31]</c>.
    /// Mistakes raise <see cref="QuerySyntaxException"/> with the position.</summary>
    Lucene,

    /// <summary>A lenient syntax for untrusted input (<c>+</c> and, <c>|</c> or, <c>-</c> not, <c>"phrase"</c>,
    /// <c>prefix*</c>, <c>fuzzy~N</c>, parentheses). It never fails: what it cannot read it searches as words.</summary>
    Simple,
}
