using Search.Cli.Output;

namespace Search.Cli.Tests;

public class TerminalWriterTests
{
    [Fact]
    public void Write_EveryOverload_SanitisesAndKeepsLineFeeds()
    {
        var inner = new StringWriter();
        var writer = new TerminalWriter(inner);

        writer.Write('\u0007');
        writer.Write("a\u001b[2J\n".ToCharArray(), 0, 6);
        writer.Write("b\u202E".AsSpan());
        writer.WriteLine("c\u009b");
        writer.WriteLine("{0}", "d\u0085");

        Assert.Equal("\uFFFDa\uFFFD[2J\nb\uFFFDc\uFFFD\nd\uFFFD\n", inner.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void WriteStyled_OnlyThroughATerminalWriterWithColour_WritesColourCodes()
    {
        var plain = new StringWriter();
        var uncoloured = new StringWriter();
        var coloured = new StringWriter();

        TerminalWriter.WriteStyled(plain, "x", TerminalStyle.Match, color: true);
        TerminalWriter.WriteStyled(new TerminalWriter(uncoloured), "x", TerminalStyle.Match, color: false);
        TerminalWriter.WriteStyled(new TerminalWriter(coloured), "x\u001b", TerminalStyle.Faint, color: true);

        Assert.Equal("x", plain.ToString());
        Assert.Equal("x", uncoloured.ToString());
        Assert.Equal("\u001b[2mx\uFFFD\u001b[0m", coloured.ToString());
    }
}
