using Stepwise.Delivery.Model;
using Stepwise.Events.Analysis;

namespace Stepwise.Guard;

/// <summary>A guard plan as sent by a client; missing values keep their defaults.</summary>
public sealed record GuardRequest(
    IReadOnlyList<string>? SuccessMetrics, IReadOnlyList<GuardMetric>? Guardrails, double? Alpha, double? Power, bool? AutoAdvance,
    GuardHarmAction? OnHarm, StageCompletion? Completion, int? HoldbackDays, bool? AutoReleaseHoldback);

/// <summary>Units of one subject also exposed to another running experiment or rollout.</summary>
public sealed record OverlapRow(string Key, string Kind, string Name, long SharedUnits, double ShareOfUnits);

/// <summary>The measured overlap of one subject with everything else running, and the query that counted it.</summary>
public sealed record OverlapView(string Key, long Units, IReadOnlyList<OverlapRow> Others, string Sql);

/// <summary>
/// A rollout stage's analysis: units in the rollout against units not (yet) in it, the sample the stage needs, and what
/// the guard would do now.
/// </summary>
public sealed record RolloutAnalysisView(
    Guid RolloutId, string Flag, string Environment, int Stage, double StageShare, DateTimeOffset? StageStartedAt,
    RolloutGuard? Guard, long? RequiredUnits, double? UnitsPerDay, double? DaysToSample, GuardVerdict Verdict,
    ExperimentAnalysisResult? Analysis, IReadOnlyList<string> Problems);

/// <summary>A stored snapshot as the API returns it.</summary>
public sealed record SnapshotView(
    Guid Id, string Subject, string SubjectKey, Guid? RolloutId, int? Stage, DateTimeOffset AsOf, long Units, double? SrmPValue, bool SrmMismatch,
    string Recommendation, long? RequiredUnits, IReadOnlyList<SnapshotMetric> Metrics, string? GuardAction, string? GuardReason)
{
    public static SnapshotView From(AnalysisSnapshot s) => new(
        s.Id, s.Subject.ToString(), s.SubjectKey, s.RolloutPlanId, s.Stage, s.AsOf, s.Units, s.SrmPValue, s.SrmMismatch,
        s.Recommendation, s.RequiredUnits, s.Metrics, s.GuardAction, s.GuardReason);
}

/// <summary>What one guard run did: subjects analysed and actions taken.</summary>
public sealed record GuardRunResult(int Experiments, int Rollouts, IReadOnlyList<string> Actions);
