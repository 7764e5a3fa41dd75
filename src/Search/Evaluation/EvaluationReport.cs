namespace Search.Evaluation;

/// <summary>Ranking quality over a query set: each measure is the mean over the queries that have at least one
/// relevant document (as trec_eval averages).</summary>
/// <remarks>Two reports are equal when every property is, the lists element by element, so a run can be checked against
/// an earlier one.</remarks>
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

    /// <summary>Queries left out of the means because no document is judged relevant to them; empty when there are none.</summary>
    public required IReadOnlyList<string> QueriesWithoutRelevant { get; init; }

    /// <summary>The measures of each evaluated query, in query order.</summary>
    public required IReadOnlyList<QueryEvaluation> PerQuery { get; init; }

    /// <summary>Whether <paramref name="other"/> holds the same measures: every property equal, the lists element by element.</summary>
    public bool Equals(EvaluationReport? other) =>
        ReferenceEquals(this, other) || (other is not null
            && Queries == other.Queries && Map.Equals(other.Map) && NdcgAt10.Equals(other.NdcgAt10)
            && PrecisionAt10.Equals(other.PrecisionAt10) && RecallAt100.Equals(other.RecallAt100) && RecallAt1000.Equals(other.RecallAt1000)
            && ListEquality.Equal(QueriesWithoutRelevant, other.QueriesWithoutRelevant) && ListEquality.Equal(PerQuery, other.PerQuery));

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Queries, Map, NdcgAt10, PrecisionAt10, RecallAt100, RecallAt1000, ListEquality.Hash(QueriesWithoutRelevant), ListEquality.Hash(PerQuery));
}
