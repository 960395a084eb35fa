using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Stepwise.Auditing;

/// <summary>Turns every insert, update and delete saved through the DbContext into an <see cref="AuditEntry"/> in the same transaction.</summary>
public sealed class AuditingInterceptor(IAuditActor actor, TimeProvider time) : SaveChangesInterceptor
{
    public const string AnonymousActorName = "anonymous";

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddAuditEntries(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddAuditEntries(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void AddAuditEntries(DbContext? context)
    {
        if (context is null) return;
        context.ChangeTracker.DetectChanges();
        var now = time.GetUtcNow();
        var entries = new List<AuditEntry>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.Entity is AuditEntry)
            {
                if (entry.State is EntityState.Modified or EntityState.Deleted)
                    throw new InvalidOperationException("The audit log is append-only.");
                continue;
            }
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (entry.Entity is INotAudited) continue;
            if (entry.State == EntityState.Modified && !entry.Properties.Any(p => p.IsModified)) continue;
            entries.Add(Describe(entry, now));
        }
        if (entries.Count > 0) context.AddRange(entries);
    }

    private AuditEntry Describe(EntityEntry entry, DateTimeOffset now)
    {
        var (action, before, after) = entry.State switch
        {
            EntityState.Added => ("Created", null, Snapshot(entry, p => true, current: true)),
            EntityState.Deleted => ("Deleted", Snapshot(entry, p => true, current: false), null),
            _ => ("Updated", Snapshot(entry, p => p.IsModified, current: false), Snapshot(entry, p => p.IsModified, current: true)),
        };
        // An anonymous note is logged as written by nobody, at a time too coarse to match against who was active.
        var anonymous = entry.State == EntityState.Added && entry.Entity is IAnonymousAuthorship { WrittenAnonymously: true };
        return new AuditEntry
        {
            At = anonymous ? HourOf(now) : now,
            ActorId = anonymous ? null : actor.UserId,
            ActorName = anonymous ? AnonymousActorName : actor.Name,
            Action = action,
            EntityType = entry.Metadata.ClrType.Name,
            EntityId = string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue)),
            Before = before,
            After = after,
        };
    }

    private static DateTimeOffset HourOf(DateTimeOffset at) => new(at.Year, at.Month, at.Day, at.Hour, 0, 0, at.Offset);

    private static string Snapshot(EntityEntry entry, Func<PropertyEntry, bool> include, bool current) =>
        AuditSnapshot.Serialize(entry.Properties.Where(include)
            .Select(p => KeyValuePair.Create(p.Metadata.Name, current ? p.CurrentValue : p.OriginalValue)));
}
