using System.Collections;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Search.Indexing;

namespace Search.Highlighting;

/// <summary>
/// Finds where a query matches a field's text, using Lucene's <see cref="QueryScorer"/>: it re-analyses the
/// text with the index's analyzer and, for phrases, checks positions through span queries, so a phrase marks
/// only its own occurrences. Unlike Lucene's <c>Highlighter</c> it reads the whole text (no 50 KB cut-off)
/// and returns offsets rather than markup. For a hit, with the query prepared once per search
/// (<see cref="HighlightQuery"/>), the scorer is handed the words and phrase positions read from the index, and a query
/// of a few plain words and phrases only has the text split into words to place the positions its postings give.
/// </summary>
internal static class MatchFinder
{
    /// <summary>The matches in <paramref name="text"/> as (start, end) UTF-16 offsets, in order, or
    /// <see langword="null"/> when <paramref name="deadline"/> passes first. Matched words at consecutive positions
    /// separated only by white space (a phrase) are joined into one match.</summary>
    public static List<TextSpan>? Find(Query query, Analyzer analyzer, string field, string text, Deadline deadline) =>
        Find(HighlightQuery.Plain(query), analyzer, field, text, deadline, doc: null);

    /// <summary>As <see cref="Find(Query, Analyzer, string, string, Deadline)"/>, for a query prepared once per search;
    /// <paramref name="doc"/> is the document the text is a field of, in the reader the query was prepared for (null for a
    /// text of no document).</summary>
    public static List<TextSpan>? Find(HighlightQuery query, Analyzer analyzer, string field, string text, Deadline deadline, int? doc)
    {
        if (text.Length == 0)
            return [];
        if (doc is int hit && query.TryReadMarked(field, hit, text.Length, deadline, out BitArray? marked, out int last))
            return marked is null ? null : Mark(text, marked, last, deadline);
        try
        {
            return Scan(query, analyzer, field, text, expandMultiTermQueries: true, deadline, doc);
        }
        catch (BooleanQuery.TooManyClausesException)
        {
            // A prefix that matches over a thousand different words in this one text: mark the plain terms only.
            return Scan(query, analyzer, field, text, expandMultiTermQueries: false, deadline, doc);
        }
    }

    private static List<TextSpan>? Scan(HighlightQuery query, Analyzer analyzer, string field, string text, bool expandMultiTermQueries, Deadline deadline, int? doc)
    {
        if (query.Scorer(field, expandMultiTermQueries, doc, deadline) is not { } scorer)
            return null;
        scorer.SetMaxDocCharsToAnalyze(text.Length);
        var matches = new MatchList(text);
        var analysed = new DeadlineTokenFilter(analyzer.GetTokenStream(field, text), deadline);
        TokenStream tokens = analysed;
        try
        {
            IOffsetAttribute offset = tokens.AddAttribute<IOffsetAttribute>();
            IPositionIncrementAttribute increment = tokens.AddAttribute<IPositionIncrementAttribute>();
            ICharTermAttribute word = tokens.AddAttribute<ICharTermAttribute>();
            IReadOnlyList<FuzzyWords> fuzzy = query.FuzzyTerms(field, expandMultiTermQueries);
            // The scorer gives up expanding a fuzzy term in a text where it accepts more words than a boolean query holds.
            var accepted = fuzzy.Count == 0 ? null : fuzzy.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToArray();
            // Reset before Init, as Lucene's Highlighter does: for phrases Init reads the stream into a
            // MemoryIndex and hands back a caching stream already rewound.
            tokens.Reset();
            tokens = scorer.Init(tokens) ?? tokens;
            scorer.StartFragment(null);
            int position = -1;
            for (int read = 1; tokens.IncrementToken(); read++)
            {
                // For phrases Init has already read the whole text, and the caching stream replays it without the filter.
                if (read % Deadline.CheckInterval == 0 && deadline.HasPassed)
                    return null;
                position += increment.PositionIncrement;
                if (scorer.GetTokenScore() <= 0 && (fuzzy.Count == 0 || !AnyAccepts(fuzzy, accepted!, word.ToString())))
                    continue;
                matches.Add(position, offset.StartOffset, offset.EndOffset);
            }
            tokens.End();
        }
        finally
        {
            tokens.Dispose();
        }
        return analysed.Stopped ? null : matches.Spans;
    }

