using Lucene.Net.Analysis;
using Lucene.Net.QueryParsers.Simple;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Search.Indexing;

namespace Search.Querying;

/// <summary>
/// Lucene's simple parser, with words and phrases scored by their best field, prefix and fuzzy terms folded and
/// lower-cased like the index's words (the base leaves them as typed, so <c>Kab*</c> or <c>Zür*</c> would never match)
/// and prefix expansion capped at the top terms instead of failing: this syntax is for untrusted input and never raises.
/// With <paramref name="typos"/>, a doubtful word also matches its corrections (<see cref="TypoTolerance.Auto"/>); fuzzy
/// terms are analysed like words, so <c>word~</c> matches at least what <c>word</c> matches.
/// </summary>
internal sealed class SimpleSyntaxParser(Analyzer analyzer, IDictionary<string, float> weights, int maxExpansions, TypoContext? typos)
    : SimpleQueryParser(analyzer, weights)
{
    /// <summary>The last word's text and query, for <see cref="AsYouType"/>.</summary>
    private (string Text, Query Query)? _lastWord;

    // Words and phrases score their best field plus a fraction of the others (see Ranking.FieldTieBreaker).
    protected override Query NewDefaultQuery(string text)
    {
        Query? exact = BestFields(field => CreateBooleanQuery(field, text, DefaultOperator));
        if (exact is not null && typos is not null && typos.Spelling.Check(text) is { } doubtful
            && BestFields(field => TypoQuery.For(typos.Context, field, doubtful)) is { } corrections)
        {
            exact = doubtful.Documents == 0
                ? corrections
                : new BooleanQuery(disableCoord: true) { { exact, Occur.SHOULD }, { corrections, Occur.SHOULD } };
        }
        if (exact is not null)
            _lastWord = (text, exact);
        return exact!;
    }

    /// <summary><paramref name="text"/> with each bare <c>word~</c> written <c>word~2</c>: the Lucene syntax reads a
    /// bare <c>~</c> as two edits, where Lucene's simple parser would ignore it and search the word as typed.</summary>
    public static string WithDefaultFuzziness(string text)
    {
        int at = text.IndexOf('~', StringComparison.Ordinal);
        if (at < 0)
            return text;
        var written = new System.Text.StringBuilder(text.Length + 4);
        int copied = 0;
        for (; at >= 0; at = at + 1 < text.Length ? text.IndexOf('~', at + 1) : -1)
        {
            bool ends = at + 1 == text.Length || text[at + 1] is ' ' or '\t' or '\n' or '\r' or '|' or '+' or ')' or '"';
            bool afterWord = at > 0 && !char.IsWhiteSpace(text[at - 1]) && text[at - 1] is not ('"' or '~' or '(' or '|' or '+' or '-');
            if (!ends || !afterWord || IsEscaped(text, at))
                continue;
            written.Append(text, copied, at + 1 - copied).Append('2');
            copied = at + 1;
        }
        return written.Append(text, copied, text.Length - copied).ToString();
    }

    private static bool IsEscaped(string text, int at)
    {
        int backslashes = 0;
        for (int i = at - 1; i >= 0 && text[i] == '\\'; i--)
            backslashes++;
        return backslashes % 2 == 1;
    }

    /// <summary>Lets the last word of <paramref name="text"/> (the query just parsed) also match as a prefix, when the
    /// query ends with it: a person is still typing it. Changes the parsed query in place.</summary>
    public Query AsYouType(Query parsed, string text)
    {
        if (_lastWord is not (string word, Query query) || !text.EndsWith(word, StringComparison.Ordinal))
            return parsed;
        Query prefix = NewPrefixQuery(word);
        var either = new BooleanQuery(disableCoord: true) { { query, Occur.SHOULD }, { prefix, Occur.SHOULD } };
        return ReplaceScoring(parsed, query, either) ? parsed : ReferenceEquals(parsed, query) ? either : parsed;
    }

    /// <summary>Puts <paramref name="replacement"/> where <paramref name="original"/> is in <paramref name="parent"/>,
    /// unless it is negated there (excluding every word that starts like it would exclude far too much).</summary>
    private static bool ReplaceScoring(Query parent, Query original, Query replacement)
    {
        if (parent is not BooleanQuery group)
            return false;
        foreach (BooleanClause clause in group.Clauses)
        {
            if (ReferenceEquals(clause.Query, original))
            {
                if (clause.Occur == Occur.MUST_NOT)
                    return true;
                clause.Query = replacement;
                return true;
            }
            if (clause.Occur != Occur.MUST_NOT && ReplaceScoring(clause.Query, original, replacement))
                return true;
        }
        return false;
    }

    protected override Query NewPhraseQuery(string text, int slop) =>
        BestFields(field => CreatePhraseQuery(field, text, slop))!;

    private DisjunctionMaxQuery? BestFields(Func<string, Query?> build)
    {
        var best = new DisjunctionMaxQuery(Ranking.FieldTieBreaker);
        foreach ((string field, float weight) in m_weights)
        {
            if (build(field) is { } query)
            {
                query.Boost = weight;
                best.Add(query);
            }
        }
        // A word the analyzer drops entirely (a stop word) matches nothing, as in the base parser.
        return best.Disjuncts.Count == 0 ? null : best;
    }

    protected override Query NewPrefixQuery(string text)
    {
        Query query = base.NewPrefixQuery(Normalized(text));
        var capped = new MultiTermQuery.TopTermsScoringBooleanQueryRewrite(maxExpansions);
        foreach (MultiTermQuery prefix in QueryTree.Leaves(query).OfType<MultiTermQuery>())
            prefix.MultiTermRewriteMethod = capped;
        return query;
    }

    // Analysed as a word is, so that the fuzzy term is compared with the index's stems: flooding~ finds what flooding finds.
    protected override Query NewFuzzyQuery(string text, int fuzziness) =>
        BestFields(field => FuzzyTerms.For(Analyzer, field, Normalized(text), fuzziness))!;

    private static string Normalized(string text) => FoldingEnglishAnalyzer.Fold(text, isPattern: false).ToLowerInvariant();
}

/// <summary>What typo tolerance needs of the snapshot a query runs on: its spelling and its top reader context.</summary>
internal sealed record TypoContext(Spelling Spelling, IndexReaderContext Context);
