using System.Globalization;
using Stepwise.Delivery.Model;

namespace Stepwise.Guard;

/// <summary>What the guard decides at one check.</summary>
public enum GuardVerdictKind
{
    /// <summary>Keep going: the stage is healthy but not done, or nothing is live.</summary>
    Hold,
    Pause,
    RollBack,
    Advance,

    /// <summary>The stage is done and healthy; the plan wants a person to approve the next step.</summary>
    AwaitApproval,
    ReleaseHoldback,

    /// <summary>The holdback period is over; the plan wants a person to release it.</summary>
    HoldbackDue,

    /// <summary>Something needs a person (a harm after full release under a pause-only plan, a success metric that got worse).</summary>
    Alert,
}

public sealed record GuardVerdict(GuardVerdictKind Kind, string Reason)
{
    /// <summary>Verdicts that change the rollout or call for a person, and so notify.</summary>
    public bool Notifies => Kind is GuardVerdictKind.Pause or GuardVerdictKind.RollBack or GuardVerdictKind.AwaitApproval or GuardVerdictKind.HoldbackDue or GuardVerdictKind.Alert;
}

/// <summary>A metric's outcome at a check (Better, Worse, NonInferior, Inconclusive) and its relative effect.</summary>
public sealed record GuardMetricOutcome(string Metric, string Outcome, double? RelativeEffect);

/// <summary>Everything the rule looks at in one check of one rollout.</summary>
public sealed record GuardCheck(
    RolloutStatus Status, bool HoldbackReleased, RolloutGuard Guard,
    bool SrmMismatch, double? SrmPValue, IReadOnlyList<GuardMetricOutcome> Guardrails, IReadOnlyList<GuardMetricOutcome> Success,
    long Units, long? RequiredUnits, TimeSpan StageElapsed, TimeSpan MinimumStageDuration, TimeSpan? SinceRelease);

/// <summary>
/// The guard's decision rule. Harm first: a sample-ratio mismatch (the comparison cannot be trusted) or a guardrail that
/// is significantly worse (always-valid test, so a daily look does not inflate false alarms) pauses or rolls back, per
/// plan. Then progress: a stage that reached what the plan asks (its sample, its minimum duration, or both) with no success
/// metric significantly worse advances, or waits for approval. After full release, the holdback is released when its
/// period is over (or flagged for a person).
/// </summary>
public static class GuardRule
{
    public const string Worse = "Worse";

    public static GuardVerdict Decide(GuardCheck check)
    {
        var live = check.Status == RolloutStatus.Running || (check.Status == RolloutStatus.Released && !check.HoldbackReleased);
        if (!live) return new(GuardVerdictKind.Hold, $"Nothing to guard: the rollout is {StatusText(check)}.");

        if (Harm(check) is { } harm)
        {
            if (check.Guard.OnHarm == GuardHarmAction.RollBack) return new(GuardVerdictKind.RollBack, harm);
            return check.Status == RolloutStatus.Running
                ? new(GuardVerdictKind.Pause, harm)
                : new(GuardVerdictKind.Alert, harm + " The rollout is fully released, so it cannot be paused; a person must decide whether to roll back.");
        }

        if (check.Status == RolloutStatus.Released)
        {
            var period = TimeSpan.FromDays(check.Guard.HoldbackDays);
            if (check.SinceRelease is not { } since || since < period)
                return new(GuardVerdictKind.Hold, $"Holding back until the {check.Guard.HoldbackDays}-day holdback period ends; no guardrail harmed.");
            return check.Guard.AutoReleaseHoldback
                ? new(GuardVerdictKind.ReleaseHoldback, $"The {check.Guard.HoldbackDays}-day holdback period is over with no guardrail harmed.")
                : new(GuardVerdictKind.HoldbackDue, $"The {check.Guard.HoldbackDays}-day holdback period is over; release the holdback when the long-term effect is recorded.");
        }

        var sampleReached = check.RequiredUnits is { } required && check.Units >= required;
        var durationReached = check.StageElapsed >= check.MinimumStageDuration;
        var done = check.Guard.Completion switch
        {
            StageCompletion.Sample => sampleReached,
            StageCompletion.Duration => durationReached,
            _ => sampleReached && durationReached,
        };
        if (!done) return new(GuardVerdictKind.Hold, Waiting(check, sampleReached, durationReached));

        var worse = check.Success.Where(m => m.Outcome == Worse).Select(m => m.Metric).ToList();
        if (worse.Count > 0)
            return new(GuardVerdictKind.Alert, $"The stage is done but success metric {string.Join(", ", worse)} is significantly worse; a person must decide.");
        var why = $"Stage done ({Progress(check)}); no guardrail harmed and success metrics {SuccessSummary(check)}.";
        return check.Guard.AutoAdvance ? new(GuardVerdictKind.Advance, why) : new(GuardVerdictKind.AwaitApproval, why + " Awaiting approval to advance.");
    }

    /// <summary>Why the rollout must stop, or null when nothing is harmed.</summary>
    public static string? Harm(GuardCheck check)
    {
        if (check.SrmMismatch)
            return string.Create(CultureInfo.InvariantCulture, $"Sample ratio mismatch (p = {check.SrmPValue:G3}): the split between units in and out of the rollout is not what the plan says, so no effect can be trusted.");
        var harmed = check.Guardrails.Where(g => g.Outcome == Worse).ToList();
        if (harmed.Count == 0) return null;
        return "Guardrail significantly harmed: " + string.Join("; ", harmed.Select(g =>
            string.Create(CultureInfo.InvariantCulture, $"{g.Metric} {g.RelativeEffect:+0.0%;-0.0%;0.0%}"))) + ".";
    }

    private static string StatusText(GuardCheck check) => check.Status switch
    {
        RolloutStatus.RolledBack => "rolled back",
        RolloutStatus.Released => "released and its holdback too",
        _ => check.Status.ToString().ToLowerInvariant(),
    };

    private static string Waiting(GuardCheck check, bool sampleReached, bool durationReached)
    {
        var parts = new List<string>();
        if (check.Guard.Completion != StageCompletion.Duration && !sampleReached)
            parts.Add(check.RequiredUnits is { } r ? $"{check.Units:N0} of {r:N0} units" : "not enough data yet to size the sample");
        if (check.Guard.Completion != StageCompletion.Sample && !durationReached)
            parts.Add($"{check.StageElapsed.TotalHours:0} of {check.MinimumStageDuration.TotalHours:0} hours");
        return $"Stage still running ({string.Join(", ", parts)}); no guardrail harmed.";
    }

    private static string Progress(GuardCheck check) =>
        check.RequiredUnits is { } r ? $"{check.Units:N0} units of {r:N0} needed, {check.StageElapsed.TotalHours:0} hours" : $"{check.StageElapsed.TotalHours:0} hours";

    private static string SuccessSummary(GuardCheck check) =>
        check.Success.Count == 0 ? "not set" : string.Join(", ", check.Success.Select(m => $"{m.Metric} {m.Outcome.ToLowerInvariant()}"));
}
