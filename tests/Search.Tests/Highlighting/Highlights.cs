using System.Net;
using System.Text;

namespace Search.Tests.Highlighting;

/// <summary>Runs one highlighted search over a fresh in-memory index and reads its output back.</summary>
internal static class Highlights
{
    /// <summary>Words that match none of the queries the highlighting tests use.</summary>
    private static readonly string[] FillerWords = ["river", "bank", "stone", "market", "road", "field", "orange", "window", "cloud", "garden"];

    public static async Task<SearchHit> SingleHit(string query, SeedDocument document, HighlightOptions? options = null)
    {
        using SearchIndex index = await TestDocs.IndexOf(document);
        SearchResults results = index.Search(new SearchRequest(query) { Highlight = options ?? new HighlightOptions() });
        return Assert.Single(results.Hits);
    }

    public static Task<SearchHit> SingleHit(string query, string title, string body, HighlightOptions? options = null) =>
        SingleHit(query, TestDocs.Doc("doc", title, body), options);

    /// <summary>The document text a rendered snippet shows: the ellipsis at either end, the tags removed, entities decoded.</summary>
    public static string PlainText(string rendered, HighlightOptions? options = null)
    {
        options ??= new HighlightOptions();
        rendered = WithoutEllipsis(rendered, options.Ellipsis);
        string text = rendered.Replace(options.PreTag, "", StringComparison.Ordinal).Replace(options.PostTag, "", StringComparison.Ordinal);
        return options.Encode ? WebUtility.HtmlDecode(text) : text;
    }

    /// <summary><paramref name="rendered"/> without <paramref name="ellipsis"/> at its start and at its end.</summary>
    public static string WithoutEllipsis(string rendered, string ellipsis)
    {
        if (ellipsis.Length == 0)
            return rendered;
        if (rendered.StartsWith(ellipsis, StringComparison.Ordinal))
            rendered = rendered[ellipsis.Length..];
        return rendered.EndsWith(ellipsis, StringComparison.Ordinal) ? rendered[..^ellipsis.Length] : rendered;
    }

    /// <summary>Single-spaced filler of exactly <paramref name="length"/> characters, starting and ending with a word.</summary>
    public static string Filler(int length)
    {
        var text = new StringBuilder(length + 16);
        for (int i = 0; text.Length < length; i++)
        {
            if (text.Length > 0)
                text.Append(' ');
            text.Append(FillerWords[i % FillerWords.Length]);
        }
        text.Length = length;
        if (text[^1] == ' ')
            text[^1] = 'x';
        return text.ToString();
    }

    /// <summary>Deterministic sentences of filler, query words ("psychological war", "kabul", "taliban"), emoji,
    /// quotes and text glued to words ("war-related", "war?)"), single-spaced so that a snippet's text is a
    /// substring of the body.</summary>
    public static string RandomBody(int seed)
    {
        var random = new Random(seed);
        string[] words =
        [
            "a", "of", "the", "river", "market", "extraordinarily", "x", "\U0001F600", "roads,", "(field)", "\u201Cquoted\u201D",
            "kabul", "Kabul,", "taliban", "war", "war-related", "war?)", "psychological war", "psychological war,", "psychological",
        ];
        var text = new StringBuilder();
        int count = random.Next(5, 150);
        for (int i = 0; i < count; i++)
        {
            if (text.Length > 0)
                text.Append(' ');
            text.Append(words[random.Next(words.Length)]);
            if (random.Next(8) == 0)
                text.Append(random.Next(3) switch { 0 => ".", 1 => "!", _ => "?\u201D" });
        }
        return text.ToString();
    }

    public static int CountOf(string text, string value)
    {
        int count = 0;
        for (int i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    public static bool IsValidUtf16(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(text[i]))
                return false;
        }
        return true;
    }
}
