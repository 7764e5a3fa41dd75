namespace Search.Highlighting;

/// <summary>
/// Chooses the snippet windows of a text: the best-scoring non-overlapping windows of at most the fragment
/// size around matches, starting at a sentence start when one is near and otherwise at a word, ending at a
/// sentence end or a word end, never cutting a match or a surrogate pair.
/// </summary>
/// <remarks>
/// A long document can hold millions of matches, so the cost is O(n log n) in them plus O(text length), whatever the
/// fragment size: each window is placed with binary searches over the matches and a few questions to
/// <see cref="TextBoundaries"/>, built once per text, all windows are scored together by <see cref="WindowScores"/>,
/// sorted once, and each is checked against the chosen ones by binary search. Every pass over the text, the matches or
/// the windows looks at the deadline every <see cref="Deadline.CheckInterval"/> steps.
/// </remarks>
internal static class FragmentPicker
{
    public static List<TextSpan> Choose(string text, IReadOnlyList<TextSpan> matches, int count, int size) =>
        Choose(text, matches, count, size, Deadline.None) ?? [];

    /// <summary>The windows in text order, or <see langword="null"/> when <paramref name="deadline"/> passes first.</summary>
    public static List<TextSpan>? Choose(string text, IReadOnlyList<TextSpan> matches, int count, int size, Deadline deadline)
    {
        if (count == 0 || text.AsSpan().IsWhiteSpace())
            return [];
        var boundaries = new TextBoundaries(text, deadline);
        if (matches.Count == 0)
        {
            TextSpan leading = Leading(text, boundaries, size);
            return boundaries.Stopped ? null : [leading];
        }

        var windows = new List<TextSpan>();
        int previousStart = -1;
        for (int i = 0; i < matches.Count; i++)
        {
            if (i % Deadline.CheckInterval == 0 && deadline.HasPassed)
                return null;
            TextSpan window = WindowAround(text, boundaries, matches, matches[i], size);
            if (boundaries.Stopped)
                return null;
            if (window.Start == previousStart)
                continue;
            previousStart = window.Start;
            windows.Add(window);
        }
        return WindowScores.Of(text, matches, windows, deadline) is { } scores ? BestApart(windows, scores, count, deadline) : null;
    }

    /// <summary>Up to <paramref name="count"/> windows that do not overlap, in text order, taken greedily by score (highest
    /// first), then by start, then in the order they were found; <see langword="null"/> when <paramref name="deadline"/>
    /// passes first.</summary>
    internal static List<TextSpan>? BestApart(List<TextSpan> windows, int[] scores, int count, Deadline deadline)
    {
        // One 64-bit key per window orders by score, then start, without a comparison delegate over millions of windows.
        var keys = new long[windows.Count];
        var order = new int[windows.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            if (i % Deadline.CheckInterval == 0 && deadline.HasPassed)
                return null;
            keys[i] = ((long)(int.MaxValue - scores[i]) << 32) | (uint)windows[i].Start;
            order[i] = i;
        }
        Array.Sort(keys, order);

        // Kept in text order: non-overlapping windows sorted by start are sorted by end too, so one binary search finds
        // the only chosen window that could overlap a new one.
        var chosen = new List<TextSpan>(count);
        int run = 0, steps = 0;
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
                if (++steps % Deadline.CheckInterval == 0 && deadline.HasPassed)
                    return null;
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
    private static TextSpan Leading(string text, TextBoundaries boundaries, int size)
    {
        int start = boundaries.SkipWhiteSpace(0);
        int end = start + size >= text.Length ? text.Length : boundaries.EndBoundary(start, start + size, start + 1, minEndIsWordEnd: false);
        return boundaries.Trim(start, end);
    }

    private static TextSpan WindowAround(string text, TextBoundaries boundaries, IReadOnlyList<TextSpan> matches, TextSpan anchor, int size)
    {
        // A run of matched words longer than the window: show its opening, up to a word end inside it.
        if (anchor.Length > size)
            return boundaries.Trim(anchor.Start, boundaries.EndBoundary(anchor.Start, anchor.Start + size, anchor.Start + 1, minEndIsWordEnd: false));

        // Look back no further than still leaves room for the whole anchor (a phrase can be long).
        int room = Math.Max(0, size - anchor.Length);
        int start = boundaries.SentenceStart(anchor.Start, Math.Min(size / 2, room))
            ?? boundaries.WordStart(Math.Max(0, anchor.Start - Math.Min(size / 4, room)), anchor.Start);
        int limit = Math.Min(text.Length, Math.Max(start + size, anchor.End));
        int end = limit == text.Length ? limit : boundaries.EndBoundary(start, limit, anchor.End, minEndIsWordEnd: true);

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
            bool startMoved = false;
            if (match.End > start)
            {
                startMoved = end - match.Start > size;
                start = startMoved ? boundaries.WordStart(match.End, anchor.Start) : match.Start;
            }
            if (match.End > end)
                end = match.Start > anchor.End ? match.Start : match.End;
            // The matches that end before the new start change nothing (glued ones can fill the gap): skip them.
            if (startMoved)
                i = Math.Max(i, FirstEndingAfter(matches, start) - 1);
        }
        return boundaries.Trim(start, end);
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
}
