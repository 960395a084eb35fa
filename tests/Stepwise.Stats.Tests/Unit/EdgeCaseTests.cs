using Stepwise.Stats.Distributions;

namespace Stepwise.Stats.Tests.Unit;

public class EdgeCaseTests
{
    [Fact]
    public void Welch_IdenticalConstantGroups_PValueOne()
    {
        var constant = new Moments(10, 5, 0);
        EffectEstimate e = TwoSampleTests.Welch(constant, constant);
        Assert.Equal(1, e.PValue);
        Assert.Equal(0, e.AbsoluteEffect);
    }

    [Fact]
    public void Welch_SingleUnitGroup_ReturnsNaNNotException()
    {
        EffectEstimate e = TwoSampleTests.Welch(new Moments(1, 3, 0), Moments.FromValues([1.0, 2.0, 3.0]));
        Assert.True(double.IsNaN(e.PValue));
    }

    [Fact]
    public void MomentsFromSums_MatchesFromValues()
    {
        double[] values = [1.5, 2.5, 10, -3, 4.25];
        Moments fromSums = Moments.FromSums(values.Length, values.Sum(), values.Sum(v => v * v));
        Moments fromValues = Moments.FromValues(values);
        Assert.Equal(fromValues.Mean, fromSums.Mean, 12);
        Assert.Equal(fromValues.Variance, fromSums.Variance, 10);
    }

    [Fact]
    public void CoMomentsFromSums_MatchesFromValues()
    {
        double[] y = [1, 2, 4, 8, 3], x = [2, 2, 5, 7, 1];
        CoMoments fromSums = CoMoments.FromSums(5, y.Sum(), x.Sum(), y.Sum(v => v * v), x.Sum(v => v * v), y.Zip(x, (a, b) => a * b).Sum());
        CoMoments fromValues = CoMoments.FromValues(y, x);
        Assert.Equal(fromValues.Covariance, fromSums.Covariance, 10);
        Assert.Equal(fromValues.X.Variance, fromSums.X.Variance, 10);
    }

    [Fact]
    public void StudentTQuantile_InvertsCdf_AcrossDegreesOfFreedom()
    {
        foreach (double df in new[] { 0.5, 1, 2, 4.5, 30, 1e6 })
            foreach (double p in new[] { 1e-9, 0.01, 0.3, 0.9, 0.999 })
                Assert.Equal(p, StudentT.Cdf(StudentT.Quantile(p, df), df), p * 1e-9);
    }

    [Fact]
    public void NonInferiority_RelativeMarginLowerIsBetter_DetectsWithinMargin()
    {
        EffectEstimate e = TwoSampleTests.Welch(new Moments(10_000, 200, 400 * 9_999), new Moments(10_000, 200.5, 400 * 9_999));
        NonInferiorityResult r = NonInferiority.Test(e, 0.02, MarginType.Relative, Direction.Decrease);
        Assert.True(r.IsNonInferior, $"p = {r.PValue}");
        Assert.True(r.Bound < 0.02 && r.Bound > e.RelativeEffect);
    }
}
