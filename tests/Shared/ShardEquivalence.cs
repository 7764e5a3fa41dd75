using System.Text;
using System.Text.RegularExpressions;
using Search;

namespace Search.Tests;

/// <summary>
/// What "a sharded index answers as one index does" is checked with: the Reuters sample (200 real articles with their
/// tags), a few hundred requests generated from its own words, ids and tags (every syntax, sort, date range, filter,
/// facet, offset, cursor page, similar-to, completion and did-you-mean), and a comparison of two results that names the
/// request and the first difference.
/// </summary>
internal static partial class ShardEquivalence
{
    /// <summary>The Reuters sample's folder, copied beside the tests.</summary>
    public static string ReutersSample => Path.Combine(AppContext.BaseDirectory, "corpora", "reuters-sample");

    /// <summary>The sample's metadata table (topics, places, people, ...).</summary>
    public static string ReutersMetadata => Path.Combine(ReutersSample, "meta.tsv");

    /// <summary>Every document of <paramref name="index"/>, as stored, tags included.</summary>
    public static List<SeedDocument> AllDocuments(SearchIndex index) =>
        [.. index.Search(new SearchRequest("") { Size = 10_000, Highlight = null }).Hits.Select(h => index.Get(h.Id)!)];

    /// <summary>A search request and how many further pages to follow with its cursors.</summary>
    public sealed record Case(SearchRequest Request, int FollowPages);

    /// <summary><paramref name="count"/> requests made from <paramref name="documents"/>' words, ids and tags.</summary>
    public static List<Case> Requests(IReadOnlyList<SeedDocument> documents, int count, int seed)
    {
        var random = new Random(seed);
        List<string> words = [.. documents.SelectMany(d => Words().Matches(d.Title + " " + d.Body).Select(m => m.Value.ToLowerInvariant()))
            .Where(w => w.Length >= 4).Distinct().Order(StringComparer.Ordinal)];
        List<string[]> titles = [.. documents.Select(d => Words().Matches(d.Title).Select(m => m.Value.ToLowerInvariant()).ToArray()).Where(t => t.Length >= 3)];
        List<(string Tag, string Value)> tags = [.. documents.SelectMany(d => d.Tags.SelectMany(t => t.Value.Select(v => (t.Key, v))))
            .Where(t => t.Key is "topics" or "places").Distinct().OrderBy(t => t.Key, StringComparer.Ordinal).ThenBy(t => t.v, StringComparer.Ordinal)];
        string Word() => words[random.Next(words.Count)];
        string Typo(string word) => word.Length < 5 ? word : word.Remove(random.Next(1, word.Length - 1), 1);
        string Phrase()
        {
            string[] title = titles[random.Next(titles.Count)];
            int start = random.Next(title.Length - 1);
            return string.Join(' ', title[start..Math.Min(title.Length, start + 2 + random.Next(2))]);
        }

        var cases = new List<Case>(count);
        for (int i = 0; i < count; i++)
        {
            (string query, QuerySyntax syntax) = (i % 22) switch
            {
                0 => (Word(), QuerySyntax.Lucene),
                1 => ($"{Word()} {Word()}", QuerySyntax.Lucene),
                2 => ($"{Word()} AND {Word()[..3]}*", QuerySyntax.Lucene),
                3 => ($"\"{Phrase()}\"", QuerySyntax.Lucene),
                4 => ($"\"{Phrase()}\"~3 {Word()}", QuerySyntax.Lucene),
                5 => ($"{Word()}~1", QuerySyntax.Lucene),
                6 => ($"{Word()}~2 {Word()}", QuerySyntax.Lucene),
                7 => ($"{Word()[..Math.Min(4, 2 + i % 3)]}*", QuerySyntax.Lucene),
                8 => ($"{Word()[..2]}?{Word()[..1]}*", QuerySyntax.Lucene),
                9 => ($"title:{Word()} OR body:{Word()}", QuerySyntax.Lucene),
                10 => ($"{tags[random.Next(tags.Count)].Tag}:{tags[random.Next(tags.Count)].Value} {Word()}", QuerySyntax.Lucene),
                11 => ($"{Word()} -{Word()}", QuerySyntax.Lucene),
                12 => ($"-{Word()}", QuerySyntax.Lucene),
                13 => ("*", QuerySyntax.Lucene),
                14 => ($"{Word()}^3 {Word()}", QuerySyntax.Lucene),
                15 => ($"{Word()} {Word()}", QuerySyntax.Simple),
                16 => ($"{Typo(Word())} {Word()}", QuerySyntax.Simple),
                17 => ($"{Typo(Word())}", QuerySyntax.Simple),
                18 => ($"\"{Phrase()}\" {Typo(Word())}", QuerySyntax.Simple),
                19 => ($"the {Word()} of", QuerySyntax.Simple),
                20 => ($"{Typo(Word())} {Word()}", QuerySyntax.Lucene), // did-you-mean in the Lucene syntax
                _ => ("", QuerySyntax.Lucene),
            };
            var request = new SearchRequest(i % 22 == 21 ? "" : query)
            {
                Syntax = syntax,
                SimilarTo = i % 22 == 21 ? documents[random.Next(documents.Count)].Id : null,
                AsYouType = syntax == QuerySyntax.Simple && random.Next(3) == 0,
                Sort = (SearchSort)random.Next(3),
                Size = random.Next(6) == 0 ? 0 : 1 + random.Next(12),
                Highlight = random.Next(5) switch
                {
                    0 => null,
                    1 => new HighlightOptions { PreTag = "[", PostTag = "]", Fragments = 2, FragmentSize = 80 },
                    _ => new HighlightOptions(),
                },
            };
            if (random.Next(4) == 0)
                request = request with { DateFrom = new DateOnly(1987, 3, 1).AddDays(random.Next(40)), DateTo = random.Next(2) == 0 ? null : new DateOnly(1987, 4, 15).AddDays(random.Next(60)) };
            if (random.Next(4) == 0)
            {
                (string tag, string value) = tags[random.Next(tags.Count)];
                request = request with { Filters = new Dictionary<string, IReadOnlyList<string>> { [tag] = [value, tags[random.Next(tags.Count)].Value] } };
            }
            if (random.Next(3) == 0)
            {
                request = request with
                {
                    Facets = random.Next(2) == 0 ? ["topics", "date:month"] : ["places", "date:day", "topics"],
                    FacetSize = 1 + random.Next(8),
                };
            }
            int follow = 0;
            if (random.Next(3) == 0)
                request = request with { Offset = random.Next(15) };
            else if (request.Size > 0 && random.Next(2) == 0)
                follow = 1 + random.Next(3);
            cases.Add(new Case(request, follow));
        }
        return cases;
    }

