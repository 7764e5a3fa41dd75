namespace Search.Evaluation;

/// <summary>One test query: an id shared with the relevance judgments, and the text a user would type.</summary>
/// <param name="Id">The query id (<c>qid</c>).</param>
/// <param name="Text">The query text, run with the simple syntax (natural language is untrusted input).</param>
/// <remarks>Positional, unlike the results, because callers build query sets. Two queries are equal when both properties
/// are.</remarks>
public sealed record EvaluationQuery(string Id, string Text)
{
    /// <summary>Reads a TSV file of <c>qid&lt;TAB&gt;text</c> lines; blank lines and lines starting with <c>#</c> are skipped.</summary>
    /// <exception cref="SearchException">A line has no tab, an empty id, or an id seen before.</exception>
    public static IReadOnlyList<EvaluationQuery> ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var queries = new List<EvaluationQuery>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int number = 0;
        foreach (string line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
                continue;
            int tab = line.IndexOf('\t', StringComparison.Ordinal);
            string id = tab < 0 ? string.Empty : line[..tab].Trim();
            if (id.Length == 0)
                throw new SearchException($"{path}, line {number}: expected 'qid<TAB>query text'.");
            if (!seen.Add(id))
                throw new SearchException($"{path}, line {number}: query id '{id}' appears twice.");
            queries.Add(new EvaluationQuery(id, line[(tab + 1)..].Trim()));
        }
        return queries;
    }
}
