using Stepwise.Auditing;
using Stepwise.Data;

namespace Stepwise.Organization.Csv;

/// <summary>
/// Writes an applied import in one transaction. New rows go in bulk, each with the same "Created" audit entry the interceptor
/// would have written (computed here, since bulk inserts bypass it); changes to existing rows go through SaveChanges and are
/// audited by the interceptor as usual. Either everything, audit included, is committed, or nothing is.
/// </summary>
internal sealed class OrgImportWriter(StepwiseDb db, IAuditActor actor, TimeProvider time)
{
    public async Task WriteAsync(OrgImportInserts inserts, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var at = time.GetUtcNow();
        // Referenced rows first: SQLite checks foreign keys row by row. Within a table, rows go in key order, so the key
        // index and the audit log's entity index mostly grow at their end instead of splitting pages everywhere.
        await db.InsertAuditedAsync(inserts.UnitsParentsFirst(), actor, at, ct);
        await db.InsertAuditedAsync(inserts.People.OrderBy(r => r.Id).ToList(), actor, at, ct);
        await db.InsertAuditedAsync(inserts.Memberships.OrderBy(r => r.Id).ToList(), actor, at, ct);
        await db.InsertAuditedAsync(inserts.ReportingLines.OrderBy(r => r.Id).ToList(), actor, at, ct);
        await db.InsertAuditedAsync(inserts.Transitions.OrderBy(r => r.Id).ToList(), actor, at, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
