using System.Net;
using System.Text;

namespace Search.Cli.Output;

/// <summary>
/// The one sanitiser for text a person reads at a terminal: nothing from a document, a file name or an argument may
/// move the cursor, change colours, ring the bell, open a hyperlink, reorder a line or break a single-line field.
/// </summary>
internal static class TerminalText
{
    /// <summary>What every character that may not reach a terminal as-is becomes: visible, one column wide.</summary>
    public const char Replacement = '\uFFFD';

    /// <summary>The opening tag of a match in the library's HTML-encoded highlights, which the CLI asks for.</summary>
    public const string MarkStart = "<mark>";

    /// <summary>Closes <see cref="MarkStart"/>.</summary>
    public const string MarkEnd = "</mark>";

    /// <summary>A single-line field (id, title, path, query echo, message): every control character and every line break
    /// becomes <see cref="Replacement"/>, a tab becomes a space. The length in UTF-16 units is kept.</summary>
    public static string Line(string text) => Sanitise(text, keepNewLines: false);

    /// <summary>A block of text (a document body): as <see cref="Line"/>, but line feeds stay.</summary>
    public static string Block(string text) => Sanitise(text, keepNewLines: true);

    /// <summary>Whether <paramref name="c"/> may not reach a terminal as it is. U+2028/U+2029 break lines in some
    /// viewers and are never needed in a terminal.</summary>
    /// <remarks>
    /// Left alone on purpose: LRM, RLM and ALM (U+200E, U+200F, U+061C) are marks, not embeddings or overrides: they
    /// only settle the direction of neutral characters next to them, which correct Arabic and Hebrew titles need, and
    /// cannot reverse a run of letters or reach past the line the way U+202A-U+202E and U+2066-U+2069 can. Private-use
    /// characters (U+E000...) are shown as they are: they are not controls, and a file's own text is shown exactly.
    /// </remarks>
    public static bool IsUnsafe(char c) =>
        c < ' '                                 // C0 controls, line breaks and tabs included
        || c is >= '\u007F' and <= '\u009F'     // DEL and C1 controls (U+009B is a one-character CSI)
        || c is >= '\u202A' and <= '\u202E'     // bidirectional embeddings and overrides
        || c is >= '\u2066' and <= '\u2069'     // bidirectional isolates
        || c is '\u2028' or '\u2029';

    /// <summary>Sanitises <paramref name="text"/> into <paramref name="output"/>, one UTF-16 unit for each (a CRLF
    /// pair in a block stays a line end); lone surrogates become <see cref="Replacement"/>.</summary>
    public static void Append(StringBuilder output, ReadOnlySpan<char> text, bool keepNewLines)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                output.Append(c).Append(text[++i]);
                continue;
            }
            output.Append(c switch
            {
                '\t' => ' ',
                '\n' when keepNewLines => '\n',
                '\r' when keepNewLines && i + 1 < text.Length && text[i + 1] == '\n' => '\r',
                _ when IsUnsafe(c) || char.IsSurrogate(c) => Replacement,
                _ => c,
            });
        }
    }

    /// <summary>Whether <see cref="Append"/> would change <paramref name="text"/>; false for almost all text, which can
    /// then be written without a copy.</summary>
    public static bool NeedsSanitising(ReadOnlySpan<char> text, bool keepNewLines)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < ' ' && !(keepNewLines && (c == '\n' || (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n'))))
                return true;
            if (IsUnsafe(c) && c >= ' ')
                return true;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(c))
                return true;
        }
        return false;
    }

    private static string Sanitise(string text, bool keepNewLines)
    {
        if (!NeedsSanitising(text, keepNewLines))
            return text;
        var output = new StringBuilder(text.Length);
        Append(output, text, keepNewLines);
        return output.ToString();
    }

    /// <summary>
    /// Writes one line of the library's HTML-encoded highlights as the file's own text: split on the library's
    /// <c>&lt;mark&gt;</c> tags (the only markup in it, since every <c>&lt;</c> and <c>&amp;</c> of the document is
    /// encoded), HTML-decoded between them, sanitised as a line, with the matches bold and coloured when
    /// <paramref name="color"/> is set.
    /// </summary>
    public static void WriteHighlighted(TextWriter output, string html, bool color)
    {
        int cursor = 0;
        while (cursor < html.Length)
        {
            int start = html.IndexOf(MarkStart, cursor, StringComparison.Ordinal);
            if (start < 0)
                break;
            int end = html.IndexOf(MarkEnd, start + MarkStart.Length, StringComparison.Ordinal);
            if (end < 0)
                break;
            output.Write(Decoded(html[cursor..start]));
            TerminalWriter.WriteStyled(output, Decoded(html[(start + MarkStart.Length)..end]), TerminalStyle.Match, color);
            cursor = end + MarkEnd.Length;
        }
        output.Write(Decoded(html[cursor..]));
    }

    /// <summary>Decodes exactly what the library encoded, so an entity written in the file itself stays as written.</summary>
    private static string Decoded(string html) => Line(WebUtility.HtmlDecode(html));

    /// <summary>How many terminal columns <paramref name="text"/> takes: two for wide characters, none for combining marks.</summary>
    public static int Width(ReadOnlySpan<char> text)
    {
        int columns = 0;
        foreach (Rune rune in text.EnumerateRunes())
            columns += Math.Max(0, Wcwidth.UnicodeCalculator.GetWidth(rune));
        return columns;
    }

    /// <summary>An exception's message naming <paramref name="names"/> (paths, ids): each name sanitised as a line first,
    /// so a line feed in a folder name cannot cut the message short.</summary>
    public static string Naming(string message, params ReadOnlySpan<string?> names)
    {
        foreach (string? name in names)
        {
            if (!string.IsNullOrEmpty(name) && NeedsSanitising(name, keepNewLines: false))
                message = message.Replace(name, Line(name), StringComparison.Ordinal);
        }
        return message;
    }

    /// <summary><paramref name="json"/> with every character <see cref="IsUnsafe"/> written as a <c>\uXXXX</c> escape.
    /// System.Text.Json's relaxed encoder escapes C0 and C1 controls but writes bidirectional embeddings, overrides and
    /// isolates raw; those may only occur inside strings, where the escape means the same character to a parser.</summary>
    public static string EscapeForJson(string json)
    {
        if (!json.AsSpan().ContainsAnyInRange('\u007F', '\u009F') && !json.AsSpan().ContainsAnyInRange('\u2028', '\u2069'))
            return json;
        var output = new StringBuilder(json.Length + 16);
        foreach (char c in json)
        {
            if (c >= ' ' && IsUnsafe(c))
                output.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else
                output.Append(c);
        }
        return output.ToString();
    }
}
