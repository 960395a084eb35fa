using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Delivery.Model;
using Stepwise.Identity;
using Stepwise.Organization;

namespace Stepwise.Delivery;

/// <summary>
/// Who may change what in delivery. Everyone signed in may read. A flag and its rules, rollouts and
/// experiments belong to its owning unit: members of that unit (or of a unit inside it) change them, as do
/// administrators and leadership. Shared objects (segments, layers, holdouts, SDK keys) change the behaviour
/// of many teams' flags, so only administrators and leadership change them; anyone in the organization may
/// create a segment and edit the ones they created.
/// </summary>
public sealed class DeliveryPermissions(StepwiseDb db, TimeProvider time)
{
    public static bool IsPrivileged(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Leadership);

    public static Guid? PersonOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(StepwiseClaims.PersonId), out var id) ? id : null;

    public async Task<bool> CanEditFlagAsync(ClaimsPrincipal user, Flag flag, CancellationToken ct) =>
        IsPrivileged(user) || (flag.OwnerUnitId is { } unit && await IsMemberOfAsync(user, unit, ct));

    public async Task<bool> CanOwnAsync(ClaimsPrincipal user, Guid? ownerUnitId, CancellationToken ct) =>
        IsPrivileged(user) || (ownerUnitId is { } unit && await IsMemberOfAsync(user, unit, ct));

    public static bool CanEditSegment(ClaimsPrincipal user, Segment segment) =>
        IsPrivileged(user) || (segment.CreatedByPersonId is { } author && author == PersonOf(user));

    /// <summary>
    /// True when the user's person currently belongs to <paramref name="unitId"/> or to a unit inside it, or
    /// leads a unit that contains it (a tribe lead looks after the tribe's squads).
    /// </summary>
    public async Task<bool> IsMemberOfAsync(ClaimsPrincipal user, Guid unitId, CancellationToken ct)
    {
        if (PersonOf(user) is not { } person) return false;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.PersonId == person).ActiveOn(today)
            .Select(m => new { m.UnitId, m.Role }).ToListAsync(ct);
        if (memberships.Count == 0) return false;
        var tree = await UnitTree.LoadAsync(db, ct);
        return memberships.Any(m => tree.IsWithin(m.UnitId, unitId) || (m.Role == MembershipRole.Lead && tree.IsWithin(unitId, m.UnitId)));
    }

}
