using Search.Evaluation;

namespace Search.Tests.Evaluation;

public class RankingMetricsTests
{
    private static Dictionary<string, int> Grades(params (string Id, int Grade)[] grades) =>
        grades.ToDictionary(g => g.Id, g => g.Grade, StringComparer.Ordinal);

    [Fact]
    public void AveragePrecision_TwoRelevantAtRanksOneAndThree_IsMeanOfTheirPrecisions()
    {
        // precision 1/1 at rank 1 and 2/3 at rank 3, over 2 relevant documents
        Assert.Equal((1.0 + (2.0 / 3)) / 2, RankingMetrics.AveragePrecision(["a", "b", "c", "d"], Grades(("a", 1), ("c", 2), ("b", 0))), 12);
    }

    [Fact]
    public void AveragePrecision_RelevantNeverRetrieved_CountsAsZero()
    {
        Assert.Equal(0.5, RankingMetrics.AveragePrecision(["a", "b"], Grades(("a", 1), ("z", 1))), 12);
    }

    [Fact]
    public void AveragePrecision_NoRelevantJudged_IsZero()
    {
        Assert.Equal(0, RankingMetrics.AveragePrecision(["a"], Grades(("a", 0), ("b", -1))));
    }

    [Fact]
    public void PrecisionAt10_FewerThanTenRetrieved_StillDividesByTen()
    {
        Assert.Equal(0.1, RankingMetrics.PrecisionAt(10, ["a", "b"], Grades(("a", 3))), 12);
    }

    [Theory]
    [InlineData(2, 1.0 / 3)]
    [InlineData(4, 2.0 / 3)]
    [InlineData(100, 2.0 / 3)]
    public void RecallAt_K_CountsRelevantAmongTheFirstK(int k, double expected)
    {
        Assert.Equal(expected, RankingMetrics.RecallAt(k, ["x", "a", "y", "b"], Grades(("a", 1), ("b", 1), ("c", 1))), 12);
    }

    [Fact]
    public void NdcgAt3_GradedGains_MatchesTheHandComputedValue()
    {
        // DCG = 2/log2(2) + 3/log2(3) + 0; IDCG = 3/log2(2) + 2/log2(3) + 1/log2(4)
        double dcg = 2 + (3 / Math.Log2(3));
        double idcg = 3 + (2 / Math.Log2(3)) + 0.5;

        Assert.Equal(dcg / idcg, RankingMetrics.NdcgAt(3, ["b", "a", "x"], Grades(("a", 3), ("b", 2), ("c", 1))), 12);
    }

    [Fact]
    public void NdcgAt_NegativeGradesAndUnjudged_GainNothing()
    {
        Assert.Equal(0, RankingMetrics.NdcgAt(10, ["n", "u"], Grades(("n", -1), ("r", 2))), 12);
        Assert.Equal(1, RankingMetrics.NdcgAt(10, ["r", "n"], Grades(("n", -1), ("r", 2))), 12);
    }

    [Fact]
    public void NdcgAt_PerfectOrder_IsOne()
    {
        Assert.Equal(1, RankingMetrics.NdcgAt(10, ["a", "b", "c"], Grades(("a", 4), ("b", 2), ("c", 1))), 12);
    }
}
