using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Delivery.Model;
using Stepwise.Events.Analysis;

namespace Stepwise.Guard;

/// <summary>
/// Scheduled analysis of running experiments: each is analysed with the hypothesis metrics of the feature its flag
/// delivers (success metrics and the guardrails the catalogue has margins for), and the result is stored as a snapshot.
/// </summary>
public sealed class ExperimentSnapshots(StepwiseDb db, ExperimentAnalysisService analysis, TimeProvider time)
{
    /// <summary>Analyses one experiment now and stores the snapshot; null when no metrics are known for it.</summary>
    public async Task<AnalysisSnapshot?> SnapshotAsync(Experiment experiment, CancellationToken ct)
    {
        var (success, guardrails) = await MetricsAsync(experiment, ct);
        return success.Count + guardrails.Count == 0 ? null : await SnapshotAsync(experiment, success, guardrails, ct);
    }

    /// <summary>Analyses one experiment now with the given metrics and stores the snapshot.</summary>
    public async Task<AnalysisSnapshot?> SnapshotAsync(Experiment experiment, List<string> success, List<string> guardrails, CancellationToken ct)
    {
        var outcome = await analysis.AnalyzeAsync(experiment.Key, new AnalysisRequest(success, guardrails), ct);
        if (!outcome.Succeeded) return null;
        var snapshot = SnapshotRecorder.Experiment(outcome.Value!, time.GetUtcNow());
        db.AnalysisSnapshots.Add(snapshot);
        await db.SaveChangesAsync(ct);
        return snapshot;
    }

    /// <summary>The metrics <see cref="MetricsAsync(Experiment, CancellationToken)"/> picks for the experiment with this key; null when there is none.</summary>
    public async Task<(List<string> Success, List<string> Guardrails)?> MetricsAsync(string experimentKey, CancellationToken ct) =>
        await db.Experiments.AsNoTracking().FirstOrDefaultAsync(e => e.Key == experimentKey, ct) is { } experiment ? await MetricsAsync(experiment, ct) : null;

    /// <summary>
    /// The experiment's metrics: from the feature that lists its flag, restricted to the catalogue; without such a feature,
    /// the metrics of its last stored analysis (so an analysis someone started keeps being tracked).
    /// </summary>
    public async Task<(List<string> Success, List<string> Guardrails)> MetricsAsync(Experiment experiment, CancellationToken ct)
    {
        var flag = await db.Flags.AsNoTracking().Where(f => f.Id == experiment.FlagId).Select(f => f.Key).FirstAsync(ct);
        var features = await db.Features.AsNoTracking().ToListAsync(ct);
        var feature = features.FirstOrDefault(f => f.FlagKeys.Contains(flag));
        if (feature is null)
        {
            var last = await db.AnalysisSnapshots.AsNoTracking().Where(s => s.Subject == SnapshotSubject.Experiment && s.SubjectKey == experiment.Key)
                .OrderByDescending(s => s.AsOf).FirstOrDefaultAsync(ct);
            var metrics = last?.Metrics ?? [];
            return ([.. metrics.Where(m => m.Role == "Success").Select(m => m.Metric)], [.. metrics.Where(m => m.Role == "Guardrail").Select(m => m.Metric)]);
        }
        var catalogue = await db.Metrics.AsNoTracking().ToDictionaryAsync(m => m.Key, ct);
        var success = feature.SuccessMetrics.Select(m => m.MetricKey).Where(catalogue.ContainsKey).Distinct().ToList();
        var guardrails = feature.GuardrailMetrics.Select(m => m.MetricKey)
            .Where(k => catalogue.TryGetValue(k, out var m) && m.GuardrailMargin is not null && !success.Contains(k)).Distinct().ToList();
        return (success, guardrails);
    }
}
