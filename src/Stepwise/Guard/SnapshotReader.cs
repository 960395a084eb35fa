using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Data;
using Stepwise.Delivery.Model;

namespace Stepwise.Guard;

/// <summary>Stored analyses: the history of one experiment or rollout, and the latest ones a feature's gate decision can cite.</summary>
public sealed class SnapshotReader(StepwiseDb db)
{
    public const int MaxSnapshots = 400;

    public async Task<Outcome<IReadOnlyList<SnapshotView>>> ForRolloutAsync(Guid id, CancellationToken ct)
    {
        if (!await db.RolloutPlans.AnyAsync(p => p.Id == id, ct)) return Outcome<IReadOnlyList<SnapshotView>>.NotFound("No such rollout plan.");
        return Outcome<IReadOnlyList<SnapshotView>>.Ok(await ListAsync(db.AnalysisSnapshots.Where(s => s.RolloutPlanId == id), ct));
    }

    public async Task<Outcome<IReadOnlyList<SnapshotView>>> ForExperimentAsync(string key, CancellationToken ct)
    {
        if (!await db.Experiments.AnyAsync(e => e.Key == key, ct)) return Outcome<IReadOnlyList<SnapshotView>>.NotFound($"No experiment '{key}'.");
        return Outcome<IReadOnlyList<SnapshotView>>.Ok(await ListAsync(db.AnalysisSnapshots.Where(s => s.Subject == SnapshotSubject.Experiment && s.SubjectKey == key), ct));
    }

    private static async Task<IReadOnlyList<SnapshotView>> ListAsync(IQueryable<AnalysisSnapshot> query, CancellationToken ct)
    {
        var rows = await query.AsNoTracking().ToListAsync(ct);
        return rows.OrderBy(s => s.AsOf).TakeLast(MaxSnapshots).Select(SnapshotView.From).ToList();
    }

    /// <summary>The latest snapshot of each experiment and rollout of the feature's flags, newest first.</summary>
    public async Task<IReadOnlyList<EvidenceOption>> EvidenceForAsync(IReadOnlyCollection<string> flagKeys, CancellationToken ct)
    {
        var flags = await db.Flags.AsNoTracking().Where(f => flagKeys.Contains(f.Key)).Select(f => new { f.Id, f.Key }).ToListAsync(ct);
        var ids = flags.Select(f => f.Id).ToList();
        var experiments = await db.Experiments.AsNoTracking().Where(e => ids.Contains(e.FlagId)).Select(e => e.Key).ToListAsync(ct);
        var plans = await db.RolloutPlans.AsNoTracking().Where(p => ids.Contains(p.FlagId)).Select(p => new { p.Id, p.FlagId }).ToListAsync(ct);
        var planIds = plans.Select(p => (Guid?)p.Id).ToList();
        var snapshots = await db.AnalysisSnapshots.AsNoTracking()
            .Where(s => (s.Subject == SnapshotSubject.Experiment && experiments.Contains(s.SubjectKey)) || planIds.Contains(s.RolloutPlanId))
            .ToListAsync(ct);
        return snapshots.GroupBy(s => s.SubjectKey).Select(g => g.MaxBy(s => s.AsOf)!).OrderByDescending(s => s.AsOf)
            .Select(s =>
            {
                var flag = s.RolloutPlanId is { } planId ? flags.First(f => f.Id == plans.First(p => p.Id == planId).FlagId).Key : null;
                return EvidenceOption.From(s, flag);
            }).ToList();
    }

    public Task<AnalysisSnapshot?> FindAsync(Guid id, CancellationToken ct) => db.AnalysisSnapshots.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
}

/// <summary>A stored analysis a gate decision can cite: what it measured on the first success metric.</summary>
public sealed record EvidenceOption(Guid SnapshotId, string Title, string Url, DateTimeOffset AsOf, string? Metric, double? MeasuredEffect, string Recommendation)
{
    public static EvidenceOption From(AnalysisSnapshot s, string? flag)
    {
        var success = s.Metrics.FirstOrDefault(m => m.Role == "Success") ?? s.Metrics.FirstOrDefault();
        var title = s.Subject == SnapshotSubject.Rollout
            ? $"{flag} rollout, stage {s.Stage + 1}: analysis of {s.AsOf:yyyy-MM-dd}"
            : $"{s.SubjectKey}: analysis of {s.AsOf:yyyy-MM-dd}";
        var url = s.Subject == SnapshotSubject.Rollout ? $"/delivery/rollouts/{s.RolloutPlanId}" : $"/delivery/experiments/{s.SubjectKey}/analysis";
        return new EvidenceOption(s.Id, title, url, s.AsOf, success?.Metric, success?.RelativeEffect, s.Recommendation);
    }
}
