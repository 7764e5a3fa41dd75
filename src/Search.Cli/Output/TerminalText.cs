using System.Text;

namespace Search.Cli.Output;

/// <summary>
/// Text for a person at a terminal. Highlights arrive wrapped in private-use marker characters (never HTML),
/// and become bold yellow on a colour terminal or nothing when redirected. Control characters from documents
/// are neutralised so a document cannot move the cursor or change colours.
/// </summary>
internal static class TerminalText
{
    /// <summary>The highlight tags the CLI asks the library for in human output.</summary>
    public const string MatchStart = "\uE000";

    /// <summary>Closes <see cref="MatchStart"/>.</summary>
    public const string MatchEnd = "\uE001";

    private const string Bold = "\u001b[1;33m";
    private const string Dim = "\u001b[2m";
    private const string Reset = "\u001b[0m";

    public static string Render(string text, bool color)
    {
        var output = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            switch (c)
            {
                case '\uE000':
                    if (color)
                        output.Append(Bold);
                    break;
                case '\uE001':
                    if (color)
                        output.Append(Reset);
                    break;
                case '\t':
                    output.Append(' ');
                    break;
                default:
                    output.Append(char.IsControl(c) && c != '\n' ? '\uFFFD' : c);
                    break;
            }
        }
        return output.ToString();
    }

    /// <summary>How many terminal columns <paramref name="text"/> takes: two for wide characters, none for combining marks.</summary>
    public static int Width(ReadOnlySpan<char> text)
    {
        int columns = 0;
        foreach (Rune rune in text.EnumerateRunes())
            columns += Math.Max(0, Wcwidth.UnicodeCalculator.GetWidth(rune));
        return columns;
    }

    /// <summary>Secondary text (ids, counts), dimmed on a colour terminal.</summary>
    public static string Faint(string text, bool color) => color ? Dim + Render(text, color) + Reset : Render(text, color);
}
