using System.Globalization;

namespace Search.AspNetCore.Tests;

/// <summary>A small collection of news-like documents: ids with slashes, several years, two tags, one undated note.</summary>
internal static class Corpus
{
    public static readonly SeedDocument[] News =
    [
        Doc("news/2019/oil-prices", "Oil prices rise", "Crude oil prices rose sharply after the producers cut their output.", "2019-03-01",
            ("topic", ["energy", "markets"]), ("region", ["opec"])),
        Doc("news/2019/wheat", "Wheat harvest breaks a record", "The wheat harvest in Kansas was the largest farmers remember.", "2019-07-15",
            ("topic", ["agriculture"]), ("region", ["usa"])),
        Doc("news/2020/oil-glut", "Oil glut deepens", "Storage tanks fill up as demand for crude oil collapses and prices fall.", "2020-04-20",
            ("topic", ["energy"]), ("region", ["usa"])),
        Doc("news/2020/bank-rates", "Central bank cuts rates", "The central bank cut interest rates to calm the markets.", "2020-03-15",
            ("topic", ["markets", "finance"]), ("region", ["europe"])),
        Doc("news/2021/solar", "Solar power grows", "Solar panels now make more energy than coal plants in the region.", "2021-06-01",
            ("topic", ["energy"]), ("region", ["europe"])),
        Doc("news/2021/coffee", "Coffee prices climb", "Coffee prices rose after a frost hit the plantations of Brazil.", "2021-07-30",
            ("topic", ["agriculture", "markets"]), ("region", ["brazil"])),
        Doc("news/2022/gas", "Gas prices soar", "Natural gas prices soared as the energy crisis spread across the continent.", "2022-09-01",
            ("topic", ["energy"]), ("region", ["europe"])),
        new SeedDocument("notes/undated", "A note on oil", "An undated note about oil and its refineries."),
    ];

    /// <summary><paramref name="count"/> market reports, all matching <c>report</c>, several sharing each date (ties for
    /// paging by date).</summary>
    public static IEnumerable<SeedDocument> Reports(int count, string prefix = "reports/")
    {
        for (int i = 0; i < count; i++)
        {
            string number = i.ToString("D3", CultureInfo.InvariantCulture);
            yield return new SeedDocument($"{prefix}{number}", $"Market report {number}",
                $"Market report {number} on oil and grain. " + string.Concat(Enumerable.Repeat("report ", 1 + (i % 4))),
                new DateOnly(2020, 1, 1).AddDays(i % 5));
        }
    }

    private static SeedDocument Doc(string id, string title, string body, string date, params (string Name, string[] Values)[] tags) =>
        new(id, title, body, DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture))
        {
            Tags = tags.ToDictionary(t => t.Name, IReadOnlyList<string> (t) => t.Values, StringComparer.Ordinal),
        };
}
