namespace Search.Evaluation;

/// <summary>The measures of one query.</summary>
/// <remarks>Two evaluations are equal when every property is.</remarks>
public sealed record QueryEvaluation
{
    /// <summary>The query id.</summary>
    public required string QueryId { get; init; }

    /// <summary>Documents judged relevant.</summary>
    public required int Relevant { get; init; }

    /// <summary>Documents returned, up to the evaluation depth.</summary>
    public required int Retrieved { get; init; }

    /// <summary>Average precision.</summary>
    public required double AveragePrecision { get; init; }

    /// <summary>nDCG at 10.</summary>
    public required double NdcgAt10 { get; init; }

    /// <summary>Precision at 10.</summary>
    public required double PrecisionAt10 { get; init; }

    /// <summary>Recall at 100.</summary>
    public required double RecallAt100 { get; init; }

    /// <summary>Recall at 1000.</summary>
    public required double RecallAt1000 { get; init; }
}
