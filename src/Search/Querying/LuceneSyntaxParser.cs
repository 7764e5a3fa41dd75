using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Search.Indexing;

namespace Search.Querying;

/// <summary>
/// Lucene's classic multi-field parser with this library's rules: known fields only (case-insensitive), the tags of the
/// index as fields of exact values (<c>topics:grain</c>: not analysed, not lower-cased, also in prefixes, wildcards and
/// ranges), dates read into numeric ranges, no regular expressions, leading wildcards as configured, bounded
/// expansions, invariant culture. Not thread-safe, like its base: make one per query.
/// </summary>
internal sealed class LuceneSyntaxParser : MultiFieldQueryParser
{
    private static readonly string[] KnownFields = [IndexSchema.Title, IndexSchema.Body, IndexSchema.Date, IndexSchema.Id];

    private readonly string _text;
    private readonly IReadOnlyCollection<string> _tagNames;
    private readonly int _maxClauses;
    private int _clauses;
    private int _nesting;

    /// <summary>A parser for <paramref name="text"/>, which <see cref="Parse()"/> then reads; <paramref name="tagNames"/> are the
    /// tags of the snapshot the query runs on, which it may name as fields.</summary>
    public LuceneSyntaxParser(string text, Analyzer analyzer, IDictionary<string, float> boosts, SearchIndexOptions options,
        IReadOnlyCollection<string> tagNames)
        : base(LuceneVersion.LUCENE_48, IndexSchema.SearchableFields, analyzer, boosts)
    {
        _text = text;
        _tagNames = tagNames;
        _maxClauses = options.MaxClauses;
        Locale = System.Globalization.CultureInfo.InvariantCulture;
        TimeZone = TimeZoneInfo.Utc;
        AllowLeadingWildcard = options.AllowLeadingWildcard;
        DefaultOperator = OR_OPERATOR;
        MultiTermRewriteMethod = new BoundedExpansion(options.MaxTermExpansions);
    }

    protected override Query GetFieldQuery(string field, string queryText, bool quoted) => Counted(queryText, () =>
    {
        field = Known(field, queryText);
        if (field == IndexSchema.Date)
        {
            return DateTerms.ForTerm(queryText)
                ?? throw new FieldTermException(field, queryText, $"'{queryText}' is not a date; write dates as {DateTerms.Form}.");
        }
        return base.GetFieldQuery(field, queryText, quoted);
    });

    // Quoted terms arrive here: date:"2021-08-14" is a date like date:2021-08-14.
    protected override Query GetFieldQuery(string field, string queryText, int slop) => Counted(queryText, () =>
    {
        field = Known(field, queryText);
        return field == IndexSchema.Date
            ? GetFieldQuery(field, queryText, quoted: true)
            : base.GetFieldQuery(field, queryText, slop);
    });

    protected override Query GetRangeQuery(string field, string part1, string part2, bool startInclusive, bool endInclusive) => Counted(part1 ?? part2, () =>
    {
        field = Known(field, part1 ?? string.Empty); // null for an open start (*)
        if (IsTag(field))
            return NewRangeQuery(field, part1, part2, startInclusive, endInclusive);
        if (field != IndexSchema.Date)
            return base.GetRangeQuery(field, Folded(field, part1, isPattern: false), Folded(field, part2, isPattern: false), startInclusive, endInclusive);
        return DateTerms.ForRange(part1, part2, startInclusive, endInclusive, out string? bad)
            ?? throw new FieldTermException(field, bad ?? part1 ?? string.Empty, $"'{bad}' is not a date; write date ranges as date:[2021-01-01 TO 2021-12-31], with dates from 0001-01-01 to 9999-12-31.");
    });

    protected override Query GetPrefixQuery(string field, string termStr) => Counted(termStr, () =>
    {
        field = NotDate(Known(field, termStr), termStr);
        return IsTag(field)
            ? NewPrefixQuery(new Lucene.Net.Index.Term(field, termStr))
            : base.GetPrefixQuery(field, Folded(field, termStr, isPattern: false));
    });

