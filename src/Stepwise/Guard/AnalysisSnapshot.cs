namespace Stepwise.Guard;

public enum SnapshotSubject
{
    Experiment,
    Rollout,
}

/// <summary>
/// One stored analysis: what an experiment or a rollout stage measured at one check. The scheduled guard writes one
/// per check, so the pages can draw the cumulative effect and its always-valid interval over time, and gate decisions
/// can cite a measured effect instead of a typed one.
/// </summary>
public sealed class AnalysisSnapshot
{
    public Guid Id { get; set; }
    public SnapshotSubject Subject { get; set; }

    /// <summary>The experiment key, or the rollout's exposure key (<c>rollout-…</c>).</summary>
    public required string SubjectKey { get; set; }

    public Guid? RolloutPlanId { get; set; }

    /// <summary>The rollout stage analysed (0-based), null for experiments.</summary>
    public int? Stage { get; set; }

    public DateTimeOffset AsOf { get; set; }
    public long Units { get; set; }
    public double? SrmPValue { get; set; }
    public bool SrmMismatch { get; set; }

    /// <summary>The analysis' recommendation for the first treatment (Ship, DoNotShip, Inconclusive, Untrustworthy).</summary>
    public required string Recommendation { get; set; }

    /// <summary>Units a rollout stage needs to detect a harm as large as the guardrail margins, when known.</summary>
    public long? RequiredUnits { get; set; }

    public List<SnapshotMetric> Metrics { get; set; } = [];

    /// <summary>What the guard did at this check (none, paused, rolled back, advanced, awaiting approval …) and why.</summary>
    public string? GuardAction { get; set; }

    public string? GuardReason { get; set; }
}

/// <summary>One metric of a snapshot: the effect of the first treatment and its always-valid interval.</summary>
public sealed record SnapshotMetric(
    string Metric, string Name, string Role, string Variation, double? RelativeEffect, double? RelativeCiLow, double? RelativeCiHigh,
    double? AbsoluteEffect, double? CiLow, double? CiHigh, double? PValue, string Outcome);
