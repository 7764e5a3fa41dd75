
namespace Search.Browser.Tests;

/// <summary>The documents the browser tests search: enough for three pages, two tags, and one document full of markup.</summary>
internal static class TestCorpus
{
    /// <summary>Documents that say "kabul": 24, one a day from 2021-08-01, so a page of 10 leaves two more pages.</summary>
    public const int KabulDocuments = 24;

    /// <summary>Markup that must reach the page as text: it would set <c>window.__xss</c> if it ever ran.</summary>
    public const string Script = "<script>window.__xss=1</script>";

    public const string Bold = "<b>bold</b>";

    public static IEnumerable<SeedDocument> Documents()
    {
        string[] places = ["usa", "afghanistan", "pakistan"];
        for (int i = 1; i <= KabulDocuments; i++)
        {
            string place = places[i % places.Length];
            yield return new SeedDocument(
                $"2021/08/kabul-{i:00}.txt",
                $"Kabul evacuation update {i}",
                $"Flights left Kabul airport on day {i} of the evacuation.\n\nThe report from {place} counted {i * 100} passengers.",
                new DateOnly(2021, 8, i))
            {
                Tags = new Dictionary<string, IReadOnlyList<string>> { ["places"] = [place], ["topics"] = ["evacuation"] },
            };
        }
        yield return new SeedDocument(
            "2021/07/markup.txt",
            $"{Script} {Bold} notice",
            $"A notice written with {Script} and {Bold} in its text.",
            new DateOnly(2021, 7, 31))
        {
            Tags = new Dictionary<string, IReadOnlyList<string>> { ["places"] = ["<i>nowhere</i>"], ["topics"] = ["markup"] },
        };
    }

    /// <summary>How many documents carry <paramref name="place"/>, as the facet should count them.</summary>
    public static int WithPlace(string place) => Documents().Count(d => d.Tags.TryGetValue("places", out var values) && values.Contains(place));
}
