using System.Text;

namespace Search.Highlighting;

/// <summary>
/// Writes document text around highlight tags. Encoding is done here rather than by Lucene's
/// <c>SimpleHTMLEncoder</c>, which splits surrogate pairs and so breaks emoji.
/// </summary>
internal static class Markup
{
    /// <summary>Appends <paramref name="text"/>, HTML-encoded when <paramref name="encode"/> is set, with lone
    /// surrogates replaced by U+FFFD so the output is always valid UTF-16. With <paramref name="collapseWhiteSpace"/>
    /// every run of white space (line ends included) becomes one space.</summary>
    public static void AppendText(StringBuilder output, ReadOnlySpan<char> text, bool encode, bool collapseWhiteSpace = false)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (collapseWhiteSpace && char.IsWhiteSpace(c))
            {
                while (i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]))
                    i++;
                output.Append(' ');
                continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                output.Append(c).Append(text[++i]);
                continue;
            }
            if (char.IsSurrogate(c))
            {
                output.Append('\uFFFD');
                continue;
            }
            if (!encode)
            {
                output.Append(c);
                continue;
            }
            switch (c)
            {
                case '&': output.Append("&amp;"); break;
                case '<': output.Append("&lt;"); break;
                case '>': output.Append("&gt;"); break;
                case '"': output.Append("&quot;"); break;
                case '\'': output.Append("&#39;"); break;
                default: output.Append(c); break;
            }
        }
    }

    /// <summary>Renders a snippet: <see cref="Render(string, TextSpan, IReadOnlyList{TextSpan}, HighlightOptions, bool)"/>
    /// of its window, white space collapsed, with <see cref="HighlightOptions.Ellipsis"/> written as given at each side
    /// that is inside a sentence.</summary>
    public static string Render(string text, Fragment fragment, IReadOnlyList<TextSpan> matches, HighlightOptions options)
    {
        string rendered = Render(text, fragment.Window, matches, options, collapseWhiteSpace: true);
        return string.Concat(fragment.OpensMidSentence ? options.Ellipsis : "", rendered, fragment.ClosesMidSentence ? options.Ellipsis : "");
    }

    /// <summary>Renders <paramref name="window"/> of <paramref name="text"/> with each match inside it wrapped in the tags.</summary>
    public static string Render(string text, TextSpan window, IReadOnlyList<TextSpan> matches, HighlightOptions options, bool collapseWhiteSpace)
    {
        var output = new StringBuilder(window.Length + 32);
        int cursor = window.Start;
        for (int i = FragmentPicker.FirstEndingAfter(matches, window.Start); i < matches.Count; i++)
        {
            TextSpan match = matches[i];
            if (match.Start >= window.End)
                break;
            // A window cuts a match only when the match is longer than the window: mark the part it shows.
            int start = Math.Max(match.Start, cursor), end = Math.Min(match.End, window.End);
            AppendText(output, text.AsSpan(cursor, start - cursor), options.Encode, collapseWhiteSpace);
            output.Append(options.PreTag);
            AppendText(output, text.AsSpan(start, end - start), options.Encode, collapseWhiteSpace);
            output.Append(options.PostTag);
            cursor = end;
        }
        AppendText(output, text.AsSpan(cursor, window.End - cursor), options.Encode, collapseWhiteSpace);
        return output.ToString();
    }
}
