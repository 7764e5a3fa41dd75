namespace Search.Highlighting;

/// <summary>
/// Chooses the snippet windows of a text. Around a match, a window is the whole sentence that holds it, and the sentences
/// after it while they fit, when that sentence fits in the fragment size; otherwise the best window of at most that size,
/// starting at a sentence start when one is near and otherwise at a word, ending at a sentence end or a word end. The
/// best-scoring windows that do not overlap are taken first; while there is room for more, each match no window shows yet
/// gets one of its own in the gap it lies in. No window cuts a match or a surrogate pair.
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
    public static List<TextSpan>? Choose(string text, IReadOnlyList<TextSpan> matches, int count, int size, Deadline deadline) =>
        Pick(text, matches, count, size, deadline)?.ConvertAll(fragment => fragment.Window);

    public static List<Fragment> Pick(string text, IReadOnlyList<TextSpan> matches, int count, int size) =>
        Pick(text, matches, count, size, Deadline.None) ?? [];

    /// <summary>The fragments in text order, each saying whether it starts or ends inside a sentence, or
    /// <see langword="null"/> when <paramref name="deadline"/> passes first.</summary>
    public static List<Fragment>? Pick(string text, IReadOnlyList<TextSpan> matches, int count, int size, Deadline deadline)
    {
        if (count == 0 || text.AsSpan().IsWhiteSpace())
            return [];
        var boundaries = new TextBoundaries(text, deadline);
        List<TextSpan>? windows = matches.Count == 0
            ? new List<TextSpan> { Leading(text, boundaries, size) }
            : Windows(text, boundaries, matches, count, size, deadline);
        if (windows is null || boundaries.Stopped)
            return null;
        var fragments = new List<Fragment>(windows.Count);
        foreach (TextSpan window in windows)
            fragments.Add(new Fragment(window, !boundaries.OpensSentence(window.Start), !boundaries.ClosesSentence(window.End)));
        return boundaries.Stopped ? null : fragments;
    }

    private static List<TextSpan>? Windows(string text, TextBoundaries boundaries, IReadOnlyList<TextSpan> matches, int count, int size, Deadline deadline)
    {
        var windows = new List<TextSpan>();
        int previousStart = -1;
        for (int i = 0; i < matches.Count; i++)
        {
            if (i % Deadline.CheckInterval == 0 && deadline.HasPassed)
                return null;
            TextSpan window = WindowAround(text, boundaries, matches, matches[i], size, 0, text.Length);
            if (boundaries.Stopped)
                return null;
            if (window.Start == previousStart)
                continue;
            previousStart = window.Start;
            windows.Add(window);
        }
        if (WindowScores.Of(text, matches, windows, deadline) is not { } scores || BestApart(windows, scores, count, deadline) is not { } chosen)
            return null;
        return ShowUnshown(text, boundaries, matches, chosen, count, size, deadline) ? chosen : null;
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

    /// <summary>While fewer than <paramref name="count"/> windows are chosen, gives the first match no chosen window shows
    /// a window of its own, inside the gap between its neighbours, so every match is shown before the best ones get a
    /// second window; <see langword="false"/> when <paramref name="deadline"/> passes first.</summary>
    private static bool ShowUnshown(string text, TextBoundaries boundaries, IReadOnlyList<TextSpan> matches, List<TextSpan> chosen, int count, int size, Deadline deadline)
    {
        int steps = 0;
        for (int i = 0; i < matches.Count && chosen.Count < count; i++)
        {
            if (++steps % Deadline.CheckInterval == 0 && deadline.HasPassed)
                return false;
            TextSpan match = matches[i];
            int at = FirstEndingAfter(chosen, match.Start);
            if (at < chosen.Count && chosen[at].Start <= match.Start)
            {
                // Shown: go on from the first match after this window.
                i = WindowScores.FirstStartingAtOrAfter(matches, chosen[at].End) - 1;
                continue;
            }
            int low = at == 0 ? 0 : chosen[at - 1].End, high = at == chosen.Count ? text.Length : chosen[at].Start;
            TextSpan window = WindowAround(text, boundaries, matches, match, size, low, high);
            if (boundaries.Stopped)
                return false;
            chosen.Insert(at, window);
            i = WindowScores.FirstStartingAtOrAfter(matches, window.End) - 1;
        }
        return true;
    }

    /// <summary>The window around <paramref name="anchor"/>, inside [<paramref name="low"/>, <paramref name="high"/>]
    /// (the text, or a gap between chosen windows that holds the anchor).</summary>
    private static TextSpan WindowAround(string text, TextBoundaries boundaries, IReadOnlyList<TextSpan> matches, TextSpan anchor, int size, int low, int high)
    {
        // A run of matched words longer than the window: show its opening, up to a word end inside it.
        if (anchor.Length > size)
            return boundaries.Trim(anchor.Start, boundaries.EndBoundary(anchor.Start, anchor.Start + size, anchor.Start + 1, minEndIsWordEnd: false));
        if (Sentences(boundaries, matches, anchor, size, low, high) is { } sentences)
            return sentences;

        // Look back no further than still leaves room for the whole anchor (a phrase can be long).
        int room = Math.Max(0, size - anchor.Length);
        int start = boundaries.SentenceStart(anchor.Start, Math.Min(Math.Min(size / 2, room), anchor.Start - low))
            ?? boundaries.WordStart(Math.Max(low, anchor.Start - Math.Min(size / 4, room)), anchor.Start);
        int limit = Math.Min(high, Math.Max(start + size, anchor.End));
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

    /// <summary>The whole sentence holding <paramref name="anchor"/> and the whole sentences after it that fit in
    /// <paramref name="size"/> before <paramref name="high"/> (up to a sentence end outside every match), or
    /// <see langword="null"/> when that sentence begins before <paramref name="low"/>, does not fit, or shares a match
    /// with its neighbour (a phrase across a line end).</summary>
    private static TextSpan? Sentences(TextBoundaries boundaries, IReadOnlyList<TextSpan> matches, TextSpan anchor, int size, int low, int high)
    {
        if (boundaries.SentenceStart(anchor.Start, Math.Min(size - anchor.Length, anchor.Start - low)) is not int start || Cuts(matches, start))
            return null;
        int limit = Math.Min(start + size, high);
        if (boundaries.SentenceEnd(anchor.End, limit) is not int end || Cuts(matches, end))
            return null;
        // The last later sentence end that fits, found in one step rather than sentence by sentence, stepping back over
        // the matches that hold one.
        int next = boundaries.SkipWhiteSpace(end);
        for (int last = next < limit ? boundaries.LastSentenceEnd(next, limit) : -1; last > next;)
        {
            int i = FirstEndingAfter(matches, last);
            if (i == matches.Count || matches[i].Start >= last)
            {
                end = last;
                break;
            }
            last = boundaries.LastSentenceEnd(next, matches[i].Start);
        }
        return boundaries.Trim(start, end);
    }

    /// <summary>Whether a window edge at <paramref name="position"/> would fall inside one of the ordered
    /// <paramref name="matches"/>.</summary>
    private static bool Cuts(IReadOnlyList<TextSpan> matches, int position)
    {
        int i = FirstEndingAfter(matches, position);
        return i < matches.Count && matches[i].Start < position;
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

/// <summary>A snippet window, and whether it starts or ends inside a sentence (where the snippet shows an ellipsis).</summary>
internal readonly record struct Fragment(TextSpan Window, bool OpensMidSentence, bool ClosesMidSentence);
