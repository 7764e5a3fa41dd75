namespace Search.Evaluation;

/// <summary>Ranking quality over a query set: each measure is the mean over the queries that have at least one
/// relevant document (as trec_eval averages).</summary>
public sealed record EvaluationReport
{
    /// <summary>Queries evaluated (those with at least one relevant document).</summary>
    public required int Queries { get; init; }

    /// <summary>Mean average precision.</summary>
    public required double Map { get; init; }

    /// <summary>Mean nDCG at 10 (graded).</summary>
    public required double NdcgAt10 { get; init; }

    /// <summary>Mean precision at 10.</summary>
    public required double PrecisionAt10 { get; init; }

    /// <summary>Mean recall at 100.</summary>
    public required double RecallAt100 { get; init; }

    /// <summary>Mean recall at 1000.</summary>
    public required double RecallAt1000 { get; init; }

    /// <summary>Queries left out of the means because no document is judged relevant to them.</summary>
    public IReadOnlyList<string> QueriesWithoutRelevant { get; init; } = [];

    /// <summary>The measures of each evaluated query, in query order.</summary>
    public IReadOnlyList<QueryEvaluation> PerQuery { get; init; } = [];
}
