using Microsoft.EntityFrameworkCore;
using Stepwise.Data;

namespace Stepwise.Delivery.Collisions;

/// <summary>What the guard would say before anyone presses start, and the record of starts that went ahead anyway.</summary>
public sealed class CollisionsPreview(StepwiseDb db, CollisionGuard guard)
{
    public async Task<IReadOnlyList<Collision>?> ForExperimentAsync(string key, CancellationToken ct) =>
        await db.Experiments.AsNoTracking().FirstOrDefaultAsync(e => e.Key == key, ct) is { } experiment ? await guard.ForExperimentAsync(experiment, ct) : null;

    public async Task<IReadOnlyList<Collision>?> ForRolloutAsync(Guid id, CancellationToken ct) =>
        await db.RolloutPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) is { } plan ? await guard.ForRolloutAsync(plan, ct) : null;

    public async Task<IReadOnlyList<CollisionAcknowledgement>> AcknowledgementsAsync(CancellationToken ct) =>
        await db.CollisionAcknowledgements.AsNoTracking().OrderByDescending(a => a.AcknowledgedAt).Take(200).ToListAsync(ct);
}
