using Stepwise.Delivery.Model;
using Stepwise.Events.Analysis;

namespace Stepwise.Guard;

/// <summary>Turns an analysis into the compact snapshot kept for the over-time charts and gate evidence.</summary>
public static class SnapshotRecorder
{
    public static AnalysisSnapshot Rollout(RolloutPlan plan, RolloutAnalysisView view, DateTimeOffset now, string action, string reason) => new()
    {
        Id = Guid.CreateVersion7(now), Subject = SnapshotSubject.Rollout, SubjectKey = plan.AnalysisKey, RolloutPlanId = plan.Id,
        Stage = Math.Max(0, plan.CurrentStage), AsOf = now, Units = view.Analysis?.Exposures.Sum(e => e.Analysed) ?? 0,
        SrmPValue = view.Analysis?.SrmPValue, SrmMismatch = view.Analysis?.SrmMismatch ?? false,
        Recommendation = view.Analysis is { Decisions: [var d, ..] } ? d.Recommendation : "Inconclusive", RequiredUnits = view.RequiredUnits,
        Metrics = Metrics(view.Analysis), GuardAction = action, GuardReason = Trim(reason),
    };

    public static AnalysisSnapshot Experiment(ExperimentAnalysisResult result, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), Subject = SnapshotSubject.Experiment, SubjectKey = result.Experiment, AsOf = now,
        Units = result.Exposures.Sum(e => e.Analysed), SrmPValue = result.SrmPValue, SrmMismatch = result.SrmMismatch,
        Recommendation = result.Decisions is [var d, ..] ? d.Recommendation : "Inconclusive", Metrics = Metrics(result),
    };

    /// <summary>The first treatment's results (the one a rollout or a two-arm test has; the first of an A/B/n).</summary>
    private static List<SnapshotMetric> Metrics(ExperimentAnalysisResult? result)
    {
        if (result is null) return [];
        var first = result.Results.Select(r => r.Variation).FirstOrDefault();
        return result.Results.Where(r => r.Variation == first).Select(r => new SnapshotMetric(
            r.Metric, r.Name, r.Role, r.Variation, r.RelativeEffect, r.RelativeCiLow, r.RelativeCiHigh,
            r.AbsoluteEffect, r.CiLow, r.CiHigh, r.PValue, r.Outcome)).ToList();
    }

    private static string Trim(string text) => text.Length <= 2000 ? text : text[..1997] + "...";
}