    protected override Query GetWildcardQuery(string field, string termStr) => Counted(termStr, () =>
    {
        field = NotDate(Known(field, termStr), termStr);
        if (!AllowLeadingWildcard && termStr.Length > 0 && termStr[0] is '*' or '?')
        {
            throw new FieldTermException(field, termStr,
                $"'{termStr}' starts with a wildcard, which would scan every word in the index; leading wildcards are turned off.");
        }
        CheckPatternLength(field, termStr);
        CheckPatternTail(field, termStr);
        return IsTag(field)
            ? NewWildcardQuery(new Lucene.Net.Index.Term(field, termStr))
            : base.GetWildcardQuery(field, Folded(field, termStr, isPattern: true));
    });

    protected override Query GetFuzzyQuery(string field, string termStr, float minSimilarity) => Counted(termStr, () =>
    {
        field = NotDate(Known(field, termStr), termStr);
        CheckPatternLength(field, termStr);
        if (IsTag(field))
            return NewFuzzyQuery(new Lucene.Net.Index.Term(field, termStr), minSimilarity, FuzzyPrefixLength);
        if (field is not (IndexSchema.Title or IndexSchema.Body))
            return base.GetFuzzyQuery(field, termStr, minSimilarity);
        // Edits as Lucene's parser counts them for the term as typed (the old word~0.8 is a share of its length).
        int maxEdits = minSimilarity >= 1f ? (int)Math.Min(minSimilarity, 2f) : (int)((1d - minSimilarity) * termStr.Length);
        // A stop word leaves nothing to match, as the same word without '~' does.
        return FuzzyTerms.For(Analyzer, field, termStr, maxEdits) ?? new BooleanQuery();
    });

    /// <summary>A term the base parser does not analyse, folded as the analyzer folds the text fields' words (the base then
    /// lower-cases it). Ids are not folded; a term without a field comes back here once per text field.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(term))]
    private static string? Folded(string? field, string? term, bool isPattern) =>
        term is not null && field is IndexSchema.Title or IndexSchema.Body ? FoldingEnglishAnalyzer.Fold(term, isPattern) : term;

    /// <summary>Builds one term's query and counts its clauses, so that the term that passes the limit can be named and
    /// pointed at. Lucene calls these hooks in query order, and some call others: only the outermost call counts.</summary>
    private Query Counted(string? term, Func<Query> build)
    {
        _nesting++;
        Query query;
        try
        {
            query = build();
        }
        finally
        {
            _nesting--;
        }
        if (_nesting > 0 || query is null)
            return query!;
        _clauses += QueryTree.Leaves(query).Count();
        // Located only when needed: each search of the query text is linear, and a long query has thousands of terms.
        if (_clauses > _maxClauses)
            throw new ClauseLimitException(_maxClauses, Locate(term));
        return query;
    }

    /// <summary>Where <paramref name="term"/> starts in the query: the parser has just read it, so it is the last
    /// occurrence before the parser's current token ends (the token may be the term or a boost or slop after it).</summary>
    private int? Locate(string? term)
    {
        if (Token is not { } current)
            return null;
        if (string.IsNullOrEmpty(term))
            return current.BeginColumn;
        int end = Math.Clamp(current.EndColumn, 0, _text.Length);
        int at = _text.LastIndexOf(term, end > 0 ? end - 1 : 0, StringComparison.OrdinalIgnoreCase);
        return at >= 0 ? at : current.BeginColumn;
    }

    // Wildcard and fuzzy terms become automata whose construction Lucene 4.8 does not bound. What follows the first '*'
    // decides the cost: "x*a" then k '?' takes time doubling with each '?', and each further character or wildcard
    // (non-ASCII ones most) multiplies it. The limits below keep the worst pattern to a fraction of a second (measured in
    // benchmarks/README.md, "Measurement notes"). No word is longer than the tokenizer's limit, so a longer pattern could
    // match nothing anyway.
    private const int MaxPatternLength = 255;
    private const int MaxQuestionMarksAfterStar = 4;
    private const int MaxWildcardsAfterStar = 8;
    private const int MaxTailAfterStar = 32;

    private static void CheckPatternLength(string field, string termStr)
    {
        if (termStr.Length > MaxPatternLength)
        {
            throw new FieldTermException(field, termStr, string.Create(CultureInfo.InvariantCulture,
                $"The wildcard or fuzzy term starting '{termStr[..20]}…' is {termStr.Length:N0} characters long; no indexed word is longer than {MaxPatternLength}."));
        }
    }

