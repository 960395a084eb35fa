using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Delivery.Model;

namespace Stepwise.Delivery.Shared;

public sealed record OverlapItem(string Kind, string Key, string Flag, string? Layer, double Share);

public sealed record OverlapPair(string First, string Second, double SharedUnits, string Explanation);

public sealed record OverlapView(string Environment, IReadOnlyList<OverlapItem> Items, IReadOnlyList<OverlapPair> Pairs);

/// <summary>
/// The expected share of units that two running experiments or rollouts have in common. Different seeds hash
/// independently, so two trials share the product of their shares; two experiments in one layer hold disjoint
/// ranges of the same hash and share nobody; a holdout scales every experiment it covers. Targeting conditions
/// are not known without traffic, so these are upper-bound shares of the whole population.
/// </summary>
public sealed class OverlapCalculator(StepwiseDb db)
{
    public async Task<OverlapView?> ForEnvironmentAsync(string environment, CancellationToken ct)
    {
        var env = await db.Environments.AsNoTracking().FirstOrDefaultAsync(e => e.Key == environment, ct);
        if (env is null) return null;
        var flags = await db.Flags.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Key, ct);
        var layers = await db.Layers.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.Key, ct);
        var holdouts = await db.Holdouts.AsNoTracking().Where(h => h.Active).ToListAsync(ct);
        var experiments = await db.Experiments.AsNoTracking()
            .Where(e => e.EnvironmentId == env.Id && e.Status == ExperimentStatus.Running).OrderBy(e => e.Key).ToListAsync(ct);
        var rollouts = await db.RolloutPlans.AsNoTracking()
            .Where(p => p.EnvironmentId == env.Id && (p.Status == RolloutStatus.Running || p.Status == RolloutStatus.Paused || p.Status == RolloutStatus.Released))
            .ToListAsync(ct);

        var items = new List<(OverlapItem Item, Guid? Layer)>();
        foreach (var e in experiments)
        {
            var kept = Holdout.KeptShare(holdouts, e);
            items.Add((new OverlapItem("experiment", e.Key, flags[e.FlagId], e.LayerId is { } l ? layers[l] : null, e.TrafficShare * kept), e.LayerId));
        }
        foreach (var p in rollouts.OrderBy(p => flags[p.FlagId]))
            items.Add((new OverlapItem("rollout", $"{flags[p.FlagId]} rollout", flags[p.FlagId], null, p.CurrentShare), null));

        var pairs = new List<OverlapPair>();
        for (var i = 0; i < items.Count; i++)
        {
            for (var j = i + 1; j < items.Count; j++)
            {
                var (a, layerA) = items[i];
                var (b, layerB) = items[j];
                var sameLayer = layerA is not null && layerA == layerB;
                var shared = sameLayer ? 0 : a.Share * b.Share;
                var why = sameLayer
                    ? $"Both are in layer '{a.Layer}': disjoint ranges, no unit in common."
                    : $"Independent hashes: {DeliveryValidation.Percent(a.Share)} × {DeliveryValidation.Percent(b.Share)} of units.";
                pairs.Add(new OverlapPair(a.Key, b.Key, shared, why));
            }
        }
        return new OverlapView(env.Key, items.Select(i => i.Item).ToList(), pairs);
    }
}
