using Stepwise.Delivery.Model;
using Stepwise.Guard;
using Xunit;

namespace Stepwise.Tests.Guard;

/// <summary>The guard's decision rule: harm first, then progress, then the holdback.</summary>
public sealed class GuardRuleTests
{
    private static readonly GuardMetricOutcome Held = new("errors", "NonInferior", 0.001);
    private static readonly GuardMetricOutcome Harmed = new("errors", "Worse", 0.12);

    private static GuardCheck Check(
        RolloutGuard? guard = null, RolloutStatus status = RolloutStatus.Running, bool srm = false, GuardMetricOutcome? guardrail = null,
        GuardMetricOutcome? success = null, long units = 5000, long? required = 4000, double hours = 48, double minimumHours = 24,
        double? daysSinceRelease = null, bool holdbackReleased = false) =>
        new(status, holdbackReleased, guard ?? new RolloutGuard(), srm, srm ? 1e-6 : 0.4, [guardrail ?? Held], success is null ? [] : [success],
            units, required, TimeSpan.FromHours(hours), TimeSpan.FromHours(minimumHours), daysSinceRelease is { } d ? TimeSpan.FromDays(d) : null);

    [Theory]
    [InlineData(GuardHarmAction.RollBack, GuardVerdictKind.RollBack)]
    [InlineData(GuardHarmAction.Pause, GuardVerdictKind.Pause)]
    public void HarmedGuardrail_StopsTheRollout_AsThePlanSays(GuardHarmAction onHarm, GuardVerdictKind expected)
    {
        var verdict = GuardRule.Decide(Check(new RolloutGuard { OnHarm = onHarm, AutoAdvance = true }, guardrail: Harmed));
        Assert.Equal(expected, verdict.Kind);
        Assert.Contains("errors +12.0%", verdict.Reason, StringComparison.Ordinal);
        Assert.True(verdict.Notifies);
    }

    [Fact]
    public void Harm_IsActedOn_EvenBeforeTheStageIsDone()
    {
        var verdict = GuardRule.Decide(Check(guardrail: Harmed, units: 10, hours: 1));
        Assert.Equal(GuardVerdictKind.RollBack, verdict.Kind);
    }

    [Fact]
    public void SampleRatioMismatch_StopsTheRollout()
    {
        var verdict = GuardRule.Decide(Check(new RolloutGuard { OnHarm = GuardHarmAction.Pause }, srm: true));
        Assert.Equal(GuardVerdictKind.Pause, verdict.Kind);
        Assert.StartsWith("Sample ratio mismatch", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void HarmAfterFullRelease_UnderAPausePlan_AlertsAPerson()
    {
        var verdict = GuardRule.Decide(Check(new RolloutGuard { OnHarm = GuardHarmAction.Pause }, status: RolloutStatus.Released, guardrail: Harmed, daysSinceRelease: 3));
        Assert.Equal(GuardVerdictKind.Alert, verdict.Kind);
    }

    [Theory]
    [InlineData(StageCompletion.Both, 3000L, 48.0, GuardVerdictKind.Hold)]
    [InlineData(StageCompletion.Both, 5000L, 12.0, GuardVerdictKind.Hold)]
    [InlineData(StageCompletion.Both, 5000L, 48.0, GuardVerdictKind.Advance)]
    [InlineData(StageCompletion.Sample, 5000L, 1.0, GuardVerdictKind.Advance)]
    [InlineData(StageCompletion.Sample, 3000L, 100.0, GuardVerdictKind.Hold)]
    [InlineData(StageCompletion.Duration, 10L, 24.0, GuardVerdictKind.Advance)]
    public void Stage_IsDone_WhenThePlanSaysSo(StageCompletion completion, long units, double hours, GuardVerdictKind expected)
    {
        var verdict = GuardRule.Decide(Check(new RolloutGuard { AutoAdvance = true, Completion = completion }, units: units, hours: hours));
        Assert.Equal(expected, verdict.Kind);
    }

    [Fact]
    public void UnknownSample_NeverCountsAsReached()
    {
        var verdict = GuardRule.Decide(Check(new RolloutGuard { AutoAdvance = true, Completion = StageCompletion.Sample }, required: null));
        Assert.Equal(GuardVerdictKind.Hold, verdict.Kind);
        Assert.Contains("not enough data", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void DoneStage_WaitsForApproval_WhenThePlanWantsAPerson()
    {
        var verdict = GuardRule.Decide(Check(new RolloutGuard { AutoAdvance = false }, success: new("conversion", "Inconclusive", 0.01)));
        Assert.Equal(GuardVerdictKind.AwaitApproval, verdict.Kind);
        Assert.Contains("conversion inconclusive", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void WorseSuccessMetric_BlocksAdvancing_ButDoesNotRollBack()
    {
        var verdict = GuardRule.Decide(Check(new RolloutGuard { AutoAdvance = true }, success: new("conversion", "Worse", -0.02)));
        Assert.Equal(GuardVerdictKind.Alert, verdict.Kind);
    }

    [Theory]
    [InlineData(5.0, true, GuardVerdictKind.Hold)]
    [InlineData(14.0, true, GuardVerdictKind.ReleaseHoldback)]
    [InlineData(20.0, false, GuardVerdictKind.HoldbackDue)]
    public void Holdback_StaysForItsPeriod_ThenIsReleasedOrFlagged(double days, bool autoRelease, GuardVerdictKind expected)
    {
        var guard = new RolloutGuard { HoldbackDays = 14, AutoReleaseHoldback = autoRelease };
        Assert.Equal(expected, GuardRule.Decide(Check(guard, status: RolloutStatus.Released, daysSinceRelease: days)).Kind);
    }

    [Theory]
    [InlineData(RolloutStatus.Paused)]
    [InlineData(RolloutStatus.RolledBack)]
    [InlineData(RolloutStatus.Draft)]
    public void NothingLive_NothingDone(RolloutStatus status) =>
        Assert.Equal(GuardVerdictKind.Hold, GuardRule.Decide(Check(status: status, guardrail: Harmed)).Kind);

    [Fact]
    public void ReleasedHoldback_IsNotGuardedAnyMore() =>
        Assert.Equal(GuardVerdictKind.Hold, GuardRule.Decide(Check(status: RolloutStatus.Released, holdbackReleased: true, guardrail: Harmed)).Kind);
}
