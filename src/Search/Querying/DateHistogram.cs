using System.Globalization;
using Search.Indexing;

namespace Search.Querying;

/// <summary>Turns counts per day into the buckets of a date histogram, labelled <c>2021</c>, <c>2021-08</c> or
/// <c>2021-08-14</c>, in date order, with every bucket between the first and the last non-empty one.</summary>
internal static class DateHistogram
{
    /// <summary>The buckets of <paramref name="unit"/> for <paramref name="days"/> (day number → count); when the first and
    /// last non-empty buckets span more than <paramref name="maxBuckets"/>, only the non-empty ones.</summary>
    public static IReadOnlyList<FacetValue> Buckets(IReadOnlyDictionary<long, long> days, DateUnit unit, int maxBuckets)
    {
        var counts = new SortedDictionary<long, long>();
        foreach ((long day, long count) in days)
        {
            long key = Key(IndexSchema.DateOf(day), unit);
            counts[key] = counts.GetValueOrDefault(key) + count;
        }
        if (counts.Count == 0)
            return [];
        long first = counts.Keys.First();
        long last = counts.Keys.Last();
        if (last - first + 1 > maxBuckets)
            return [.. counts.Select(pair => new FacetValue(Label(pair.Key, unit), pair.Value))];
        var buckets = new List<FacetValue>((int)(last - first + 1));
        for (long key = first; key <= last; key++)
            buckets.Add(new FacetValue(Label(key, unit), counts.GetValueOrDefault(key)));
        return buckets;
    }

    /// <summary>The bucket of a day as a number that counts buckets: the year, months since year 0, or the day number.</summary>
    private static long Key(DateOnly date, DateUnit unit) => unit switch
    {
        DateUnit.Year => date.Year,
        DateUnit.Month => date.Year * 12L + date.Month - 1,
        _ => IndexSchema.DateValue(date),
    };

    private static string Label(long key, DateUnit unit) => unit switch
    {
        DateUnit.Year => key.ToString("0000", CultureInfo.InvariantCulture),
        DateUnit.Month => string.Create(CultureInfo.InvariantCulture, $"{key / 12:0000}-{key % 12 + 1:00}"),
        _ => IndexSchema.DateOf(key).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}
