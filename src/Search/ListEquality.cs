namespace Search;

/// <summary>Element-by-element equality for the lists in output records, whose compiler-made equality would compare the
/// lists by reference and so call two identical results different.</summary>
internal static class ListEquality
{
    public static bool Equal<T>(IReadOnlyList<T> left, IReadOnlyList<T> right) =>
        ReferenceEquals(left, right) || (left is not null && right is not null && left.SequenceEqual(right));

    public static int Hash<T>(IReadOnlyList<T> list)
    {
        if (list is null)
            return 0;
        var hash = new HashCode();
        foreach (T item in list)
            hash.Add(item);
        return hash.ToHashCode();
    }

    /// <summary>Whether two tag sets hold the same names (in any order), each with the same values in the same order.</summary>
    public static bool Equal(IReadOnlyDictionary<string, IReadOnlyList<string>> left, IReadOnlyDictionary<string, IReadOnlyList<string>> right)
    {
        if (ReferenceEquals(left, right))
            return true;
        if (left is null || right is null || left.Count != right.Count)
            return false;
        foreach ((string name, IReadOnlyList<string> values) in left)
        {
            if (!right.TryGetValue(name, out IReadOnlyList<string>? others) || !Equal(values, others))
                return false;
        }
        return true;
    }

    /// <summary>A hash of a tag set that does not depend on the order of its names, as <see cref="Equal(IReadOnlyDictionary{string, IReadOnlyList{string}}, IReadOnlyDictionary{string, IReadOnlyList{string}})"/> does not.</summary>
    public static int Hash(IReadOnlyDictionary<string, IReadOnlyList<string>> tags)
    {
        if (tags is null)
            return 0;
        int hash = tags.Count;
        foreach ((string name, IReadOnlyList<string> values) in tags)
            hash = unchecked(hash + HashCode.Combine(name, Hash(values))); // a sum: the same for every order
        return hash;
    }
}
