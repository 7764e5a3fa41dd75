using System.Globalization;

namespace Search.Querying;

/// <summary>
/// Checks a Lucene-syntax query before Lucene's parser sees it. The parser recurses once per parenthesis
/// level (a few thousand levels overflow the stack and kill the process), hangs on some regular expressions,
/// and words its own errors for its grammar rather than for people; this guard catches those cases first
/// and says what is wrong and where.
/// </summary>
internal static class QueryGuard
{
    public static void CheckLucene(string query, SearchIndexOptions options)
    {
        CheckLength(query, options);
        // Each open group keeps the largest boost inside it so far (nested boosts multiply), for QueryNumbers.Combine.
        var open = new List<(int Position, double Boost)>();
        int quoteStart = -1;
        int quoteEnd = -1;
        bool inRange = false;
        for (int i = 0; i < query.Length; i++)
        {
            char c = query[i];
            if (c == '\\')
            {
                if (i == query.Length - 1)
                {
                    throw new QuerySyntaxException(query,
                        $"The query ends with a backslash, which escapes nothing (at position {i}). Write '\\\\' to search for a backslash.", i);
                }
                i++;
                continue;
            }
            if (quoteStart >= 0)
            {
                if (c == '"')
                    (quoteStart, quoteEnd) = (-1, i);
                continue;
            }
            if (inRange)
            {
                // Lucene reads everything up to the closing bracket as the range's bounds (quoted ones included).
                if (c is ']' or '}')
                    inRange = false;
                else if (c == '"')
                    quoteStart = i;
                continue;
            }
            switch (c)
            {
                case '"':
                    quoteStart = i;
                    break;
                case '[' or '{':
                    inRange = true;
                    break;
                case '(':
                    open.Add((i, 1));
                    if (open.Count > options.MaxQueryDepth)
                    {
                        throw new QuerySyntaxException(query, string.Create(CultureInfo.InvariantCulture,
                            $"Parentheses nest more than {options.MaxQueryDepth} levels deep (at position {i})."), i);
                    }
                    break;
                case ')':
                    if (open.Count == 0)
                        throw new QuerySyntaxException(query, $"Unmatched ')' at position {i}.", i);
                    double inner = open[^1].Boost;
                    open.RemoveAt(open.Count - 1);
                    int next = SkipWhiteSpace(query, i + 1);
                    if (next < query.Length && query[next] == '^')
                    {
                        inner = QueryNumbers.Combine(query, next, inner, QueryNumbers.ReadBoost(query, next, out int end));
                        i = end - 1;
                    }
                    Raise(open, inner);
                    break;
                case '^':
                    Raise(open, QueryNumbers.ReadBoost(query, i, out int boostEnd));
                    i = boostEnd - 1;
                    break;
                case '~':
                    bool phrase = quoteEnd >= 0 && SkipWhiteSpace(query, quoteEnd + 1) == i;
                    QueryNumbers.CheckDistance(query, i, phrase, out int distanceEnd);
                    i = distanceEnd - 1;
                    break;
                case '/':
                    throw new QuerySyntaxException(query,
                        $"'/' starts a regular expression, which is not supported (at position {i}). " +
                        "Put the text in quotes or escape the slash as '\\/'.", i);
            }
        }
        if (quoteStart >= 0)
            throw new QuerySyntaxException(query, $"The phrase that starts at position {quoteStart} has no closing quote.", quoteStart);
        if (open.Count > 0)
            throw new QuerySyntaxException(query, $"Unmatched '(' at position {open[0].Position}.", open[0].Position);
    }

    private static int SkipWhiteSpace(string query, int at)
    {
        while (at < query.Length && QueryNumbers.IsWhiteSpace(query[at]))
            at++;
        return at;
    }

    /// <summary>Records a boost (a term's, or a group's times those inside it) in the innermost open group.</summary>
    private static void Raise(List<(int Position, double Boost)> open, double boost)
    {
        if (open.Count > 0 && boost > open[^1].Boost)
            open[^1] = (open[^1].Position, boost);
    }

    public static void CheckLength(string query, SearchIndexOptions options)
    {
        if (query.Length > options.MaxQueryLength)
        {
            throw new QuerySyntaxException(query, string.Create(CultureInfo.InvariantCulture,
                $"The query is {query.Length:N0} characters long; the limit is {options.MaxQueryLength:N0}."), options.MaxQueryLength);
        }
    }

    /// <summary>Makes a simple-syntax query safe to parse without ever failing: cut to the length limit and,
    /// when parentheses nest too deep, read them as plain spaces.</summary>
    public static string SanitizeSimple(string query, SearchIndexOptions options)
    {
        if (query.Length > options.MaxQueryLength)
        {
            int cut = options.MaxQueryLength;
            if (char.IsLowSurrogate(query[cut]) && cut > 0)
                cut--;
            query = query[..cut];
        }
        int depth = 0;
        foreach (char c in query)
        {
            if (c == '(' && ++depth > options.MaxQueryDepth)
                return query.Replace('(', ' ').Replace(')', ' ');
            if (c == ')' && depth > 0)
                depth--;
        }
        return query;
    }
}
