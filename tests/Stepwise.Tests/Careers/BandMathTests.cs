using Stepwise.Careers.Compensation;
using Xunit;

namespace Stepwise.Tests.Careers;

public sealed class BandMathTests
{
    [Fact]
    public void Overlap_IsTheShareOfTheLowerBandThatTheUpperCovers()
    {
        Assert.Equal((20m, 50m), BandMath.Overlap(60, 100, 80, 120));
        Assert.Equal((0m, 0m), BandMath.Overlap(60, 100, 110, 150));
        Assert.Equal((40m, 100m), BandMath.Overlap(60, 100, 50, 150));
    }

    [Fact]
    public void CompaRatioAndPenetration()
    {
        Assert.Equal(1.1m, BandMath.CompaRatio(88, 80));
        Assert.Equal(0.25m, BandMath.RangePenetration(70, 60, 100));
        Assert.Equal(BandPosition.Below, BandMath.Position(59, 60, 100));
        Assert.Equal(BandPosition.Above, BandMath.Position(101, 60, 100));
        Assert.Equal(BandPosition.Within, BandMath.Position(100, 60, 100));
        Assert.Equal(66.7m, BandMath.WidthPercent(60, 100));
        Assert.Equal(25m, BandMath.HeadroomPercent(80, 100));
    }
}