    /// <summary>The matches at the <paramref name="marked"/> positions, up to <paramref name="last"/>: the text is only
    /// split into words, which is where the index's positions come from.</summary>
    private static List<TextSpan>? Mark(string text, BitArray marked, int last, Deadline deadline)
    {
        var matches = new MatchList(text);
        if (last < 0)
            return matches.Spans;
        var words = new DeadlineTokenFilter(WordSplitter.Instance.GetTokenStream(string.Empty, text), deadline);
        try
        {
            IOffsetAttribute offset = words.AddAttribute<IOffsetAttribute>();
            IPositionIncrementAttribute increment = words.AddAttribute<IPositionIncrementAttribute>();
            words.Reset();
            int position = -1;
            while (position < last && words.IncrementToken())
            {
                position += increment.PositionIncrement;
                if (position <= last && marked[position])
                    matches.Add(position, offset.StartOffset, offset.EndOffset);
            }
            words.End();
        }
        finally
        {
            words.Dispose();
        }
        return words.Stopped ? null : matches.Spans;
    }

    private static bool AnyAccepts(IReadOnlyList<FuzzyWords> fuzzy, HashSet<string>[] accepted, string word)
    {
        bool any = false;
        for (int i = 0; i < fuzzy.Count; i++)
        {
            if (fuzzy[i].Accepts(word))
            {
                any = true;
                if (accepted[i].Add(word) && accepted[i].Count > BooleanQuery.MaxClauseCount)
                    throw new BooleanQuery.TooManyClausesException();
            }
        }
        return any;
    }

    /// <summary>Matched words in text order, those at consecutive positions separated only by white space (a phrase)
    /// joined into one match.</summary>
    private sealed class MatchList(string text)
    {
        private int _lastPosition = int.MinValue;

        public List<TextSpan> Spans { get; } = [];

        public void Add(int position, int start, int end)
        {
            if (Spans.Count > 0 && _lastPosition == position - 1 && IsWhiteSpace(text, Spans[^1].End, start))
                Spans[^1] = Spans[^1] with { End = end };
            else if (Spans.Count == 0 || start >= Spans[^1].End)
                Spans.Add(new TextSpan(start, end));
            _lastPosition = position;
        }

        private static bool IsWhiteSpace(string text, int from, int to) =>
            from <= to && text.AsSpan(from, to - from).IsWhiteSpace();
    }

    /// <summary>Splits a text into words as the index's analysis does before it changes or drops any, so that positions
    /// and offsets are the index's.</summary>
    private sealed class WordSplitter : Analyzer
    {
        public static readonly WordSplitter Instance = new();

        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) =>
            new(FoldingEnglishAnalyzer.CreateTokenizer(reader));
    }
}

/// <summary>Ends a token stream once a deadline passes, so that even the analysis <see cref="QueryScorer"/> does before
/// handing back the first token (it indexes a whole text to check phrases) stops in time.</summary>
internal sealed class DeadlineTokenFilter(TokenStream input, Deadline deadline) : TokenFilter(input)
{
    private int _read;

    /// <summary>The stream ended because the deadline passed, not because the text did.</summary>
    public bool Stopped { get; private set; }

    public override bool IncrementToken()
    {
        if (Stopped || (++_read % Deadline.CheckInterval == 0 && deadline.HasPassed))
        {
            Stopped = true;
            return false;
        }
        return m_input.IncrementToken();
    }
}

/// <summary>A range of UTF-16 offsets in a text, end exclusive.</summary>
internal readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;
}
