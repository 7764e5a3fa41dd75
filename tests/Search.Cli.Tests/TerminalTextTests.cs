using Search.Cli.Output;

namespace Search.Cli.Tests;

public class TerminalTextTests
{
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
}
