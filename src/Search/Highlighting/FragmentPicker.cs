namespace Search.Highlighting;

/// <summary>
/// Chooses the snippet windows of a text: the best-scoring non-overlapping windows of at most the fragment
/// size around matches, starting at a sentence start when one is near and otherwise at a word, ending at a
/// sentence end or a word end, never cutting a match or a surrogate pair.
/// </summary>
/// <remarks>
/// A long document can hold millions of matches, so the cost is O(n log n) in them, whatever the fragment size: each
/// window is placed with binary searches over the matches and a look at the text next to it, all windows are scored
/// together by <see cref="WindowScores"/>, sorted once, and each is checked against the chosen ones by binary search.
/// </remarks>
internal static class FragmentPicker
{
    private const string ClosingPunctuation = "\"')]}\u2019\u201D\u00BB";

    public static List<TextSpan> Choose(string text, IReadOnlyList<TextSpan> matches, int count, int size) =>
        Choose(text, matches, count, size, Deadline.None) ?? [];

    /// <summary>The windows in text order, or <see langword="null"/> when <paramref name="deadline"/> passes first.</summary>
    public static List<TextSpan>? Choose(string text, IReadOnlyList<TextSpan> matches, int count, int size, Deadline deadline)
    {
        if (count == 0 || text.AsSpan().IsWhiteSpace())
            return [];
        if (matches.Count == 0)
            return [Leading(text, size)];

        var windows = new List<TextSpan>();
        int previousStart = -1;
        for (int i = 0; i < matches.Count; i++)
        {
            if (i % Deadline.CheckInterval == 0 && deadline.HasPassed)
                return null;
            TextSpan window = WindowAround(text, matches, matches[i], size);
            if (window.Start == previousStart)
                continue;
            previousStart = window.Start;
            windows.Add(window);
        }
        int[] scores = WindowScores.Of(text, matches, windows);
        return deadline.HasPassed ? null : BestApart(windows, scores, count);
    }

    /// <summary>Up to <paramref name="count"/> windows that do not overlap, in text order, taken greedily by score (highest
    /// first), then by start, then in the order they were found.</summary>
    private static List<TextSpan> BestApart(List<TextSpan> windows, int[] scores, int count)
    {
        // One 64-bit key per window orders by score, then start, without a comparison delegate over millions of windows.
        var keys = new long[windows.Count];
        var order = new int[windows.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = ((long)(int.MaxValue - scores[i]) << 32) | (uint)windows[i].Start;
            order[i] = i;
        }
        Array.Sort(keys, order);

        // Kept in text order: non-overlapping windows sorted by start are sorted by end too, so one binary search finds
        // the only chosen window that could overlap a new one.
        var chosen = new List<TextSpan>(count);
        int run = 0;
        while (run < keys.Length && chosen.Count < count)
        {
            int runEnd = run + 1;
            while (runEnd < keys.Length && keys[runEnd] == keys[run])
                runEnd++;
            // Array.Sort is not stable: windows with equal keys go back to the order they were found in.
            if (runEnd - run > 1)
                Array.Sort(order, run, runEnd - run);
            for (; run < runEnd && chosen.Count < count; run++)
            {
                TextSpan window = windows[order[run]];
                int at = FirstEndingAfter(chosen, window.Start);
                if (at == chosen.Count || chosen[at].Start >= window.End)
                    chosen.Insert(at, window);
            }
            run = runEnd;
        }
        return chosen;
    }

    /// <summary>The opening of a text that matched nowhere, so every hit still shows some of its body.</summary>
    private static TextSpan Leading(string text, int size)
    {
        int start = SkipWhiteSpace(text, 0);
        int end = start + size >= text.Length ? text.Length : EndBoundary(text, start, start + size, start + 1, minEndIsWordEnd: false);
        return Trim(text, start, end);
    }

    private static TextSpan WindowAround(string text, IReadOnlyList<TextSpan> matches, TextSpan anchor, int size)
    {
        // A run of matched words longer than the window: show its opening, up to a word end inside it.
        if (anchor.Length > size)
            return Trim(text, anchor.Start, EndBoundary(text, anchor.Start, anchor.Start + size, anchor.Start + 1, minEndIsWordEnd: false));

        // Look back no further than still leaves room for the whole anchor (a phrase can be long).
        int room = Math.Max(0, size - anchor.Length);
        int start = SentenceStart(text, anchor.Start, Math.Min(size / 2, room))
            ?? WordStart(text, Math.Max(0, anchor.Start - Math.Min(size / 4, room)), anchor.Start);
        int limit = Math.Min(text.Length, Math.Max(start + size, anchor.End));
        int end = limit == text.Length ? limit : EndBoundary(text, start, limit, anchor.End, minEndIsWordEnd: true);

        // Never cut a match: widen to take one that starts inside, or stop before it. At the start, widen only
        // while the window still fits the size; otherwise begin at the first word after the match. Matches are in
        // order and do not overlap, so only those from the first one ending after the start can matter.
        for (int i = FirstEndingAfter(matches, start); i < matches.Count; i++)
        {
            TextSpan match = matches[i];
            if (match.Start >= end)
                break;
            if (match.Start >= start)
            {
                // No later match can reach back over the start, and only the last one starting before the end can
                // reach past it: jump there rather than walk the matches in between.
                TextSpan last = matches[WindowScores.FirstStartingAtOrAfter(matches, end) - 1];
                if (last.End > end)
                    end = last.Start > anchor.End ? last.Start : last.End;
                break;
            }
            if (match.End > start)
                start = end - match.Start <= size ? match.Start : WordStart(text, match.End, anchor.Start);
            if (match.End > end)
                end = match.Start > anchor.End ? match.Start : match.End;
        }
        return Trim(text, start, end);
    }

    /// <summary>The index of the first of the ordered, non-overlapping <paramref name="matches"/> that ends after
    /// <paramref name="position"/> (their count when none does).</summary>
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
