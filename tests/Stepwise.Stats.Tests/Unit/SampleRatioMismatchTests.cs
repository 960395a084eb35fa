namespace Stepwise.Stats.Tests.Unit;

public class SampleRatioMismatchTests
{
    [Fact]
    public void Test_OnePercentagePointAllocationErrorAt100kUnits_FlaggedBelowOneInAThousand()
    {
        // Planned 50/50, delivered 51/49 over 100,000 units.
        SrmResult r = SampleRatioMismatch.Test([51_000L, 49_000L], [0.5, 0.5]);
        Assert.True(r.PValue < 0.001, $"p = {r.PValue}");
        Assert.True(r.IsMismatch);
    }

    [Fact]
    public void Test_BalancedCounts_NotFlagged()
    {
        SrmResult r = SampleRatioMismatch.Test([5012L, 4988L], [1.0, 1.0]);
        Assert.False(r.IsMismatch);
        Assert.InRange(r.PValue, 0.8, 0.82);
    }

    [Fact]
    public void Test_UnequalPlannedWeights_UsesNormalizedWeights()
    {
        SrmResult r = SampleRatioMismatch.Test([900L, 100L], [9.0, 1.0]);
        Assert.Equal(0, r.ChiSquare, 12);
        Assert.Equal([900.0, 100.0], r.ExpectedCounts);
    }

    [Fact]
    public void Test_MismatchedWeightCount_Throws() =>
        Assert.Throws<ArgumentException>(() => SampleRatioMismatch.Test([1L, 2L], [1.0]));
}
