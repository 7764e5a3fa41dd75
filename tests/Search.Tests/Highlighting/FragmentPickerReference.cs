using Search.Highlighting;

namespace Search.Tests.Highlighting;

/// <summary>
/// The fragment picker as it was before it became n log n (commit 6c6ca83), with the rules added since written the same
/// plain way: a whole sentence when it fits, a window of its own in the gaps for each match not yet shown, and whether
/// each window starts or ends inside a sentence. It scans the text for every boundary, walks every match of every
/// candidate window and checks each chosen window against every other. It shares no code with
/// <see cref="FragmentPicker"/>, whose boundaries come from <see cref="TextBoundaries"/>, so the equivalence tests
/// compare two independent implementations.
/// </summary>
internal static class FragmentPickerReference
{
    private const string ClosingPunctuation = "\"')]}\u2019\u201D\u00BB";

    public static List<Fragment> Pick(string text, IReadOnlyList<TextSpan> matches, int count, int size) =>
        [.. Choose(text, matches, count, size).Select(w => new Fragment(w, !OpensSentence(text, w.Start), !ClosesSentence(text, w.End)))];

    public static List<TextSpan> Choose(string text, IReadOnlyList<TextSpan> matches, int count, int size)
    {
        if (count == 0 || text.AsSpan().IsWhiteSpace())
            return [];
        if (matches.Count == 0)
            return [Leading(text, size)];

        var candidates = new List<(TextSpan Window, int Score)>();
        int previousStart = -1;
        for (int i = 0; i < matches.Count; i++)
        {
            TextSpan window = WindowAround(text, matches, matches[i], size, 0, text.Length);
            if (window.Start == previousStart)
                continue;
            previousStart = window.Start;
            candidates.Add((window, Score(text, matches, window)));
        }
        candidates.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Window.Start.CompareTo(b.Window.Start));

        var chosen = new List<TextSpan>(count);
        foreach ((TextSpan window, _) in candidates)
        {
            if (chosen.Exists(w => w.Start < window.End && window.Start < w.End))
                continue;
            chosen.Add(window);
            if (chosen.Count == count)
                break;
        }

