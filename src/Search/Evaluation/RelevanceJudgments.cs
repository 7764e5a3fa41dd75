using System.Globalization;

namespace Search.Evaluation;

/// <summary>
/// Graded relevance judgments in TREC qrels form: <c>qid iteration docid grade</c>, separated by white space. A grade
/// above 0 means relevant; graded metrics (nDCG) use the grade as the gain.
/// </summary>
public sealed class RelevanceJudgments
{
    private static readonly IReadOnlyDictionary<string, int> None = new Dictionary<string, int>();

    private readonly Dictionary<string, Dictionary<string, int>> _byQuery;

    private RelevanceJudgments(Dictionary<string, Dictionary<string, int>> byQuery) => _byQuery = byQuery;

    /// <summary>Reads a qrels file. When a pair is judged twice the last judgment counts, as in trec_eval.</summary>
    /// <exception cref="SearchException">A line is not <c>qid iteration docid grade</c> with an integer grade.</exception>
    public static RelevanceJudgments ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var byQuery = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        int number = 0;
        foreach (string line in File.ReadLines(path))
        {
            number++;
            string[] parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || parts[0].StartsWith('#'))
                continue;
            if (parts.Length != 4 || !int.TryParse(parts[3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int grade))
                throw new SearchException($"{path}, line {number}: expected 'qid iteration docid grade' with an integer grade.");
            if (!byQuery.TryGetValue(parts[0], out Dictionary<string, int>? grades))
                byQuery[parts[0]] = grades = new Dictionary<string, int>(StringComparer.Ordinal);
            grades[parts[2]] = grade;
        }
        return new RelevanceJudgments(byQuery);
    }

    /// <summary>Creates judgments from grades by query id, then document id.</summary>
    public static RelevanceJudgments From(IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> grades)
    {
        ArgumentNullException.ThrowIfNull(grades);
        return new RelevanceJudgments(grades.ToDictionary(
            q => q.Key, q => q.Value.ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal), StringComparer.Ordinal));
    }

    /// <summary>The judged documents of a query and their grades; empty for an unjudged query.</summary>
    public IReadOnlyDictionary<string, int> For(string queryId) =>
        _byQuery.TryGetValue(queryId, out Dictionary<string, int>? grades) ? grades : None;

    /// <summary>How many documents are relevant (grade above 0) to a query.</summary>
    public int RelevantCount(string queryId) => For(queryId).Values.Count(g => g > 0);
}
