using Stepwise.Careers.Distribution;
using Xunit;

namespace Stepwise.Tests.Careers;

public sealed class DistributionComparisonTests
{
    private static readonly Dictionary<int, double> Target = new() { [1] = 0.4, [2] = 0.35, [3] = 0.2, [4] = 0.05 };

    [Fact]
    public void MatchingTheTarget_HasNoDeviation()
    {
        var result = DistributionComparison.Compare(new Dictionary<int, int> { [1] = 40, [2] = 35, [3] = 20, [4] = 5 }, Target);
        Assert.Equal(100, result.Total);
        Assert.Equal(0, result.DeviationPoints, 9);
        Assert.All(result.Steps, s => Assert.Equal(0, s.DeviationPoints, 9));
    }

    [Fact]
    public void Deviation_IsTheShareThatWouldHaveToMove()
    {
        // Everyone at step 1: 60% of people would have to sit elsewhere to match 40/35/20/5.
        var result = DistributionComparison.Compare(new Dictionary<int, int> { [1] = 10 }, Target);
        Assert.Equal(60, result.DeviationPoints, 9);
        Assert.Equal(60, result.Steps.Single(s => s.Level == 1).DeviationPoints, 9);
        Assert.Equal(-35, result.Steps.Single(s => s.Level == 2).DeviationPoints, 9);
    }

    [Fact]
    public void TargetIsNormalised_AndEmptyUnitsHaveNoDeviation()
    {
        var result = DistributionComparison.Compare(new Dictionary<int, int> { [1] = 1, [2] = 1 }, new Dictionary<int, double> { [1] = 2, [2] = 2 });
        Assert.Equal(0, result.DeviationPoints, 9);
        Assert.Equal(0, DistributionComparison.Compare(new Dictionary<int, int>(), Target).DeviationPoints);
    }
}
