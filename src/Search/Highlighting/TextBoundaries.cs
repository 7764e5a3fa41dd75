namespace Search.Highlighting;

/// <summary>
/// Where the words, sentences and white space of one text are, for placing snippet windows: white space, word starts,
/// line ends and the white space right after a sentence end, one bit per character each.
/// </summary>
/// <remarks>
/// Each question is answered in a few word operations per 4,096 characters it spans, so placing a window costs the
/// same whatever the fragment size, on text with few spaces or sentence ends too. The sets are built in one pass from
/// the start, only as far as a question reaches: O(text length) at most, and 5 bits per character (10 MB for a text of
/// 16 million characters, which itself takes 32 MB).
/// </remarks>
internal sealed class TextBoundaries
{
    private const string ClosingPunctuation = "\"')]}\u2019\u201D\u00BB";

    private readonly string _text;
    private readonly Deadline _deadline;
    private readonly PositionSet _space;
    private readonly PositionSet _visible;
    private readonly PositionSet _wordStart;
    private readonly PositionSet _lineEnd;
    private readonly PositionSet _afterSentence;
    private int _built;
    private int _wordsBuilt;
    private bool _previousIsSpace;
    private bool _previousEndsSentence;

    public TextBoundaries(string text, Deadline deadline)
    {
        _text = text;
        _deadline = deadline;
        _space = new PositionSet(text.Length);
        _visible = new PositionSet(text.Length);
        _wordStart = new PositionSet(text.Length);
        _lineEnd = new PositionSet(text.Length);
        _afterSentence = new PositionSet(text.Length);
    }

    /// <summary>The deadline passed while the sets were being built, so answers since then are not to be used.</summary>
    public bool Stopped { get; private set; }

    /// <summary>The first position at or after <paramref name="i"/> that is not white space, or the text's length.</summary>
    public int SkipWhiteSpace(int i)
    {
        if (i >= _text.Length)
            return i;
        // A run of white space can be as long as the text, so look one built word further at a time.
        for (int from = i; from < _text.Length; from = _built)
        {
            EnsureBuilt(from);
            if (_built <= from)
                return _text.Length;
            int found = _visible.Next(from, _built - 1);
            if (found >= 0)
                return found;
        }
        return _text.Length;
    }

    /// <summary>The start of the sentence holding <paramref name="position"/>, if it begins at most
    /// <paramref name="maxDistance"/> characters before it.</summary>
    public int? SentenceStart(int position, int maxDistance)
    {
        int floor = Math.Max(0, position - maxDistance);
        EnsureBuilt(position - 1);
        int boundary = Math.Max(_lineEnd.Previous(position - 1, floor), _afterSentence.Previous(position - 1, floor));
        if (boundary >= 0)
            return SkipWhiteSpace(boundary + 1);
        return floor == 0 ? SkipWhiteSpace(0) : null;
    }

    /// <summary>Where the sentence running on at <paramref name="from"/> ends, as a window end: at its first line end or
    /// the white space after its sentence end, or at the text's end; <see langword="null"/> when that lies past
    /// <paramref name="limit"/>.</summary>
    public int? SentenceEnd(int from, int limit)
    {
        int last = Math.Min(limit, _text.Length - 1);
        EnsureBuilt(last);
        int lineEnd = _lineEnd.Next(from, last), afterSentence = _afterSentence.Next(from, last);
        if (lineEnd >= 0 || afterSentence >= 0)
            return lineEnd < 0 ? afterSentence : afterSentence < 0 ? lineEnd : Math.Min(lineEnd, afterSentence);
        return limit >= _text.Length ? _text.Length : null;
    }

    /// <summary>The last line end or white space after a sentence end in (<paramref name="after"/>, <paramref name="limit"/>],
    /// as a window end; the text's end when <paramref name="limit"/> reaches it; -1 when there is none.</summary>
    public int LastSentenceEnd(int after, int limit)
    {
        if (limit >= _text.Length)
            return _text.Length;
        EnsureBuilt(limit);
        return Math.Max(_lineEnd.Previous(limit, after + 1), _afterSentence.Previous(limit, after + 1));
    }

    /// <summary>Whether the visible text starting at <paramref name="start"/> opens a sentence: nothing but white space
    /// comes before it, or a line end or sentence end does.</summary>
    public bool OpensSentence(int start)
    {
        EnsureBuilt(start - 1);
        int visible = _visible.Previous(start - 1, 0);
        return visible < 0 || IsBoundaryBetween(visible + 1, start - 1);
    }

