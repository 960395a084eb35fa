using System.Text.Json;
using Stepwise.Auditing;
using Stepwise.Data;

namespace Stepwise.Careers.Compensation;

/// <summary>
/// Reads do not pass through the <see cref="AuditingInterceptor"/>, so every read of salary data is logged here,
/// explicitly: who read which scope, never the figures themselves.
/// </summary>
public sealed class SalaryReadAudit(StepwiseDb db, IAuditActor actor, TimeProvider time)
{
    public const string Action = "Read";
    public const string EntityType = "SalaryData";

    public async Task LogAsync(string scope, string entityId, object details, CancellationToken ct)
    {
        db.AuditLog.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            ActorId = actor.UserId,
            ActorName = actor.Name,
            Action = Action,
            EntityType = EntityType,
            EntityId = entityId,
            After = JsonSerializer.Serialize(new { scope, details }, JsonSerializerOptions.Web),
        });
        await db.SaveChangesAsync(ct);
    }
}
