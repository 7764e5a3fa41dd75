using Lucene.Net.Analysis;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Search.Indexing;

namespace Search.Querying;

/// <summary>
/// Lucene's classic multi-field parser with this library's rules: known fields only (case-insensitive),
/// dates read into numeric ranges, no regular expressions, leading wildcards as configured, bounded
/// expansions, invariant culture. Not thread-safe, like its base: make one per query.
/// </summary>
internal sealed class LuceneSyntaxParser : MultiFieldQueryParser
{
    private static readonly string[] KnownFields = [IndexSchema.Title, IndexSchema.Body, IndexSchema.Date, IndexSchema.Id];

    public LuceneSyntaxParser(Analyzer analyzer, IDictionary<string, float> boosts, SearchIndexOptions options)
        : base(LuceneVersion.LUCENE_48, IndexSchema.SearchableFields, analyzer, boosts)
    {
        Locale = System.Globalization.CultureInfo.InvariantCulture;
        TimeZone = TimeZoneInfo.Utc;
        AllowLeadingWildcard = options.AllowLeadingWildcard;
        DefaultOperator = OR_OPERATOR;
        MultiTermRewriteMethod = new BoundedExpansion(options.MaxTermExpansions);
    }

    protected override Query GetFieldQuery(string field, string queryText, bool quoted)
    {
        field = Known(field, queryText);
        if (field == IndexSchema.Date)
        {
            return DateTerms.ForTerm(queryText)
                ?? throw new FieldTermException(field, queryText, $"'{queryText}' is not a date; write dates as {DateTerms.Form}.");
        }
        return base.GetFieldQuery(field, queryText, quoted);
    }

    // Quoted terms arrive here: date:"2021-08-14" is a date like date:2021-08-14.
    protected override Query GetFieldQuery(string field, string queryText, int slop)
    {
        field = Known(field, queryText);
        return field == IndexSchema.Date
            ? GetFieldQuery(field, queryText, quoted: true)
            : base.GetFieldQuery(field, queryText, slop);
    }

    protected override Query GetRangeQuery(string field, string part1, string part2, bool startInclusive, bool endInclusive)
    {
        field = Known(field, part1);
        if (field != IndexSchema.Date)
            return base.GetRangeQuery(field, part1, part2, startInclusive, endInclusive);
        return DateTerms.ForRange(part1, part2, startInclusive, endInclusive, out string? bad)
            ?? throw new FieldTermException(field, bad ?? part1, $"'{bad}' is not a date; write date ranges as date:[2021-01-01 TO 2021-12-31].");
    }

    protected override Query GetPrefixQuery(string field, string termStr) =>
        base.GetPrefixQuery(NotDate(Known(field, termStr), termStr), termStr);

    protected override Query GetWildcardQuery(string field, string termStr)
    {
        field = NotDate(Known(field, termStr), termStr);
        if (!AllowLeadingWildcard && termStr.Length > 0 && termStr[0] is '*' or '?')
        {
            throw new FieldTermException(field, termStr,
                $"'{termStr}' starts with a wildcard, which would scan every word in the index; leading wildcards are turned off.");
        }
        return base.GetWildcardQuery(field, termStr);
    }

    protected override Query GetFuzzyQuery(string field, string termStr, float minSimilarity) =>
        base.GetFuzzyQuery(NotDate(Known(field, termStr), termStr), termStr, minSimilarity);

    protected override Query GetRegexpQuery(string field, string termStr) =>
        throw new FieldTermException(field ?? string.Empty, termStr, "Regular expressions are not supported.");

    private static string Known(string? field, string text)
    {
        if (field is null)
            return null!; // the multi-field base expands a missing field over title and body
        foreach (string known in KnownFields)
        {
            if (string.Equals(field, known, StringComparison.OrdinalIgnoreCase))
                return known;
        }
        throw new FieldTermException(field, text,
            $"Unknown field '{field}'; the fields are title, body, date and id. To search for a colon, put the text in quotes or escape it as '\\:'.");
    }

    private static string NotDate(string field, string text) => field != IndexSchema.Date
        ? field
        : throw new FieldTermException(field, text, $"date: takes a date or a range, not '{text}'; write dates as {DateTerms.Form}.");
}

/// <summary>A problem with one field-qualified term, found while parsing; its position is found by the caller.</summary>
internal sealed class FieldTermException(string field, string term, string message) : Exception(message)
{
    public string Field { get; } = field;

    public string Term { get; } = term;
}
