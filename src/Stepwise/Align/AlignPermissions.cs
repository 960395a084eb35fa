using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Delivery;
using Stepwise.Identity;
using Stepwise.Organization;

namespace Stepwise.Align;

/// <summary>
/// Who may change what a unit aligns on. Everyone signed in reads everything: priorities and goals are meant to be seen.
/// A unit's priority stack and its WIGs are set by the unit's leads (or leads of a unit containing it), administrators and
/// leadership; the company's only by administrators and leadership. Members of a unit add its sWIGs, measurements and check-ins.
/// </summary>
public sealed class AlignPermissions(StepwiseDb db, DeliveryPermissions delivery, TimeProvider time)
{
    public static bool IsPrivileged(ClaimsPrincipal user) => DeliveryPermissions.IsPrivileged(user);

    public static Guid? PersonOf(ClaimsPrincipal user) => DeliveryPermissions.PersonOf(user);

    public static string NameOf(ClaimsPrincipal user) => user.FindFirstValue("name") ?? user.Identity?.Name ?? "someone";

    public async Task<bool> CanSteerAsync(ClaimsPrincipal user, OrgUnit unit, CancellationToken ct)
    {
        if (IsPrivileged(user)) return true;
        if (unit.Kind == UnitKind.Company || PersonOf(user) is not { } person) return false;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var led = await db.Memberships.AsNoTracking().Where(m => m.PersonId == person && m.Role == MembershipRole.Lead).ActiveOn(today)
            .Select(m => m.UnitId).ToListAsync(ct);
        if (led.Count == 0) return false;
        var tree = await UnitTree.LoadAsync(db, ct);
        return tree.SelfAndAncestors(unit.Id).Any(led.Contains);
    }

    public Task<bool> IsMemberAsync(ClaimsPrincipal user, Guid unitId, CancellationToken ct) =>
        IsPrivileged(user) ? Task.FromResult(true) : delivery.IsMemberOfAsync(user, unitId, ct);
}
