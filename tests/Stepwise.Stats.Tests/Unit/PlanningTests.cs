using Stepwise.Stats.Planning;

namespace Stepwise.Stats.Tests.Unit;

public class PlanningTests
{
    [Fact]
    public void ControlSampleSize_ThenPower_GivesTargetPower()
    {
        double n = PowerAnalysis.ControlSampleSize(standardDeviation: 12, minimumDetectableEffect: 0.5, alpha: 0.05, power: 0.9, ratio: 1.5);
        Assert.Equal(0.9, PowerAnalysis.Power(12, 0.5, n, 1.5, 0.05), 8);
    }

    [Fact]
    public void ControlSampleSize_ClassicCase_MatchesTextbookFormula()
    {
        // (z_0.975 + z_0.8)² · 2σ²/δ² = 7.849 · 2 / 0.01 ≈ 1570 per arm for σ = 1, δ = 0.1.
        double n = PowerAnalysis.ControlSampleSize(1, 0.1);
        Assert.InRange(n, 1569, 1571);
    }

    [Fact]
    public void DurationDays_RequiredUnitsAndTraffic_RoundsUp()
    {
        Assert.Equal(4, PowerAnalysis.DurationDays(requiredUnits: 31_400, dailyUnits: 10_000, exposedShare: 1));
        Assert.Equal(7, PowerAnalysis.DurationDays(31_400, 10_000, 0.5));
    }

    [Fact]
    public void StageDurations_DefaultLadder_LaterStagesNeedFewerDays()
    {
        IReadOnlyList<StagePlan> plans = RolloutPlanner.StageDurations(RolloutPlanner.DefaultStages, dailyUnits: 100_000, standardDeviation: 1, regression: 0.05);
        Assert.Equal(6, plans.Count);
        for (int i = 1; i < plans.Count; i++) Assert.True(plans[i].Days <= plans[i - 1].Days);
        // The 1% vs 1% stage: (1.645 + 0.842)² · (100 + 100) / (100,000 · 0.0025) ≈ 4.9 → 5 days.
        Assert.Equal(5, plans[0].Days);
    }

    [Fact]
    public void MinimumDetectableEffect_ThenSampleSize_RoundTrips()
    {
        double mde = PowerAnalysis.MinimumDetectableEffect(3, 4000, alternative: Alternative.OneSided);
        Assert.Equal(4000, PowerAnalysis.ControlSampleSize(3, mde, alternative: Alternative.OneSided), 3);
    }
}
