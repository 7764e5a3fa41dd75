using System.Globalization;
using Lucene.Net.Search;
using Search.Indexing;

namespace Search.Querying;

/// <summary>Reads dates written in queries (<c>date:2021-08-14</c>, <c>date:2021-08</c>, <c>date:2021</c>,
/// <c>date:[2021-01-01 TO 2021-12-31]</c>) into numeric queries on the day numbers the index stores.
/// Always invariant culture: a date never depends on the machine's settings.</summary>
internal static class DateTerms
{
    public const string Form = "YYYY-MM-DD (or YYYY-MM, or YYYY), from 0001-01-01 to 9999-12-31";

    /// <summary>The query for one day, month or year.</summary>
    public static Query? ForTerm(string text)
    {
        (DateOnly first, DateOnly last)? span = ParseSpan(text);
        return span is { } s ? Range(IndexSchema.DateValue(s.first), IndexSchema.DateValue(s.last)) : null;
    }

    /// <summary>The query for a range; <c>*</c> leaves a side open. A month or year as the lower bound means its
    /// first day, as the upper bound its last day. Returns null when a bound is not a date.</summary>
    public static Query? ForRange(string? lower, string? upper, bool includeLower, bool includeUpper, out string? badBound)
    {
        badBound = null;
        long? from = null, to = null;
        if (!IsOpen(lower))
        {
            if (ParseSpan(lower!) is not { } span)
            {
                badBound = lower;
                return null;
            }
            from = includeLower ? IndexSchema.DateValue(span.First) : IndexSchema.DateValue(span.Last) + 1;
        }
        if (!IsOpen(upper))
        {
            if (ParseSpan(upper!) is not { } span)
            {
                badBound = upper;
                return null;
            }
            to = includeUpper ? IndexSchema.DateValue(span.Last) : IndexSchema.DateValue(span.First) - 1;
        }
        return Range(from, to);
    }

    /// <summary>The numeric range over stored day numbers, both ends inclusive, either open.</summary>
    private static NumericRangeQuery<long> Range(long? from, long? to) =>
        NumericRangeQuery.NewInt64Range(IndexSchema.Date, IndexSchema.DatePrecisionStep, from, to, true, true);

    /// <summary>The same range as a filter, for <see cref="SearchRequest.DateFrom"/> and <see cref="SearchRequest.DateTo"/>.</summary>
    public static Filter Filter(DateOnly? from, DateOnly? to) =>
        NumericRangeFilter.NewInt64Range(IndexSchema.Date, IndexSchema.DatePrecisionStep,
            from is DateOnly first ? IndexSchema.DateValue(first) : null,
            to is DateOnly last ? IndexSchema.DateValue(last) : null, true, true);

    private static bool IsOpen(string? bound) => bound is null or "*";

    private static (DateOnly First, DateOnly Last)? ParseSpan(string text)
    {
        CultureInfo invariant = CultureInfo.InvariantCulture;
        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", invariant, DateTimeStyles.None, out DateOnly day))
            return (day, day);
        if (text.Length == 7 && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", invariant, DateTimeStyles.None, out DateOnly month))
            return (month, new DateOnly(month.Year, month.Month, DateTime.DaysInMonth(month.Year, month.Month))); // AddMonths fails after 9999-12
        if (text.Length == 4 && int.TryParse(text, NumberStyles.None, invariant, out int year) && year >= 1)
            return (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        return null;
    }
}
