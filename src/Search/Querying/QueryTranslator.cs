using System.Globalization;
using System.Text.RegularExpressions;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Search.Indexing;

namespace Search.Querying;

/// <summary>
/// Turns a <see cref="SearchRequest"/> into the Lucene query and the filter (dates, tags) to run. The one place where
/// parser failures become <see cref="QuerySyntaxException"/>s.
/// </summary>
internal sealed partial class QueryTranslator(Analyzer analyzer, SearchIndexOptions options)
{
    // Every searchable field needs an entry: the multi-field parser throws KeyNotFound on a missing one.
    private static readonly Dictionary<string, float> FieldWeights = new(StringComparer.Ordinal)
    {
        [IndexSchema.Title] = Ranking.TitleBoost,
        [IndexSchema.Body] = 1f,
    };

    /// <summary>The query and filter for <paramref name="request"/>; <paramref name="typos"/> is the snapshot it runs on,
    /// for <see cref="SearchRequest.Typos"/> (null: no typo tolerance), and <paramref name="snapshot"/> the searcher it runs
    /// on, whose tags the Lucene syntax may name as fields and whose source document a <see cref="SearchRequest.SimilarTo"/>
    /// request reads (null: no tags, and no similar-to).</summary>
    public TranslatedQuery Translate(SearchRequest request, TypoContext? typos = null, IndexSearcher? snapshot = null,
        IReadOnlyList<SimilarWord>? similarWords = null)
    {
        ArgumentNullException.ThrowIfNull(request.Query, nameof(request));
        Query? query = request.SimilarTo is { } similarTo
            ? similarWords is not null
                ? SimilarDocuments.Query(similarWords, similarTo, options.SimilarTerms)
                : LikeDocument(similarTo, snapshot ?? throw new ArgumentNullException(nameof(snapshot)))
            : IsMatchAll(request.Query)
                ? new MatchAllDocsQuery()
                : request.Syntax == QuerySyntax.Simple
                    ? ParseSimple(request.Query, request.Typos == TypoTolerance.Auto ? typos : null, request.AsYouType)
                    : ParseLucene(request.Query, snapshot is null ? [] : IndexSchema.TagNames(snapshot.IndexReader));
        Filter? filter = RequestFilter.For(request.DateFrom is null && request.DateTo is null
            ? null
            : DateTerms.Filter(request.DateFrom, request.DateTo), request.Filters);
        if (query is null)
        {
            // Nothing searchable is left (stop words, punctuation): it matches nothing, and the stop words say why.
            return new TranslatedQuery(new BooleanQuery(), filter)
            {
                DroppedStopWords = StopWordsInQuery.Find(SearchedText(request), analyzer, request.Syntax),
            };
        }
        return new TranslatedQuery(query, filter);
    }

    /// <summary>The part of the query text that is searched: the simple syntax reads no further than the length limit.</summary>
    public string SearchedText(SearchRequest request) =>
        request.Syntax == QuerySyntax.Simple ? QueryGuard.SanitizeSimple(request.Query, options) : request.Query;

    /// <summary>The documents like <paramref name="id"/>; an id the snapshot does not hold matches nothing, like any query
    /// without hits.</summary>
    private Query LikeDocument(string id, IndexSearcher snapshot) =>
        SimilarDocuments.Like(snapshot, analyzer, id, options.SimilarTerms) ?? new BooleanQuery();

    private static bool IsMatchAll(string query) => query.AsSpan().Trim() is "" or "*" or "*:*";

    /// <summary>The query, or null when no searchable term is left in it.</summary>
    private Query? ParseLucene(string text, IReadOnlyCollection<string> tagNames)
    {
        QueryGuard.CheckLucene(text, options);
        Query? query;
        try
        {
            query = new LuceneSyntaxParser(text, analyzer, FieldWeights, options, tagNames).Parse();
        }
        catch (ParseException e)
        {
            throw FromParseException(text, e);
        }
        catch (FieldTermException e)
        {
            throw new QuerySyntaxException(text, e.Message, FindTerm(text, e.Field, e.Term), e);
        }
        catch (ClauseLimitException e)
        {
            throw new QuerySyntaxException(text, e.Message, e.Position, e);
        }
        // A query of stop words only ("the") parses to nothing: an empty group (or null). The parser has counted the
        // clauses term by term (ClauseLimitException), so the whole tree needs no second count here.
        return query is null or BooleanQuery { Clauses.Count: 0 } ? null : Negations.Complete(query);
    }

    /// <summary>The query, or null when no searchable term is left in it.</summary>
    private Query? ParseSimple(string text, TypoContext? typos, bool asYouType)
    {
        text = LimitTerms(QueryGuard.SanitizeSimple(text, options));
        try
        {
            var parser = new SimpleSyntaxParser(analyzer, FieldWeights, options.MaxClauses, typos);
            Query? parsed = parser.Parse(SimpleSyntaxParser.WithDefaultFuzziness(text));
            if (parsed is null)
                return null;
            if (asYouType)
                parsed = parser.AsYouType(parsed, text);
            parsed = Negations.CompleteSimple(parsed);
            // Every document but some: there are no query words to be near each other.
            return Negations.IsEverythingBut(parsed) ? parsed : ProximityClauses.AddTo(parsed, analyzer, text);
        }
        catch (BooleanQuery.TooManyClausesException)
        {
            return new BooleanQuery(); // unreachable after LimitTerms, but this syntax must never fail
        }
    }

