using System.Text;

namespace Search.Querying;

/// <summary>
/// The "did you mean" text of a query: the query as typed, with each doubtful word that has a far more common near word
/// (<see cref="Spelling.Suggest"/>) replaced by it, and everything else (operators, fields, phrases, case) left alone,
/// so that it reads in the query's own syntax.
/// </summary>
internal static class DidYouMean
{
    /// <summary>The corrected query, or <see langword="null"/> when no word needs a correction.</summary>
    public static string? For(string query, Spelling spelling)
    {
        StringBuilder? corrected = null;
        int copied = 0;
        for (int start = 0; start < query.Length;)
        {
            if (!IsWordChar(query[start]))
            {
                start++;
                continue;
            }
            int end = start;
            while (end < query.Length && IsWordChar(query[end]))
                end++;
            if (IsPlainWord(query, start, end)
                && spelling.Check(query[start..end]) is { } doubtful
                && Spelling.Suggest(doubtful) is { } correction)
            {
                corrected ??= new StringBuilder(query.Length + 8);
                corrected.Append(query, copied, start - copied).Append(correction.Written);
                copied = end;
            }
            start = end;
        }
        return corrected?.Append(query, copied, query.Length - copied).ToString();
    }

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
            or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    /// <summary>Whether the word at [start, end) is searched as a word: not a field name (<c>title:</c>), not an id or
    /// date value, not escaped, and not a prefix, wildcard or fuzzy term, which say themselves how they match.</summary>
    private static bool IsPlainWord(string query, int start, int end)
    {
        if (end < query.Length && query[end] is ':' or '*' or '?' or '~' or '\\')
            return false;
        if (start > 0 && query[start - 1] is '\\' or '*' or '?')
            return false;
        if (start > 0 && query[start - 1] == ':')
        {
            int field = start - 1;
            while (field > 0 && char.IsAsciiLetter(query[field - 1]))
                field--;
            string name = query[field..(start - 1)];
            return !name.Equals("id", StringComparison.OrdinalIgnoreCase) && !name.Equals("date", StringComparison.OrdinalIgnoreCase);
        }
        return true;
    }
}
