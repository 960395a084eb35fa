using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Data;
using Stepwise.Identity;
using Stepwise.Organization;

namespace Stepwise.Auditing;

public static class AuditApi
{
    public sealed record AuditEntryView(long Id, DateTimeOffset At, Guid? ActorId, string ActorName, string Action, string EntityType, string EntityId, string? Before, string? After);

    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.Admin);
        group.MapGet("/", ListAsync).WithName("ListAuditEntries").WithSummary("The audit log, newest first (administrators only).");
        return group;
    }

    private static async Task<Results<Ok<Page<AuditEntryView>>, ValidationProblem>> ListAsync(
        StepwiseDb db, string? entityType, string? entityId, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (p, size) = Paging.Read(page, pageSize, errors);
        if (errors.Any) return errors.ToProblem();
        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrEmpty(entityType)) query = query.Where(e => e.EntityType == entityType);
        if (!string.IsNullOrEmpty(entityId)) query = query.Where(e => e.EntityId == entityId);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(e => e.Id).Skip((p - 1) * size).Take(size)
            .Select(e => new AuditEntryView(e.Id, e.At, e.ActorId, e.ActorName, e.Action, e.EntityType, e.EntityId, e.Before, e.After))
            .ToListAsync(ct);
        return TypedResults.Ok(new Page<AuditEntryView>(items, p, size, total));
    }
}
