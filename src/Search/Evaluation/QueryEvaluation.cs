namespace Search.Evaluation;

/// <summary>The measures of one query.</summary>
/// <param name="QueryId">The query id.</param>
/// <param name="Relevant">Documents judged relevant.</param>
/// <param name="Retrieved">Documents returned, up to the evaluation depth.</param>
/// <param name="AveragePrecision">Average precision.</param>
/// <param name="NdcgAt10">nDCG at 10.</param>
/// <param name="PrecisionAt10">Precision at 10.</param>
/// <param name="RecallAt100">Recall at 100.</param>
/// <param name="RecallAt1000">Recall at 1000.</param>
public sealed record QueryEvaluation(
    string QueryId, int Relevant, int Retrieved, double AveragePrecision, double NdcgAt10, double PrecisionAt10, double RecallAt100, double RecallAt1000);
