using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Delivery.Lifecycle;
using Stepwise.Delivery.Model;

namespace Stepwise.Delivery.Collisions;

/// <summary>
/// Checks, before an experiment or rollout starts, every running experiment and live rollout in the same environment
/// whose units can overlap it. Two trials collide when they share units (no exclusive layer keeps them apart) and
/// their effects could mix: their flags change the same surface, or they are judged on a shared metric (from the
/// features that link the flags). Shares are upper bounds: a rollout counts at its last stage, since it will get there.
/// </summary>
public sealed class CollisionGuard(StepwiseDb db, TimeProvider time)
{
    private sealed record Trial(string Kind, string Key, Guid FlagId, Guid? LayerId, double Share);

    public async Task<IReadOnlyList<Collision>> ForExperimentAsync(Experiment candidate, CancellationToken ct)
    {
        var holdouts = await db.Holdouts.AsNoTracking().Where(h => h.Active).ToListAsync(ct);
        var width = candidate.LayerId is null ? 1 : candidate.RangeStart is { } start ? (candidate.RangeEnd ?? start) - start : candidate.LayerShare;
        var share = candidate.Coverage * width * Holdout.KeptShare(holdouts, candidate);
        return await CollisionsAsync(new Trial("experiment", candidate.Key, candidate.FlagId, candidate.LayerId, share), candidate.EnvironmentId, holdouts, ct);
    }

    public async Task<IReadOnlyList<Collision>> ForRolloutAsync(RolloutPlan candidate, CancellationToken ct)
    {
        var holdouts = await db.Holdouts.AsNoTracking().Where(h => h.Active).ToListAsync(ct);
        var key = await db.Flags.AsNoTracking().Where(f => f.Id == candidate.FlagId).Select(f => f.Key).FirstAsync(ct);
        return await CollisionsAsync(new Trial("rollout", $"{key} rollout", candidate.FlagId, null, Reach(candidate)), candidate.EnvironmentId, holdouts, ct);
    }

    /// <summary>
    /// Null when the start may go ahead (no collisions, or acknowledged with a reason, which is recorded); otherwise
    /// the sentence that refuses it.
    /// </summary>
    public async Task<string?> CheckAsync(
        IReadOnlyList<Collision> collisions, bool acknowledged, string? reason, string subjectKind, string subjectKey, Guid environmentId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (collisions.Count == 0) return null;
        if (!acknowledged || string.IsNullOrWhiteSpace(reason))
            return $"Starting would collide with {collisions.Count} running {(collisions.Count == 1 ? "trial" : "trials")}: "
                + string.Join(" | ", collisions.Select(c => c.Describe()))
                + ". Put them in one exclusive layer, wait, or acknowledge the collisions with a reason to start anyway.";
        var environment = await db.Environments.AsNoTracking().Where(e => e.Id == environmentId).Select(e => e.Key).FirstAsync(ct);
        db.CollisionAcknowledgements.Add(new CollisionAcknowledgement
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()), Environment = environment, SubjectKind = subjectKind, SubjectKey = subjectKey,
            Collisions = [.. collisions.Select(c => c.Describe())], Reason = reason.Trim(), AcknowledgedBy = user.Identity?.Name ?? "unknown",
            AcknowledgedAt = time.GetUtcNow(),
        });
        return null;
    }

    private async Task<IReadOnlyList<Collision>> CollisionsAsync(Trial candidate, Guid environmentId, List<Holdout> holdouts, CancellationToken ct)
    {
        var experiments = await db.Experiments.AsNoTracking()
            .Where(e => e.EnvironmentId == environmentId && e.Status == ExperimentStatus.Running && e.Key != candidate.Key).ToListAsync(ct);
        var rollouts = await db.RolloutPlans.AsNoTracking()
            .Where(p => p.EnvironmentId == environmentId && (p.Status == RolloutStatus.Running || p.Status == RolloutStatus.Paused || p.Status == RolloutStatus.Released))
            .ToListAsync(ct);
        var flags = await db.Flags.AsNoTracking().Select(f => new { f.Id, f.Key, f.Surface }).ToDictionaryAsync(f => f.Id, ct);
        var metrics = await MetricsByFlagAsync(ct);
        var others = experiments.Select(e => new Trial("experiment", e.Key, e.FlagId, e.LayerId, e.TrafficShare * Holdout.KeptShare(holdouts, e)))
            .Concat(rollouts.Select(p => new Trial("rollout", $"{flags[p.FlagId].Key} rollout", p.FlagId, null, Reach(p))));

        var mine = flags[candidate.FlagId];
        var myMetrics = metrics.GetValueOrDefault(mine.Key) ?? [];
        var collisions = new List<Collision>();
        foreach (var other in others)
        {
            // The same flag is refused earlier (one experiment or rollout per flag and environment); one layer keeps units apart.
            if (other.FlagId == candidate.FlagId || (candidate.LayerId is not null && candidate.LayerId == other.LayerId)) continue;
            var shared = candidate.Share * other.Share;
            if (shared <= 0) continue;
            var theirs = flags[other.FlagId];
            var reasons = new List<string>();
            if (mine.Surface is { } surface && surface == theirs.Surface) reasons.Add($"both change surface '{surface}'");
            var common = myMetrics.Intersect(metrics.GetValueOrDefault(theirs.Key) ?? [], StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (common.Count > 0) reasons.Add($"shared {(common.Count == 1 ? "metric" : "metrics")} {string.Join(", ", common)}");
            if (reasons.Count > 0) collisions.Add(new Collision(other.Kind, other.Key, theirs.Key, Math.Round(shared, 4), reasons));
        }
        return collisions;
    }

    /// <summary>The metrics each flag is judged on: the success and guardrail metrics of the live features that link it.</summary>
    private async Task<Dictionary<string, HashSet<string>>> MetricsByFlagAsync(CancellationToken ct)
    {
        var features = await db.Features.AsNoTracking().Where(f => f.Phase != FeaturePhase.Removed)
            .Select(f => new { f.FlagKeys, f.SuccessMetrics, f.GuardrailMetrics }).ToListAsync(ct);
        var byFlag = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var feature in features)
        {
            foreach (var flag in feature.FlagKeys)
            {
                if (!byFlag.TryGetValue(flag, out var set)) byFlag[flag] = set = new HashSet<string>(StringComparer.Ordinal);
                set.UnionWith(feature.SuccessMetrics.Select(m => m.MetricKey));
                set.UnionWith(feature.GuardrailMetrics.Select(m => m.MetricKey));
            }
        }
        return byFlag;
    }

    private static double Reach(RolloutPlan plan) => plan.HoldbackReleased ? 1 : plan.Stages.Count == 0 ? 0 : plan.Stages[^1];
}
