namespace Search.Evaluation;

/// <summary>
/// The ranking measures of trec_eval, for one query: a ranked list of document ids against graded judgments
/// (relevant = grade above 0). Unjudged documents count as not relevant.
/// </summary>
public static class RankingMetrics
{
    /// <summary>Average precision (trec_eval <c>map</c> per query): the mean, over all relevant documents, of the
    /// precision at the rank where each is retrieved (0 for those never retrieved).</summary>
    public static double AveragePrecision(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> grades)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(grades);
        int relevant = grades.Values.Count(g => g > 0);
        if (relevant == 0)
            return 0;
        double sum = 0;
        int found = 0;
        for (int i = 0; i < ranked.Count; i++)
        {
            if (IsRelevant(ranked[i], grades))
                sum += ++found / (double)(i + 1);
        }
        return sum / relevant;
    }

    /// <summary>Precision at <paramref name="k"/> (trec_eval <c>P_k</c>): relevant documents among the first k, over k,
    /// even when fewer than k were retrieved.</summary>
    public static double PrecisionAt(int k, IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> grades)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        return ranked.Take(k).Count(id => IsRelevant(id, grades)) / (double)k;
    }

    /// <summary>Recall at <paramref name="k"/> (trec_eval <c>recall_k</c>): relevant documents among the first k, over all
    /// relevant documents; 0 when there are none.</summary>
    public static double RecallAt(int k, IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> grades)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        int relevant = grades.Values.Count(g => g > 0);
        return relevant == 0 ? 0 : ranked.Take(k).Count(id => IsRelevant(id, grades)) / (double)relevant;
    }

    /// <summary>Normalised discounted cumulative gain at <paramref name="k"/> (trec_eval <c>ndcg_cut_k</c>): gains are the
    /// grades (linear), discounted by log2(rank + 1), over the same sum for the ideal ordering of all judged documents.</summary>
    public static double NdcgAt(int k, IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> grades)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        double ideal = Dcg(grades.Values.Where(g => g > 0).OrderByDescending(g => g).Take(k));
        if (ideal == 0)
            return 0;
        return Dcg(ranked.Take(k).Select(id => Math.Max(0, grades.GetValueOrDefault(id)))) / ideal;
    }

    private static double Dcg(IEnumerable<int> gains) => gains.Select((gain, i) => gain / Math.Log2(i + 2)).Sum();

    private static bool IsRelevant(string id, IReadOnlyDictionary<string, int> grades) => grades.GetValueOrDefault(id) > 0;
}
