using System.Text.RegularExpressions;
using Search.Highlighting;
using static Search.Tests.Highlighting.Highlights;

namespace Search.Tests.Highlighting;

public sealed class HighlightEncodingTests
{
    [Fact]
    public async Task Search_ScriptInBody_IsEncodedByDefault()
    {
        SearchHit hit = await SingleHit("kabul", "Title", "<script>alert(1)</script> Kabul news");

        string snippet = Assert.Single(hit.Snippets);
        Assert.Equal("&lt;script&gt;alert(1)&lt;/script&gt; <mark>Kabul</mark> news", snippet);
    }

    [Fact]
    public async Task Search_MarkupInTitle_IsEncodedByDefault()
    {
        SearchHit hit = await SingleHit("kabul", "<b>Kabul</b> <img src=x onerror=alert(1)>", "Body.");

        Assert.Equal("&lt;b&gt;<mark>Kabul</mark>&lt;/b&gt; &lt;img src=x onerror=alert(1)&gt;", hit.HighlightedTitle);
    }

    [Theory]
    [InlineData("&")]
    [InlineData("<")]
    [InlineData(">")]
    [InlineData("\"")]
    [InlineData("'")]
    public async Task Search_HtmlSpecialCharacter_IsEncodedInTitleAndSnippets(string special)
    {
        string text = $"Rain {special} wind {special}{special} over Kabul{special}";

        SearchHit hit = await SingleHit("kabul", text, text);

        foreach (string rendered in new[] { hit.HighlightedTitle!, Assert.Single(hit.Snippets) })
        {
            string outsideTags = rendered.Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal);
            Assert.DoesNotContain(special, outsideTags.Replace("&amp;", "", StringComparison.Ordinal)
                .Replace("&lt;", "", StringComparison.Ordinal).Replace("&gt;", "", StringComparison.Ordinal)
                .Replace("&quot;", "", StringComparison.Ordinal).Replace("&#39;", "", StringComparison.Ordinal)
                .Replace("&apos;", "", StringComparison.Ordinal).Replace("&#x27;", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Equal(text, PlainText(rendered));
            Assert.Contains("<mark>Kabul</mark>", rendered, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Search_EncodeFalse_LeavesTextRaw()
    {
        var options = new HighlightOptions { Encode = false };

        SearchHit hit = await SingleHit("kabul", "Tom & Jerry's \"Kabul\"", "<b>Bold</b> & <i>Kabul</i>", options);

        Assert.Equal("Tom & Jerry's \"<mark>Kabul</mark>\"", hit.HighlightedTitle);
        Assert.Equal("<b>Bold</b> & <i><mark>Kabul</mark></i>", Assert.Single(hit.Snippets));
    }

    [Fact]
    public async Task Search_EncodeTrue_WritesTagsUnencoded()
    {
        var options = new HighlightOptions { PreTag = "<span class='m'>", PostTag = "</span>", Encode = true };

        SearchHit hit = await SingleHit("kabul", "Kabul", "A & B in Kabul.", options);

        Assert.Equal("A &amp; B in <span class='m'>Kabul</span>.", Assert.Single(hit.Snippets));
    }

    [Fact]
    public async Task Search_EmojiInText_StaysIntact()
    {
        SearchHit hit = await SingleHit("kabul", "😀 Kabul 😀", "Flood 😀 warning for Kabul 👍🏽 tonight.");

        Assert.Equal("😀 <mark>Kabul</mark> 😀", hit.HighlightedTitle);
        Assert.Equal("Flood 😀 warning for <mark>Kabul</mark> 👍🏽 tonight.", Assert.Single(hit.Snippets));
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    public async Task Search_RunOfEmojiLongerThanFragment_IsCutBetweenCharacters(string prefix)
    {
        string body = prefix + string.Concat(Enumerable.Repeat("😀", 100));

        SearchHit hit = await SingleHit("kabul", "Kabul", body, new HighlightOptions { FragmentSize = 20 });

        string snippet = Assert.Single(hit.Snippets);
        Assert.EndsWith("…", snippet, StringComparison.Ordinal);
        snippet = snippet[..^1];
        Assert.True(IsValidUtf16(snippet), "The snippet holds a lone surrogate.");
        Assert.InRange(snippet.Length, 19, 20);
        Assert.StartsWith(snippet, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Search_LoneSurrogatesInText_OutputIsValidUtf16(bool encode)
    {
        const string text = "Broken \uD83D here and \uDE00 there, Kabul \uDE00\uD83D end";

        SearchHit hit = await SingleHit("kabul", text, text, new HighlightOptions { Encode = encode });

        Assert.True(IsValidUtf16(hit.HighlightedTitle!), "The title holds a lone surrogate.");
        Assert.True(IsValidUtf16(Assert.Single(hit.Snippets)), "The snippet holds a lone surrogate.");
        Assert.Contains("<mark>Kabul</mark>", hit.HighlightedTitle, StringComparison.Ordinal);
    }

    // ---- Markup, the renderer behind both ----

    // Lone surrogates are written as \\uXXXX escapes: xUnit's theory-data serialisation would repair them before the test ran.
    [Theory]
    [InlineData(@"a&b<c>d""e'f", true, "a&amp;b&lt;c&gt;d&quot;e&#39;f")]
    [InlineData(@"a&b<c>d""e'f", false, @"a&b<c>d""e'f")]
    [InlineData(@"\uD83D\uDE00 x \uD83D\uDC4D", true, @"\uD83D\uDE00 x \uD83D\uDC4D")]
    [InlineData(@"lone \uD83D high", true, @"lone \uFFFD high")]
    [InlineData(@"lone \uDE00 low", false, @"lone \uFFFD low")]
    [InlineData(@"\uDE00\uD83D swapped", true, @"\uFFFD\uFFFD swapped")]
    [InlineData(@"ends high \uD83D", true, @"ends high \uFFFD")]
    public void Markup_AppendText_EncodesAndRepairsSurrogates(string escapedText, bool encode, string escapedExpected)
    {
        var output = new System.Text.StringBuilder();

        Markup.AppendText(output, Regex.Unescape(escapedText), encode);

        Assert.Equal(Regex.Unescape(escapedExpected), output.ToString());
    }

    [Fact]
    public void Markup_AppendTextCollapsing_TurnsEachWhiteSpaceRunIntoOneSpace()
    {
        var output = new System.Text.StringBuilder();

        Markup.AppendText(output, "a \t\r\n b\u00A0\u2028c  ", encode: true, collapseWhiteSpace: true);

        Assert.Equal("a b c ", output.ToString());
    }

    [Fact]
    public void Markup_Render_WrapsOnlyMatchesInsideTheWindow()
    {
        const string text = "one kabul two kabul three kabul";
        TextSpan[] matches = [new(4, 9), new(14, 19), new(26, 31)];

        string rendered = Markup.Render(text, new TextSpan(10, 25), matches, new HighlightOptions(), collapseWhiteSpace: false);

        Assert.Equal("two <mark>kabul</mark> three", rendered);
    }

    [Fact]
    public void Markup_Render_MatchLongerThanWindow_MarksTheVisiblePart()
    {
        const string text = "Kabul Taliban Kabul Taliban";
        TextSpan[] matches = [new(0, 27)];

        string rendered = Markup.Render(text, new TextSpan(0, 19), matches, new HighlightOptions(), collapseWhiteSpace: false);

        Assert.Equal("<mark>Kabul Taliban Kabul</mark>", rendered);
    }
}