    /// <summary>Whether the visible text ending at <paramref name="end"/> closes a sentence: nothing but white space
    /// follows it, or it ends a sentence or a line.</summary>
    public bool ClosesSentence(int end)
    {
        int next = SkipWhiteSpace(end);
        return next >= _text.Length || IsBoundaryBetween(end, next - 1);
    }

    private bool IsBoundaryBetween(int first, int last) =>
        _lineEnd.Next(first, last) >= 0 || _afterSentence.Next(first, last) >= 0;

    /// <summary>The first word start at or after <paramref name="from"/>, but not past <paramref name="limit"/>.</summary>
    public int WordStart(int from, int limit)
    {
        if (from == 0)
            return 0;
        EnsureBuilt(limit - 1);
        int found = _wordStart.Next(from, limit - 1);
        return found >= 0 ? found : limit;
    }

    /// <summary>Where a window from <paramref name="start"/> should end, at or before <paramref name="limit"/> (which is
    /// inside the text) and not before <paramref name="minEnd"/>: the last line end or sentence end in the second half,
    /// else the last white space, else <paramref name="minEnd"/> when it is a word end (a match's end), else a hard cut.</summary>
    public int EndBoundary(int start, int limit, int minEnd, bool minEndIsWordEnd)
    {
        int half = Math.Max(minEnd, start + ((limit - start) / 2));
        EnsureBuilt(limit);
        // A line end ends the window before it, a sentence end after it: the white space following it is the end.
        int lineEnd = _lineEnd.Previous(limit - 1, half);
        int afterSentence = _afterSentence.Previous(limit, half + 1);
        if (afterSentence > lineEnd + 1)
            return afterSentence;
        if (lineEnd >= 0)
            return lineEnd;
        int space = _space.Previous(limit, minEnd);
        if (space >= 0)
            return space;
        // Text glued to the end of a match ("war-related", "war?)"): stop at the match rather than mid-word.
        if (minEndIsWordEnd)
            return minEnd;
        return limit > 0 && char.IsLowSurrogate(_text[limit]) ? limit - 1 : limit;
    }

    /// <summary>[<paramref name="start"/>, <paramref name="end"/>) without the white space at either end.</summary>
    public TextSpan Trim(int start, int end)
    {
        EnsureBuilt(end - 1);
        int first = _visible.Next(start, end - 1);
        if (first < 0)
            return new TextSpan(end, end);
        return new TextSpan(first, _visible.Previous(end - 1, first) + 1);
    }

    /// <summary>Builds the sets through <paramref name="position"/>, 64 characters at a time, unless the deadline
    /// passes first.</summary>
    private void EnsureBuilt(int position)
    {
        while (_built <= position && _built < _text.Length && !Stopped)
        {
            if (_wordsBuilt % Deadline.CheckInterval == 0 && _deadline.HasPassed)
            {
                Stopped = true;
                return;
            }
            BuildWord();
        }
    }

    private void BuildWord()
    {
        int first = _wordsBuilt << 6, end = Math.Min(_text.Length, first + 64);
        ulong space = 0, wordStart = 0, lineEnd = 0, afterSentence = 0;
        for (int i = first; i < end; i++)
        {
            char c = _text[i];
            ulong bit = 1UL << (i - first);
            bool isSpace = char.IsWhiteSpace(c);
            if (isSpace)
            {
                space |= bit;
                if (c == '\n')
                    lineEnd |= bit;
                if (_previousEndsSentence)
                    afterSentence |= bit;
            }
            else if (_previousIsSpace)
            {
                wordStart |= bit;
            }
            // Closing punctuation after a sentence end ("war.)") keeps the sentence ended, carried along in one pass.
            _previousEndsSentence = i > 0 && ClosingPunctuation.Contains(c, StringComparison.Ordinal)
                ? _previousEndsSentence
                : c is '.' or '!' or '?' or '\u2026';
            _previousIsSpace = isSpace;
        }
        ulong inText = end - first == 64 ? ~0UL : (1UL << (end - first)) - 1;
        _space.SetWord(_wordsBuilt, space);
        _visible.SetWord(_wordsBuilt, ~space & inText);
        _wordStart.SetWord(_wordsBuilt, wordStart);
        _lineEnd.SetWord(_wordsBuilt, lineEnd);
        _afterSentence.SetWord(_wordsBuilt, afterSentence);
        _wordsBuilt++;
        _built = end;
    }
}
