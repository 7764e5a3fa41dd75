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
}
