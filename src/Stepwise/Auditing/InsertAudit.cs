using Microsoft.EntityFrameworkCore;
using Stepwise.Data.Bulk;

namespace Stepwise.Auditing;

/// <summary>Audit entries for rows written by a bulk insert, which bypasses the change tracker and so the <see cref="AuditingInterceptor"/>.
/// Each row gets the entry the interceptor would have written for it: "Created", with every value in <see cref="AuditEntry.After"/>.</summary>
public static class InsertAudit
{
    /// <summary>Bulk-inserts new rows and their "Created" entries, in the transaction the caller has begun.</summary>
    /// <param name="rows">A materialized collection: it is read twice, once for the rows and once for their entries.</param>
    public static async Task InsertAuditedAsync<T>(this DbContext db, IReadOnlyCollection<T> rows, IAuditActor actor, DateTimeOffset at, CancellationToken ct)
        where T : class
    {
        await db.BulkInsertAsync(rows, ct);
        await db.BulkInsertAsync(Created(db, rows, actor, at), ct);
    }

    /// <summary>Lazily describes <paramref name="rows"/>, so a large insert never holds all of its entries in memory at once.</summary>
    public static IEnumerable<AuditEntry> Created<T>(DbContext db, IEnumerable<T> rows, IAuditActor actor, DateTimeOffset at) where T : class
    {
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity.");
        var properties = type.GetProperties().Select(p => (p.Name, Getter: p.GetGetter())).ToArray();
        var key = type.FindPrimaryKey()!.Properties.Select(p => p.GetGetter()).ToArray();
        var (actorId, actorName) = (actor.UserId, actor.Name);
        foreach (var row in rows)
        {
            yield return new AuditEntry
            {
                At = at,
                ActorId = actorId,
                ActorName = actorName,
                Action = "Created",
                EntityType = typeof(T).Name,
                EntityId = string.Join(",", key.Select(k => k.GetClrValueUsingContainingEntity(row))),
                After = AuditSnapshot.Serialize(properties.Select(p => KeyValuePair.Create(p.Name, p.Getter.GetClrValueUsingContainingEntity(row)))),
            };
        }
    }
}
