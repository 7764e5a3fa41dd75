using Search.Querying;

namespace Search.Tests.Querying;

/// <summary><see cref="SearchHit.Score"/> is always finite, even if a score overflowed despite the boost limit.</summary>
public sealed class FiniteScoreTests
{
    [Theory]
    [InlineData(float.PositiveInfinity, float.MaxValue)]
    [InlineData(float.NegativeInfinity, -float.MaxValue)]
    [InlineData(float.NaN, 0f)]
    [InlineData(float.MaxValue, float.MaxValue)]
    [InlineData(1.5f, 1.5f)]
    [InlineData(0f, 0f)]
    public void FiniteScore_AnyScore_IsFiniteAndKeepsFiniteOnes(float score, float expected)
    {
        Assert.Equal(expected, SearchExecutor.FiniteScore(score));
    }
}
