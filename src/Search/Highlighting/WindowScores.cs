namespace Search.Highlighting;

/// <summary>
/// Scores snippet windows: 16 for each distinct matched text (ignoring case) plus 1 for each match, counting the matches
/// that start inside the window. Distinct texts are counted for all windows at once with a Fenwick tree, so scoring costs
/// O((matches + windows) log matches) however many matches each window holds.
/// </summary>
internal static class WindowScores
{
    /// <summary>The score of each window, or <see langword="null"/> when <paramref name="deadline"/> passes first: it is
    /// looked at every <see cref="Deadline.CheckInterval"/> steps of each pass over the matches or the windows.</summary>
    public static int[]? Of(string text, IReadOnlyList<TextSpan> matches, IReadOnlyList<TextSpan> windows, Deadline deadline)
    {
        if (TextIds(text, matches, deadline, out int distinctTexts) is not { } texts)
            return null;
        var first = new int[windows.Count];
        var past = new int[windows.Count];
        for (int i = 0; i < windows.Count; i++)
        {
            if (i % Deadline.CheckInterval == 0 && deadline.HasPassed)
                return null;
            first[i] = FirstStartingAtOrAfter(matches, windows[i].Start);
            past[i] = Math.Max(first[i], FirstStartingAtOrAfter(matches, windows[i].End));
        }
        int[] byPast = new int[windows.Count];
        for (int i = 0; i < byPast.Length; i++)
            byPast[i] = i;
        Array.Sort((int[])past.Clone(), byPast);

        // Once matches [0, r) are added, the tree holds a 1 at the latest match of each text, so the sum over a window's
        // matches [first, r) is the number of distinct texts among them.
        var tree = new int[matches.Count + 1];
        var latest = new int[distinctTexts];
        Array.Fill(latest, -1);
        var scores = new int[windows.Count];
        int next = 0;
        for (int r = 0; r <= matches.Count; r++)
        {
            if (r % Deadline.CheckInterval == 0 && deadline.HasPassed)
                return null;
            for (; next < byPast.Length && past[byPast[next]] == r; next++)
            {
                int window = byPast[next];
                int distinct = PrefixSum(tree, r) - PrefixSum(tree, first[window]);
                scores[window] = (distinct * 16) + (r - first[window]);
            }
            if (r == matches.Count)
                break;
            int id = texts[r];
            if (latest[id] >= 0)
                Add(tree, latest[id], -1);
            Add(tree, r, 1);
            latest[id] = r;
        }
        return scores;
    }

    /// <summary>The index of the first of the ordered <paramref name="matches"/> starting at or after
    /// <paramref name="position"/> (their count when none does).</summary>
    public static int FirstStartingAtOrAfter(IReadOnlyList<TextSpan> matches, int position)
    {
        int low = 0, high = matches.Count;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            if (matches[middle].Start >= position)
                high = middle;
            else
                low = middle + 1;
        }
        return low;
    }

    /// <summary>A number per match, equal for matches whose texts are equal ignoring case, or <see langword="null"/>
    /// when <paramref name="deadline"/> passes first.</summary>
    private static int[]? TextIds(string text, IReadOnlyList<TextSpan> matches, Deadline deadline, out int distinctTexts)
    {
        var ids = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        var result = new int[matches.Count];
        distinctTexts = 0;
        for (int i = 0; i < matches.Count; i++)
        {
            if (i % Deadline.CheckInterval == 0 && deadline.HasPassed)
                return null;
            ReadOnlySpan<char> matched = text.AsSpan(matches[i].Start, matches[i].Length);
            if (!lookup.TryGetValue(matched, out int id))
            {
                id = ids.Count;
                lookup[matched] = id;
            }
            result[i] = id;
        }
        distinctTexts = ids.Count;
        return result;
    }

    private static void Add(int[] tree, int index, int delta)
    {
        for (int i = index + 1; i < tree.Length; i += i & -i)
            tree[i] += delta;
    }

    /// <summary>The sum over positions [0, <paramref name="count"/>).</summary>
    private static int PrefixSum(int[] tree, int count)
    {
        int sum = 0;
        for (int i = count; i > 0; i -= i & -i)
            sum += tree[i];
        return sum;
    }
}
