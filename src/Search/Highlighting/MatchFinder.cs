using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;

namespace Search.Highlighting;

/// <summary>
/// Finds where a query matches a field's text, using Lucene's <see cref="QueryScorer"/>: it re-analyses the
/// text with the index's analyzer and, for phrases, checks positions through span queries, so a phrase marks
/// only its own occurrences. Unlike Lucene's <c>Highlighter</c> it reads the whole text (no 50 KB cut-off)
/// and returns offsets rather than markup.
/// </summary>
internal static class MatchFinder
{
    /// <summary>The matches in <paramref name="text"/> as (start, end) UTF-16 offsets, in order. Matched words
    /// at consecutive positions separated only by white space (a phrase) are joined into one match.</summary>
    public static List<TextSpan> Find(Query query, Analyzer analyzer, string field, string text)
    {
        if (text.Length == 0)
            return [];
        try
        {
            return Scan(query, analyzer, field, text, expandMultiTermQueries: true);
        }
        catch (BooleanQuery.TooManyClausesException)
        {
            // A prefix that matches over a thousand different words in this one text: mark the plain terms only.
            return Scan(query, analyzer, field, text, expandMultiTermQueries: false);
        }
    }

    private static List<TextSpan> Scan(Query query, Analyzer analyzer, string field, string text, bool expandMultiTermQueries)
    {
        var scorer = new QueryScorer(query, field) { ExpandMultiTermQuery = expandMultiTermQueries };
        scorer.SetMaxDocCharsToAnalyze(text.Length);
        var matches = new List<TextSpan>();
        TokenStream tokens = analyzer.GetTokenStream(field, text);
        try
        {
            IOffsetAttribute offset = tokens.AddAttribute<IOffsetAttribute>();
            IPositionIncrementAttribute increment = tokens.AddAttribute<IPositionIncrementAttribute>();
            // Reset before Init, as Lucene's Highlighter does: for phrases Init reads the stream into a
            // MemoryIndex and hands back a caching stream already rewound.
            tokens.Reset();
            tokens = scorer.Init(tokens) ?? tokens;
            scorer.StartFragment(null);
            int position = -1;
            int lastMatchPosition = int.MinValue;
            while (tokens.IncrementToken())
            {
                position += increment.PositionIncrement;
                if (scorer.GetTokenScore() <= 0)
                    continue;
                int start = offset.StartOffset, end = offset.EndOffset;
                if (matches.Count > 0 && lastMatchPosition == position - 1 && IsWhiteSpace(text, matches[^1].End, start))
                    matches[^1] = matches[^1] with { End = end };
                else if (matches.Count == 0 || start >= matches[^1].End)
                    matches.Add(new TextSpan(start, end));
                lastMatchPosition = position;
            }
            tokens.End();
        }
        finally
        {
            tokens.Dispose();
        }
        return matches;
    }

    private static bool IsWhiteSpace(string text, int from, int to) =>
        from <= to && text.AsSpan(from, to - from).IsWhiteSpace();
}

/// <summary>A range of UTF-16 offsets in a text, end exclusive.</summary>
internal readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;
}
