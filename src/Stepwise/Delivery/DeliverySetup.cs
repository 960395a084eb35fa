using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Delivery.Model;
using Stepwise.Delivery.Shared;

namespace Stepwise.Delivery;

/// <summary>Makes sure the standard environments exist, each with an SDK key, so a fresh install can serve payloads at once.</summary>
public static class DeliverySetup
{
    public static async Task EnsureEnvironmentsAsync(StepwiseDb db, TimeProvider time, Func<string, string>? keyFor = null, CancellationToken ct = default)
    {
        var existing = await db.Environments.ToListAsync(ct);
        var now = time.GetUtcNow();
        for (var i = 0; i < DeliveryEnvironment.Standard.Count; i++)
        {
            var key = DeliveryEnvironment.Standard[i];
            if (existing.Any(e => e.Key == key)) continue;
            var environment = new DeliveryEnvironment { Id = Guid.CreateVersion7(now), Key = key, Name = char.ToUpperInvariant(key[0]) + key[1..], SortOrder = i };
            db.Environments.Add(environment);
            db.SdkKeys.Add(new SdkKey
            {
                Id = Guid.CreateVersion7(now), EnvironmentId = environment.Id, Key = keyFor?.Invoke(key) ?? SharedObjectsService.NewClientKey(key),
                Name = "Default key", CreatedAt = now,
            });
        }
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
    }
}