        // Room left: each match no window shows gets one of its own, between its neighbours.
        foreach (TextSpan match in matches)
        {
            if (chosen.Count == count)
                break;
            if (chosen.Exists(w => w.Start <= match.Start && match.Start < w.End))
                continue;
            int low = chosen.Where(w => w.End <= match.Start).Select(w => w.End).DefaultIfEmpty(0).Max();
            int high = chosen.Where(w => w.Start > match.Start).Select(w => w.Start).DefaultIfEmpty(text.Length).Min();
            chosen.Add(WindowAround(text, matches, match, size, low, high));
        }
        chosen.Sort((a, b) => a.Start.CompareTo(b.Start));
        return chosen;
    }

    /// <summary>The opening of a text that matched nowhere, so every hit still shows some of its body.</summary>
    private static TextSpan Leading(string text, int size)
    {
        int start = SkipWhiteSpace(text, 0);
        int end = start + size >= text.Length ? text.Length : EndBoundary(text, start, start + size, start + 1, minEndIsWordEnd: false);
        return Trim(text, start, end);
    }

    private static TextSpan WindowAround(string text, IReadOnlyList<TextSpan> matches, TextSpan anchor, int size, int low, int high)
    {
        // A run of matched words longer than the window: show its opening, up to a word end inside it.
        if (anchor.Length > size)
            return Trim(text, anchor.Start, EndBoundary(text, anchor.Start, anchor.Start + size, anchor.Start + 1, minEndIsWordEnd: false));
        if (Sentences(text, matches, anchor, size, low, high) is { } sentences)
            return sentences;

        // Look back no further than still leaves room for the whole anchor (a phrase can be long).
        int room = Math.Max(0, size - anchor.Length);
        int start = SentenceStart(text, anchor.Start, Math.Min(Math.Min(size / 2, room), anchor.Start - low))
            ?? WordStart(text, Math.Max(low, anchor.Start - Math.Min(size / 4, room)), anchor.Start);
        int limit = Math.Min(high, Math.Max(start + size, anchor.End));
        int end = limit == text.Length ? limit : EndBoundary(text, start, limit, anchor.End, minEndIsWordEnd: true);

        // Never cut a match: widen to take one that starts inside, or stop before it. At the start, widen only
        // while the window still fits the size; otherwise begin at the first word after the match. Matches are in
        // order and do not overlap, so only those from the first one ending after the start can matter.
        for (int i = FirstEndingAfter(matches, start); i < matches.Count; i++)
        {
            TextSpan match = matches[i];
            if (match.Start >= end)
                break;
            if (match.Start < start && match.End > start)
                start = end - match.Start <= size ? match.Start : WordStart(text, match.End, anchor.Start);
            if (match.End > end)
                end = match.Start > anchor.End ? match.Start : match.End;
        }
        return Trim(text, start, end);
    }

    private static TextSpan? Sentences(string text, IReadOnlyList<TextSpan> matches, TextSpan anchor, int size, int low, int high)
    {
        int? start = SentenceStart(text, anchor.Start, Math.Min(size - anchor.Length, anchor.Start - low));
        if (start is null || Cuts(matches, start.Value))
            return null;
        int limit = Math.Min(start.Value + size, high);
        int? end = SentenceEnd(text, anchor.End, limit);
        if (end is null || Cuts(matches, end.Value))
            return null;
        // Then the last later sentence end (or the text's end) that fits and is inside no match.
        int next = SkipWhiteSpace(text, end.Value);
        if (next < limit)
        {
            for (int p = Math.Min(limit, text.Length); p > next; p--)
            {
                if ((p == text.Length || IsBoundary(text, p)) && !Cuts(matches, p))
                {
                    end = p;
                    break;
                }
            }
        }
        return Trim(text, start.Value, end.Value);
    }

    private static bool Cuts(IReadOnlyList<TextSpan> matches, int position)
    {
        int i = FirstEndingAfter(matches, position);
        return i < matches.Count && matches[i].Start < position;
    }

    /// <summary>The first line end or white space after a sentence end at or after <paramref name="from"/>, else the
    /// text's end, if not past <paramref name="limit"/>.</summary>
    private static int? SentenceEnd(string text, int from, int limit)
    {
        for (int i = from; i <= limit && i < text.Length; i++)
        {
            if (IsBoundary(text, i))
                return i;
        }
        return limit >= text.Length ? text.Length : null;
    }

    private static bool IsBoundary(string text, int i) =>
        text[i] == '\n' || (char.IsWhiteSpace(text[i]) && i > 0 && EndsSentence(text, i - 1));

    private static bool OpensSentence(string text, int start)
    {
        int i = start - 1;
        for (; i >= 0 && char.IsWhiteSpace(text[i]); i--)
        {
            if (IsBoundary(text, i))
                return true;
        }
        return i < 0;
    }

    private static bool ClosesSentence(string text, int end)
    {
        int i = end;
        for (; i < text.Length && char.IsWhiteSpace(text[i]); i++)
        {
            if (IsBoundary(text, i))
                return true;
        }
        return i >= text.Length;
    }

    private static int Score(string text, IReadOnlyList<TextSpan> matches, TextSpan window)
    {
        var distinct = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int total = 0;
        for (int i = FirstEndingAfter(matches, window.Start); i < matches.Count; i++)
        {
            TextSpan match = matches[i];
            if (match.Start >= window.End)
                break;
            if (match.Start < window.Start)
                continue;
            total++;
            distinct.Add(text.Substring(match.Start, match.Length));
        }
        return (distinct.Count * 16) + total;
    }

    /// <summary>The index of the first of the ordered, non-overlapping <paramref name="matches"/> that ends after
    /// <paramref name="position"/> (their count when none does). A long document can hold hundreds of thousands of
    /// matches: each window looks only at its neighbours, so choosing snippets stays O(n log n).</summary>
    public static int FirstEndingAfter(IReadOnlyList<TextSpan> matches, int position)
    {
        int low = 0, high = matches.Count;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            if (matches[middle].End > position)
                high = middle;
            else
                low = middle + 1;
        }
        return low;
    }

    /// <summary>The start of the sentence holding <paramref name="position"/>, if it begins at most
    /// <paramref name="maxDistance"/> characters before it.</summary>
    private static int? SentenceStart(string text, int position, int maxDistance)
    {
        int floor = Math.Max(0, position - maxDistance);
        for (int i = position - 1; i >= floor; i--)
        {
            if (text[i] == '\n' || (char.IsWhiteSpace(text[i]) && i > 0 && EndsSentence(text, i - 1)))
                return SkipWhiteSpace(text, i + 1);
        }
        return floor == 0 ? SkipWhiteSpace(text, 0) : null;
    }

    /// <summary>The first word start at or after <paramref name="from"/>, but not past <paramref name="limit"/>.</summary>
    private static int WordStart(string text, int from, int limit)
    {
        if (from == 0)
            return 0;
        for (int i = from; i < limit; i++)
        {
            if (char.IsWhiteSpace(text[i - 1]) && !char.IsWhiteSpace(text[i]))
                return i;
        }
        return limit;
    }

    /// <summary>Where a window from <paramref name="start"/> should end, at or before <paramref name="limit"/> and not
    /// before <paramref name="minEnd"/>: a sentence end in the second half, else a word end, else
    /// <paramref name="minEnd"/> when it is a word end (a match's end), else a hard cut.</summary>
    private static int EndBoundary(string text, int start, int limit, int minEnd, bool minEndIsWordEnd)
    {
        int half = Math.Max(minEnd, start + ((limit - start) / 2));
        for (int i = limit - 1; i >= half; i--)
        {
            if (text[i] == '\n')
                return i;
            if (i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]) && EndsSentence(text, i))
                return i + 1;
        }
        for (int i = limit; i >= minEnd; i--)
        {
            if (char.IsWhiteSpace(text[i]))
                return i;
        }
        // Text glued to the end of a match ("war-related", "war?)"): stop at the match rather than mid-word.
        if (minEndIsWordEnd)
            return minEnd;
        return limit > 0 && char.IsLowSurrogate(text[limit]) ? limit - 1 : limit;
    }

    private static bool EndsSentence(string text, int i)
    {
        while (i > 0 && ClosingPunctuation.Contains(text[i], StringComparison.Ordinal))
            i--;
        return text[i] is '.' or '!' or '?' or '\u2026';
    }

    private static int SkipWhiteSpace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
            i++;
        return i;
    }

    private static TextSpan Trim(string text, int start, int end)
    {
        start = Math.Min(SkipWhiteSpace(text, start), end);
        while (end > start && char.IsWhiteSpace(text[end - 1]))
            end--;
        return new TextSpan(start, end);
    }
}
