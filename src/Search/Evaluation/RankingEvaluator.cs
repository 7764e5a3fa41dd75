using System.Globalization;

namespace Search.Evaluation;

/// <summary>Runs a query set through an index's normal search path and measures the ranking against relevance
/// judgments, the way TREC-style evaluation does.</summary>
public static class RankingEvaluator
{
    /// <summary>Searches every query (simple syntax, top <paramref name="depth"/>, no highlighting) and scores the rankings.</summary>
    /// <param name="index">The index holding the collection.</param>
    /// <param name="queries">The queries.</param>
    /// <param name="judgments">The relevance judgments.</param>
    /// <param name="depth">How many hits per query are evaluated. Default 1000.</param>
    /// <param name="run">When given, receives a TREC run file (<c>qid Q0 docid rank score tag</c>) for checking with standard tools.</param>
    /// <param name="runTag">The tag column of the run file.</param>
    public static EvaluationReport Evaluate(SearchIndex index, IReadOnlyList<EvaluationQuery> queries, RelevanceJudgments judgments,
        int depth = 1000, TextWriter? run = null, string runTag = "search")
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(judgments);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(depth);

        var evaluated = new List<QueryEvaluation>();
        var withoutRelevant = new List<string>();
        foreach (EvaluationQuery query in queries)
        {
            SearchResults results = index.Search(new SearchRequest(query.Text) { Syntax = QuerySyntax.Simple, Size = depth, Highlight = null });
            List<string> ranked = [.. results.Hits.Select(h => h.Id)];
            if (run is not null)
            {
                for (int i = 0; i < results.Hits.Count; i++)
                    run.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{query.Id} Q0 {results.Hits[i].Id} {i + 1} {results.Hits[i].Score:R} {runTag}"));
            }
            IReadOnlyDictionary<string, int> grades = judgments.For(query.Id);
            int relevant = grades.Values.Count(g => g > 0);
            if (relevant == 0)
            {
                withoutRelevant.Add(query.Id);
                continue;
            }
            evaluated.Add(new QueryEvaluation
            {
                QueryId = query.Id,
                Relevant = relevant,
                Retrieved = ranked.Count,
                AveragePrecision = RankingMetrics.AveragePrecision(ranked, grades),
                NdcgAt10 = RankingMetrics.NdcgAt(10, ranked, grades),
                PrecisionAt10 = RankingMetrics.PrecisionAt(10, ranked, grades),
                RecallAt100 = RankingMetrics.RecallAt(100, ranked, grades),
                RecallAt1000 = RankingMetrics.RecallAt(1000, ranked, grades),
            });
        }

        return new EvaluationReport
        {
            Queries = evaluated.Count,
            Map = Mean(evaluated, q => q.AveragePrecision),
            NdcgAt10 = Mean(evaluated, q => q.NdcgAt10),
            PrecisionAt10 = Mean(evaluated, q => q.PrecisionAt10),
            RecallAt100 = Mean(evaluated, q => q.RecallAt100),
            RecallAt1000 = Mean(evaluated, q => q.RecallAt1000),
            QueriesWithoutRelevant = withoutRelevant,
            PerQuery = evaluated,
        };
    }

    private static double Mean(List<QueryEvaluation> queries, Func<QueryEvaluation, double> measure) =>
        queries.Count == 0 ? 0 : queries.Average(measure);
}