    /// <summary>Cuts a simple query after as many words as the clause limit allows (each word becomes a clause
    /// per field), so that even one enormous hyphenated "word" cannot exceed it; and after as many terms of the
    /// syntax, because a term the analyzer drops (<c>the*</c>, <c>#*</c>) still becomes a clause.</summary>
    private string LimitTerms(string text)
    {
        int maxWords = Math.Max(1, options.MaxClauses / FieldWeights.Count);
        using TokenStream tokens = analyzer.GetTokenStream(IndexSchema.Body, text);
        IOffsetAttribute offset = tokens.AddAttribute<IOffsetAttribute>();
        tokens.Reset();
        int count = 0;
        int cut = -1;
        while (tokens.IncrementToken())
        {
            if (++count > maxWords)
            {
                cut = offset.StartOffset;
                break;
            }
        }
        tokens.End();
        int termsCut = SimpleTermsCut(text, maxWords);
        if (termsCut >= 0 && (cut < 0 || termsCut < cut))
            cut = termsCut;
        return cut < 0 ? text : text[..cut];
    }

    /// <summary>Where the simple-syntax term after the first <paramref name="maxTerms"/> starts, or -1. Terms are
    /// the runs between the parser's separators (white space, quotes, <c>|</c>, <c>+</c>, parentheses).</summary>
    private static int SimpleTermsCut(string text, int maxTerms)
    {
        int count = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (IsSimpleSeparator(text[i]) || (i > 0 && !IsSimpleSeparator(text[i - 1])))
                continue;
            if (++count > maxTerms)
                return i;
        }
        return -1;
    }

    private static bool IsSimpleSeparator(char c) => c is ' ' or '\t' or '\n' or '\r' or '"' or '|' or '+' or '(' or ')';

    private static QuerySyntaxException FromParseException(string text, ParseException e)
    {
        Exception cause = e.InnerException ?? e;
        switch (cause)
        {
            case BooleanQuery.TooManyClausesException:
                return new QuerySyntaxException(text, string.Create(CultureInfo.InvariantCulture,
                    $"The query has more than {BooleanQuery.MaxClauseCount:N0} clauses in one group."), null, e);
            case ParseException { CurrentToken: { } current }:
                Lucene.Net.QueryParsers.Classic.Token? next = current.Next;
                if (next is null || next.Kind == 0)
                {
                    return string.IsNullOrEmpty(current.Image)
                        ? new QuerySyntaxException(text, "The query is incomplete.", text.Length, e)
                        : new QuerySyntaxException(text, $"The query ends unexpectedly after '{current.Image}' (at position {text.Length}).", text.Length, e);
                }
                return new QuerySyntaxException(text, $"Unexpected '{next.Image}' at position {next.BeginColumn}.", next.BeginColumn, e);
            default:
                // A lexical error reports the column just past the character it could not read.
                Match where = LexicalPosition().Match(cause.Message);
                if (!where.Success)
                    return new QuerySyntaxException(text, "The query cannot be read.", null, e);
                int p = Math.Clamp(int.Parse(where.Groups[1].Value, CultureInfo.InvariantCulture) - 1, 0, Math.Max(0, text.Length - 1));
                string found = p < text.Length ? text[p].ToString() : string.Empty;
                return new QuerySyntaxException(text, $"The query cannot be read at position {p}: '{found}' is not expected there.", p, e);
        }
    }

    /// <summary>The error for a wildcard, prefix or range term that expanded past the limit while searching.</summary>
    public static QuerySyntaxException ExpansionError(string text, TermExpansionException e) =>
        new(text, e.Message, FindTerm(text, null, e.Term.TrimEnd('*')), e);

    /// <summary>Where a field-qualified term appears in the query, for errors found after the parser has moved on.</summary>
    private static int? FindTerm(string text, string? field, string term)
    {
        int termAt = term.Length == 0 ? -1 : text.IndexOf(term, StringComparison.OrdinalIgnoreCase);
        if (field is not null)
        {
            // The field name written before the term ("date:2021 OR date:2021-02-30" points at the second), else the first.
            string prefix = field + ":";
            int fieldAt = termAt > 0 ? text.LastIndexOf(prefix, termAt - 1, StringComparison.OrdinalIgnoreCase) : -1;
            if (fieldAt < 0)
                fieldAt = text.IndexOf(prefix, StringComparison.OrdinalIgnoreCase);
            if (fieldAt >= 0)
                return fieldAt;
        }
        return termAt >= 0 ? termAt : null;
    }

    [GeneratedRegex(@"column (\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex LexicalPosition();
}

/// <summary>The Lucene query to score and the filter (if any) to narrow it without changing scores.</summary>
internal sealed record TranslatedQuery(Query Query, Filter? Filter)
{
    /// <summary>The query's words, when each was a stop word and so nothing searchable was left; otherwise empty.</summary>
    public IReadOnlyList<string> DroppedStopWords { get; init; } = [];
}