    private static void CheckPatternTail(string field, string termStr)
    {
        int questionMarks = 0, wildcards = 0, tail = -1; // tail < 0: no '*' read yet
        for (int i = 0; i < termStr.Length; i++)
        {
            char c = termStr[i];
            bool escaped = c == '\\' && i + 1 < termStr.Length;
            if (escaped)
                i++; // an escaped character is literal
            if (tail < 0)
            {
                if (!escaped && c == '*')
                    tail = 0;
                continue;
            }
            tail++;
            if (!escaped && c == '?')
                questionMarks++;
            if (!escaped && c is '*' or '?')
                wildcards++;
        }
        string? problem = questionMarks > MaxQuestionMarksAfterStar ? $"more than {MaxQuestionMarksAfterStar} '?'"
            : wildcards > MaxWildcardsAfterStar ? $"more than {MaxWildcardsAfterStar} wildcards"
            : tail > MaxTailAfterStar ? $"more than {MaxTailAfterStar} characters"
            : null;
        if (problem is not null)
        {
            throw new FieldTermException(field, termStr,
                $"'{termStr}' has {problem} after its first '*'; Lucene 4.8 takes very long to build such patterns. Make it simpler.");
        }
    }

    protected override Query GetRegexpQuery(string field, string termStr) =>
        throw new FieldTermException(field ?? string.Empty, termStr, "Regular expressions are not supported.");

    /// <summary>Parses the text given to the constructor.</summary>
    public Query? Parse() => Parse(_text);

    /// <summary>The Lucene field of the field the query names: one of the library's own, or a tag of the index.</summary>
    private string Known(string? field, string text)
    {
        if (field is null)
            return null!; // the multi-field base expands a missing field over title and body
        foreach (string known in KnownFields)
        {
            if (string.Equals(field, known, StringComparison.OrdinalIgnoreCase))
                return known;
        }
        foreach (string tag in _tagNames)
        {
            if (string.Equals(field, tag, StringComparison.OrdinalIgnoreCase))
                return IndexSchema.TagField(tag);
        }
        throw new FieldTermException(field, text,
            $"Unknown field '{field}'; the fields are title, body, date and id{TagList()}. To search for a colon, put the text in quotes or escape it as '\\:'.");
    }

    /// <summary>The tags an unknown field could have been meant as, for its error message.</summary>
    private string TagList()
    {
        const int Shown = 20;
        if (_tagNames.Count == 0)
            return ", and this index has no tags";
        string names = string.Join(", ", _tagNames.Take(Shown));
        return _tagNames.Count > Shown
            ? string.Create(CultureInfo.InvariantCulture, $", and the tags {names} and {_tagNames.Count - Shown:N0} more")
            : $", and the {(_tagNames.Count == 1 ? "tag" : "tags")} {names}";
    }

    // Null for a term without a field, which the multi-field base then expands over title and body.
    private static bool IsTag(string? field) => field is not null && field.StartsWith(IndexSchema.TagFieldPrefix, StringComparison.Ordinal);

    private static string NotDate(string field, string text) => field != IndexSchema.Date
        ? field
        : throw new FieldTermException(field, text, $"date: takes a date or a range, not '{text}'; write dates as {DateTerms.Form}.");
}

/// <summary>A problem with one field-qualified term, found while parsing; its position is found by the caller.</summary>
internal sealed class FieldTermException(string field, string term, string message) : Exception(message)
{
    /// <summary>The field as the query names it (a tag by its name, not its Lucene field).</summary>
    public string Field { get; } = field is not null && field.StartsWith(IndexSchema.TagFieldPrefix, StringComparison.Ordinal)
        ? field[IndexSchema.TagFieldPrefix.Length..]
        : field!; // null for a term without a field

    public string Term { get; } = term;
}

/// <summary>The query holds more clauses than <see cref="SearchIndexOptions.MaxClauses"/>; <see cref="Position"/> is the term
/// that passed the limit.</summary>
internal sealed class ClauseLimitException(int limit, int? position) : Exception(Describe(limit, position))
{
    public int? Position { get; } = position;

    private static string Describe(int limit, int? position) => string.Create(CultureInfo.InvariantCulture,
        $"The query has more than {limit:N0} clauses (a word without a field is searched in both title and body, so it counts twice)") +
        (position is int at ? string.Create(CultureInfo.InvariantCulture, $"; the term at position {at} passes the limit.") : ".");
}