    /// <summary>Texts to complete, from the documents' words: one, two and three letters, after earlier words or not.</summary>
    public static List<string> Completions(IReadOnlyList<SeedDocument> documents, int count, int seed)
    {
        var random = new Random(seed);
        List<string> words = [.. documents.SelectMany(d => Words().Matches(d.Body).Select(m => m.Value.ToLowerInvariant())).Where(w => w.Length >= 4).Distinct().Order(StringComparer.Ordinal)];
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            string word = words[random.Next(words.Count)];
            string partial = word[..(1 + i % 3)];
            return i % 2 == 0 ? partial : $"{words[random.Next(words.Count)]} {partial}";
        })];
    }

    /// <summary>Fails, naming <paramref name="context"/> and the first difference, unless the two results are the same
    /// answer: totals, hits (every property, scores exactly), cursor, partiality, suggestion, dropped stop words, facets.</summary>
    public static void AssertSame(SearchResults expected, SearchResults actual, string context)
    {
        Check(expected.TotalHits == actual.TotalHits, context, $"TotalHits {expected.TotalHits} != {actual.TotalHits}");
        Check(expected.IsPartial == actual.IsPartial, context, $"IsPartial {expected.IsPartial} != {actual.IsPartial}");
        Check(expected.Hits.Count == actual.Hits.Count, context,
            $"{expected.Hits.Count} hits != {actual.Hits.Count}: [{string.Join(", ", expected.Hits.Select(h => h.Id))}] vs [{string.Join(", ", actual.Hits.Select(h => h.Id))}]");
        for (int i = 0; i < expected.Hits.Count; i++)
        {
            SearchHit e = expected.Hits[i], a = actual.Hits[i];
            Check(e.Id == a.Id, context, $"hit {i}: {e.Id} ({e.Score:R}) != {a.Id} ({a.Score:R})");
            Check(e.Score.Equals(a.Score), context, $"hit {i} ({e.Id}): score {e.Score:R} != {a.Score:R}");
            Check(e.Equals(a), context, $"hit {i} ({e.Id}) differs: {Describe(e)} vs {Describe(a)}");
        }
        Check(expected.Next == actual.Next, context, $"Next {expected.Next ?? "null"} != {actual.Next ?? "null"}");
        Check(expected.Suggestion == actual.Suggestion, context, $"Suggestion {expected.Suggestion ?? "null"} != {actual.Suggestion ?? "null"}");
        Check(expected.DroppedStopWords.SequenceEqual(actual.DroppedStopWords), context, "DroppedStopWords differ");
        Check(expected.Facets.Keys.Order(StringComparer.Ordinal).SequenceEqual(actual.Facets.Keys.Order(StringComparer.Ordinal)), context, "facet names differ");
        foreach ((string name, IReadOnlyList<FacetValue> values) in expected.Facets)
        {
            Check(values.SequenceEqual(actual.Facets[name]), context,
                $"facet {name}: [{string.Join(", ", values)}] != [{string.Join(", ", actual.Facets[name])}]");
        }
    }

    /// <summary>A request as a line of text for failure messages.</summary>
    public static string Describe(SearchRequest r) =>
        $"query '{r.Query}' ({r.Syntax}{(r.AsYouType ? ", as you type" : "")}), similar {r.SimilarTo ?? "-"}, sort {r.Sort}, size {r.Size}, offset {r.Offset}, " +
        $"dates {r.DateFrom}..{r.DateTo}, filters {string.Join(";", r.Filters.Select(f => f.Key + "=" + string.Join(",", f.Value)))}, " +
        $"facets {string.Join(",", r.Facets)}/{r.FacetSize}, highlight {(r.Highlight is null ? "off" : "on")}, after {r.After ?? "-"}";

    private static string Describe(SearchHit h) =>
        $"{{title '{h.HighlightedTitle}', date {h.Date}, path {h.Path}, snippets [{string.Join(" | ", h.Snippets)}], matches {h.Matches.Count}, tags {h.Tags.Count}}}";

    private static void Check(bool same, string context, string difference)
    {
        if (!same)
            throw new Xunit.Sdk.XunitException($"{context}: {difference}");
    }

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Words();
}
