using System.Globalization;

namespace Search.Querying;

/// <summary>
/// Reads the numbers after <c>^</c> (boosts) and <c>~</c> (fuzzy and phrase distances) in a Lucene-syntax query, as
/// Lucene's tokenizer delimits them, before the parser sees them. The parser turns a boost too large for a float into
/// infinity (infinite scores, which sorting and JSON cannot handle), fails on fuzzy numbers it cannot use with a message
/// and no position, and silently ignores or truncates other forms; here each gets a message and the position.
/// </summary>
internal static class QueryNumbers
{
    /// <summary>The largest boost, alone or multiplied by the boosts of the groups around it. BM25 scores of a query
    /// within the clause limit then stay far below the largest float.</summary>
    public const double MaxBoost = 10_000;

    private const int MaxEdits = 2;

    /// <summary>Reads the boost after the <c>^</c> at <paramref name="caret"/>; <paramref name="end"/> is just past it.</summary>
    public static double ReadBoost(string query, int caret, out int end)
    {
        int start = caret + 1;
        int at = SkipDigits(query, start);
        if (at == start)
        {
            throw new QuerySyntaxException(query, string.Create(CultureInfo.InvariantCulture,
                $"'^' at position {caret} must be followed by a boost: a number such as 2 or 0.5."), caret);
        }
        if (at + 1 < query.Length && query[at] == '.' && char.IsAsciiDigit(query[at + 1]))
            at = SkipDigits(query, at + 1);
        // Lucene would stop at "1" in "1e41" and search "e41" as a word: not what anyone means.
        if (at < query.Length && (char.IsLetterOrDigit(query[at]) || query[at] is '.' or ','))
        {
            string written = Shorten(query[start..SkipTermChars(query, at)]);
            throw new QuerySyntaxException(query, string.Create(CultureInfo.InvariantCulture,
                $"The boost '{written}' at position {caret} cannot be read: write boosts as plain numbers such as 2 or 0.5."), caret);
        }
        end = at;
        double boost = double.Parse(query.AsSpan(start, at - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if (boost > MaxBoost)
        {
            throw new QuerySyntaxException(query, string.Create(CultureInfo.InvariantCulture,
                $"The boost {Shorten(query[start..at])} at position {caret} is larger than the limit of {MaxBoost:N0}."), caret);
        }
        return boost;
    }

    /// <summary>Checks the boost of a group with the boosts inside it (<paramref name="inner"/>, the largest product):
    /// nested boosts multiply.</summary>
    public static double Combine(string query, int caret, double inner, double boost)
    {
        double combined = inner * boost;
        if (combined > MaxBoost)
        {
            throw new QuerySyntaxException(query, string.Create(CultureInfo.InvariantCulture,
                $"Nested boosts multiply: the group boosted at position {caret} weighs a term {combined:G4} times, more than the limit of {MaxBoost:N0}."), caret);
        }
        return combined;
    }

    /// <summary>Checks the distance after the <c>~</c> at <paramref name="tilde"/>, of a phrase or of a fuzzy term;
    /// <paramref name="end"/> is just past it.</summary>
    public static void CheckDistance(string query, int tilde, bool phrase, out int end)
    {
        end = SkipTermChars(query, tilde + 1);
        string written = query[(tilde + 1)..end];
        if (written.Length == 0)
            return;
        bool plain = SkipDigits(written, 0) is int digits && digits > 0
            && (digits == written.Length || (written[digits] == '.' && digits + 1 < written.Length && SkipDigits(written, digits + 1) == written.Length));
        double value = plain ? double.Parse(written, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) : double.NaN;
        string? problem = phrase ? PhraseProblem(plain, value) : FuzzyProblem(plain, value);
        if (problem is not null)
        {
            string what = phrase ? "phrase distance" : "fuzzy distance";
            throw new QuerySyntaxException(query, string.Create(CultureInfo.InvariantCulture,
                $"The {what} '~{Shorten(written)}' at position {tilde} cannot be used: {problem}."), tilde);
        }
    }

    private static string? PhraseProblem(bool plain, double value)
    {
        if (!plain || value != Math.Floor(value))
            return "write a whole number of positions, such as ~3";
        return value > int.MaxValue ? string.Create(CultureInfo.InvariantCulture, $"it may be at most {int.MaxValue:N0}") : null;
    }

    private static string? FuzzyProblem(bool plain, double value)
    {
        if (!plain)
            return "write ~ alone (up to 2 edits), ~1 or ~2, or a similarity below 1 such as ~0.8";
        // Lucene reads a number from 1 up as edits, and a fraction below 1 as the similarity of Lucene 3.
        return value >= 1 && (value != Math.Floor(value) || value > MaxEdits)
            ? "a fuzzy term allows at most 2 edits (~1 or ~2), or takes a similarity below 1 such as ~0.8"
            : null;
    }

    /// <summary>Lucene's white space between tokens.</summary>
    public static bool IsWhiteSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\u3000';

    private static int SkipDigits(string text, int at)
    {
        while (at < text.Length && char.IsAsciiDigit(text[at]))
            at++;
        return at;
    }

    /// <summary>Past the run of characters Lucene's tokenizer reads as part of a term (escapes included).</summary>
    private static int SkipTermChars(string text, int at)
    {
        while (at < text.Length)
        {
            char c = text[at];
            if (c == '\\' && at + 1 < text.Length)
                at += 2;
            else if (IsWhiteSpace(c) || c is '!' or '(' or ')' or ':' or '^' or '[' or ']' or '"' or '{' or '}' or '~' or '*' or '?' or '\\' or '/')
                return at;
            else
                at++;
        }
        return at;
    }

    private static string Shorten(string text) => text.Length <= 24 ? text : text[..24] + "…";
}
