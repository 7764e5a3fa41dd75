using System.Text.Encodings.Web;
using System.Text.Json;
using Search.Cli.Output;

namespace Search.Cli.Tests;

public class TerminalTextTests
{
    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Theory]
    [InlineData("a\u001b[2Jb", "a\uFFFD[2Jb")]
    [InlineData("bell\u0007", "bell\uFFFD")]
    [InlineData("del\u007f c1\u0085\u009b", "del\uFFFD c1\uFFFD\uFFFD")]
    [InlineData("\u202Ato\u202E and \u2066to\u2069", "\uFFFDto\uFFFD and \uFFFDto\uFFFD")]
    [InlineData("two\nlines\r\nthree\u2028four", "two\uFFFDlines\uFFFD\uFFFDthree\uFFFDfour")]
    [InlineData("tab\there", "tab here")]
    public void Line_UnsafeCharacters_BecomeVisibleReplacementsOfTheSameLength(string text, string expected)
    {
        Assert.Equal(expected, TerminalText.Line(text));
    }

    [Fact]
    public void Line_LoneSurrogates_AreReplacedAndPairsKept()
    {
        Assert.Equal("lone \uFFFD high, \U0001F600, lone \uFFFD low", TerminalText.Line("lone \uD800 high, \U0001F600, lone \uDC00 low"));
    }

    [Theory]
    [InlineData("emoji \U0001F600 and CJK 漢字")]
    [InlineData("marks \u200E \u200F \u061C stay")]
    [InlineData("private use \uE000 \uE001 stays")]
    [InlineData("&amp; <mark>")]
    public void Line_OrdinaryText_IsUnchanged(string text)
    {
        Assert.Same(text, TerminalText.Line(text));
    }

    [Fact]
    public void Block_LineEnds_StayAndOtherControlsAreReplaced()
    {
        Assert.Equal("one\ntwo\r\nthree\uFFFD\uFFFDfour", TerminalText.Block("one\ntwo\r\nthree\r\u001bfour"));
    }

    [Fact]
    public void WriteHighlighted_LibraryMarkup_ShowsTheFilesOwnTextWithOnlyTheTagsColoured()
    {
        var output = new StringWriter();

        TerminalText.WriteHighlighted(new TerminalWriter(output),
            "<mark>Fish</mark> &amp;amp; &lt;mark&gt;x&lt;/mark&gt; \uE000y\uE001 \u001b[2J <mark>chips</mark>", color: true);

        Assert.Equal("\u001b[1;33mFish\u001b[0m &amp; <mark>x</mark> \uE000y\uE001 \uFFFD[2J \u001b[1;33mchips\u001b[0m", output.ToString());
    }

    [Fact]
    public void EscapeForJson_TerminalControls_BecomeEscapesThatParseBackExactly()
    {
        const string text = "rlo \u202E c1 \u0085\u009b iso \u2066\u2069 ls \u2028 <mark>x</mark> \uE000";
        string json = JsonSerializer.Serialize(text, RelaxedJson);

        string escaped = TerminalText.EscapeForJson(json);

        Assert.DoesNotContain(escaped, c => c is >= '\u0080' and <= '\u009F' or >= '\u2028' and <= '\u202E' or >= '\u2066' and <= '\u2069');
        Assert.Contains("<mark>x</mark>", escaped, StringComparison.Ordinal);
        Assert.Equal(text, JsonSerializer.Deserialize<string>(escaped));
    }
}
