using System.Net;
using System.Text;
using CsCheck;

namespace Search.Tests.Highlighting;

/// <summary>
/// For any document text and any query, highlighted output is safe to put in a web page: the only markup in it is the
/// configured tags, balanced; it is valid UTF-16; and once the ellipsis at either end and the tags are removed and the
/// entities decoded, it is the document's own text.
/// </summary>
public sealed class HighlightPropertyTests
{
    private static readonly string[] TextPieces =
    [
        "<", ">", "&", "\"", "'", "<script>", "</script>", "<mark>", "</mark>", "<b>", "&amp;", "&lt;", "&#x41;", "&nbsp;", "🚀",
        "👩‍👩‍👧", "\ud800", "\udc00", "kabul", "Kabul", "KABUL", "war", "psychological", "taliban", "delhi", ".", "!", "?", "\n",
        "\n\n", " ", "  ", "\t", "é", "e\u0301", "ﬁ", "İ", "ı", "x", "river", "-", "(", ")", "\u200f", "\u0085", "\u2028", "'s",
    ];

    private static readonly string[] QueryPieces =
    [
        "kabul", "war", "\"psychological war\"", "taliban", "kab*", "kabul~1", "river | war", "x", "e", "script", "mark", "amp",
        "lt", "b", "-war", "+kabul", "\"kabul kabul\"", "🚀", "ı", "s",
    ];

    private static readonly (string Pre, string Post)[] Tags = [("<mark>", "</mark>"), ("<b class=\"hit\">", "</b>"), ("<em>", "</em>")];

    [Fact]
    public async Task Highlight_AnyTextAndQuery_HasOnlyTheTagsAsMarkupAndShowsTheDocumentsOwnText()
    {
        Gen<string> texts = Gen.OneOf(TextPieces).Array[0, 120].Select(string.Concat);
        Gen<string> queries = Gen.OneOf(QueryPieces).Array[1, 4].Select(parts => string.Join(' ', parts));

        await Gen.Select(texts, texts, queries, Gen.OneOf(Tags)).SampleAsync(async (title, body, query, tags) =>
        {
            using SearchIndex index = await TestDocs.IndexOf(TestDocs.Doc("d", title, body));
            var options = new HighlightOptions { PreTag = tags.Pre, PostTag = tags.Post, Fragments = 3, FragmentSize = 60 };

            foreach (SearchHit hit in index.Search(new SearchRequest(query) { Syntax = QuerySyntax.Simple, Highlight = options }).Hits)
            {
                SeedDocument stored = index.Get(hit.Id)!;
                AssertSafe(hit.HighlightedTitle!, stored.Title, tags);
                foreach (string snippet in hit.Snippets)
                    AssertSafe(Highlights.WithoutEllipsis(snippet, options.Ellipsis), stored.Body, tags);
                foreach (HighlightMatch match in hit.Matches)
                {
                    int length = match.Field == "title" ? stored.Title.Length : stored.Body.Length;
                    Assert.InRange(match.Start, 0, match.End - 1);
                    Assert.InRange(match.End, match.Start + 1, length);
                }
            }
        }, iter: 400, threads: 2);
    }

    private static void AssertSafe(string rendered, string original, (string Pre, string Post) tags)
    {
        Assert.True(Highlights.IsValidUtf16(rendered), "not valid UTF-16");
        // The tags alternate, opening first, and nothing else is markup.
        int depth = 0;
        for (int i = 0; i < rendered.Length; i++)
        {
            if (string.CompareOrdinal(rendered, i, tags.Pre, 0, tags.Pre.Length) == 0)
            {
                Assert.Equal(0, depth++);
                i += tags.Pre.Length - 1;
            }
            else if (string.CompareOrdinal(rendered, i, tags.Post, 0, tags.Post.Length) == 0)
            {
                Assert.Equal(1, depth--);
                i += tags.Post.Length - 1;
            }
            else
            {
                Assert.True(rendered[i] is not ('<' or '>'), $"markup outside the tags at {i}: {rendered}");
            }
        }
        Assert.Equal(0, depth);

        string shown = WebUtility.HtmlDecode(rendered.Replace(tags.Pre, "", StringComparison.Ordinal).Replace(tags.Post, "", StringComparison.Ordinal));
        Assert.Contains(Collapse(shown), Collapse(original), StringComparison.Ordinal);
    }

    /// <summary>Snippets show every run of white space as one space; compare texts the same way.</summary>
    private static string Collapse(string text)
    {
        var output = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (!char.IsWhiteSpace(c))
                output.Append(c);
            else if (output.Length == 0 || output[^1] != ' ')
                output.Append(' ');
        }
        return output.ToString().Trim();
    }
}
