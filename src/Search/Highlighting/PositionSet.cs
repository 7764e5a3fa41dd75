using System.Numerics;

namespace Search.Highlighting;

/// <summary>
/// A set of positions in a text, one bit each, with a summary bit for each 64 that holds a member, so the nearest member
/// to a position is found in a few word operations for every 4,096 characters searched.
/// </summary>
internal sealed class PositionSet
{
    private readonly ulong[] _words;
    private readonly ulong[] _summary;

    /// <summary>An empty set of positions in [0, <paramref name="length"/>).</summary>
    public PositionSet(int length)
    {
        _words = new ulong[(length + 63) >> 6];
        _summary = new ulong[(_words.Length + 63) >> 6];
    }

    /// <summary>Sets the 64 positions from <c>64 * <paramref name="word"/></c> at once; each word is set only once.</summary>
    public void SetWord(int word, ulong bits)
    {
        _words[word] = bits;
        if (bits != 0)
            _summary[word >> 6] |= 1UL << word;
    }

    /// <summary>The smallest member in [<paramref name="from"/>, <paramref name="to"/>], or -1.</summary>
    public int Next(int from, int to)
    {
        from = Math.Max(from, 0);
        to = Math.Min(to, (_words.Length << 6) - 1);
        if (from > to)
            return -1;
        int word = from >> 6;
        ulong bits = _words[word] & (~0UL << from);
        if (bits == 0)
        {
            word = NextWord(word + 1, to >> 6);
            if (word < 0)
                return -1;
            bits = _words[word];
        }
        int found = (word << 6) + BitOperations.TrailingZeroCount(bits);
        return found <= to ? found : -1;
    }

    /// <summary>The largest member in [<paramref name="floor"/>, <paramref name="from"/>], or -1.</summary>
    public int Previous(int from, int floor)
    {
        from = Math.Min(from, (_words.Length << 6) - 1);
        floor = Math.Max(floor, 0);
        if (from < floor)
            return -1;
        int word = from >> 6;
        ulong bits = _words[word] & (~0UL >> (63 - (from & 63)));
        if (bits == 0)
        {
            word = PreviousWord(word - 1, floor >> 6);
            if (word < 0)
                return -1;
            bits = _words[word];
        }
        int found = (word << 6) + 63 - BitOperations.LeadingZeroCount(bits);
        return found >= floor ? found : -1;
    }

    /// <summary>The first non-empty word in [<paramref name="from"/>, <paramref name="last"/>], or -1.</summary>
    private int NextWord(int from, int last)
    {
        if (from > last)
            return -1;
        int block = from >> 6;
        ulong bits = _summary[block] & (~0UL << from);
        while (bits == 0)
        {
            if (++block > last >> 6)
                return -1;
            bits = _summary[block];
        }
        int found = (block << 6) + BitOperations.TrailingZeroCount(bits);
        return found <= last ? found : -1;
    }

    /// <summary>The last non-empty word in [<paramref name="first"/>, <paramref name="from"/>], or -1.</summary>
    private int PreviousWord(int from, int first)
    {
        if (from < first)
            return -1;
        int block = from >> 6;
        ulong bits = _summary[block] & (~0UL >> (63 - (from & 63)));
        while (bits == 0)
        {
            if (--block < first >> 6)
                return -1;
            bits = _summary[block];
        }
        int found = (block << 6) + 63 - BitOperations.LeadingZeroCount(bits);
        return found >= first ? found : -1;
    }
}
