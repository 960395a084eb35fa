using Stepwise.Stats.Sequential;

namespace Stepwise.Stats.Tests.Unit;

public class AlwaysValidInferenceTests
{
    private static EffectEstimate Estimate(double effect, double se) =>
        EffectEstimate.FromGroupMeans(10, se * se / 2, 10 + effect, se * se / 2, double.PositiveInfinity, 0.05);

    [Fact]
    public void Evaluate_AnyLook_IntervalWiderThanFixedHorizon()
    {
        EffectEstimate e = Estimate(0.3, 0.1);
        AlwaysValidResult r = AlwaysValidInference.Evaluate(e, 10_000, 10_000);
        Assert.True(r.CiLow < e.CiLow && r.CiHigh > e.CiHigh);
        Assert.True(r.PValue > e.PValue);
    }

    [Fact]
    public void Evaluate_PValueBelowAlpha_ExactlyWhenIntervalExcludesZero()
    {
        foreach (double effect in new[] { 0.0, 0.1, 0.2, 0.3, 0.35, 0.4, 0.6, -0.5 })
        {
            AlwaysValidResult r = AlwaysValidInference.Evaluate(Estimate(effect, 0.1), 5_000, 20_000);
            Assert.Equal(r.PValue < 0.05, r.ExcludesZero);
        }
    }

    [Fact]
    public void Evaluate_StrongEffect_Rejects()
    {
        AlwaysValidResult r = AlwaysValidInference.Evaluate(Estimate(1.0, 0.1), 10_000, 10_000);
        Assert.True(r.PValue < 1e-6);
    }
}
