using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Delivery.Model;
using Stepwise.Identity;
using Stepwise.Notifications;
using Stepwise.Organization;

namespace Stepwise.Guard;

/// <summary>
/// Tells people what the guard did: the flag's owning unit (its current members, and units inside it) or, when the flag
/// has no owner, the administrators. Added to the same save as the change, so a notification never describes a change
/// that did not happen.
/// </summary>
public sealed class GuardNotifications(StepwiseDb db, Notifier notifier, TimeProvider time)
{
    public const string PausedTopic = "delivery.rollout.paused";
    public const string RolledBackTopic = "delivery.rollout.rolled-back";
    public const string NeedsAttentionTopic = "delivery.rollout.needs-attention";

    public static string Topic(GuardVerdictKind kind) => kind switch
    {
        GuardVerdictKind.Pause => PausedTopic,
        GuardVerdictKind.RollBack => RolledBackTopic,
        _ => NeedsAttentionTopic,
    };

    public static string Title(string flag, GuardVerdictKind kind) => kind switch
    {
        GuardVerdictKind.Pause => $"The guard paused the {flag} rollout",
        GuardVerdictKind.RollBack => $"The guard rolled back the {flag} rollout",
        GuardVerdictKind.AwaitApproval => $"The {flag} rollout is ready for its next stage",
        GuardVerdictKind.HoldbackDue => $"The {flag} holdback can be released",
        _ => $"The {flag} rollout needs a decision",
    };

    /// <summary>People of the flag's owning unit and the units inside it, today.</summary>
    public async Task<List<Guid>> OwnersAsync(Guid flagId, CancellationToken ct)
    {
        var owner = await db.Flags.AsNoTracking().Where(f => f.Id == flagId).Select(f => f.OwnerUnitId).FirstOrDefaultAsync(ct);
        if (owner is not { } unit) return [];
        var tree = await UnitTree.LoadAsync(db, ct);
        var units = tree.Units.Where(id => tree.IsWithin(id, unit)).ToHashSet();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var members = await db.Memberships.AsNoTracking().ActiveOn(today).Select(m => new { m.PersonId, m.UnitId }).ToListAsync(ct);
        return members.Where(m => units.Contains(m.UnitId)).Select(m => m.PersonId).Distinct().ToList();
    }


    /// <summary>Forgets notifications added but not saved yet (their change was refused).</summary>
    public void Discard()
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added && e.Entity is Notification or OutboundWebhook).ToList())
            entry.State = EntityState.Detached;
    }

    /// <summary>Adds the notification to the pending save: the flag's owners, or the administrators when it has none.</summary>
    public async Task NotifyAsync(RolloutPlan plan, string flag, GuardVerdict verdict, CancellationToken ct)
    {
        var message = new NotificationMessage(Topic(verdict.Kind), Title(flag, verdict.Kind), verdict.Reason, $"/delivery/rollouts/{plan.Id}");
        var owners = await OwnersAsync(plan.FlagId, ct);
        if (owners.Count > 0) notifier.Notify(db, message, owners);
        else await notifier.NotifyRoleAsync(db, message, Roles.Admin, ct);
    }
}
