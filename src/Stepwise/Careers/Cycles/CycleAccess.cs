using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Careers.Steps;
using Stepwise.Data;
using Stepwise.Identity;
using Stepwise.Organization;

namespace Stepwise.Careers.Cycles;

/// <summary>
/// Who may do what in a cycle. HR and administrators everything; a person their own assessment; the manager chain
/// their reports'; tribe leads and the managers in a tribe its calibration session; leads and the Leadership role the
/// cross-tribe reviews.
/// </summary>
public sealed class CycleAccess(StepwiseDb db, OrgRelationships relationships, TimeProvider time)
{
    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public static bool IsHr(ClaimsPrincipal user) => StepAccess.IsHr(user);

    public static bool IsLeadership(ClaimsPrincipal user) => user.IsInRole(Roles.Leadership);

    public static Guid? PersonOf(ClaimsPrincipal user) => StepAccess.PersonOf(user);

    /// <summary>The tribes the user leads today.</summary>
    public async Task<HashSet<Guid>> LedTribesAsync(ClaimsPrincipal user, CancellationToken ct) => await LedAsync(user, UnitKind.Tribe, ct);

    /// <summary>The disciplines of the chapters the user leads today.</summary>
    public async Task<HashSet<string>> LedDisciplinesAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (PersonOf(user) is not { } me) return [];
        var today = Today;
        return [.. await db.Memberships.AsNoTracking().Where(m => m.PersonId == me && m.Role == MembershipRole.Lead).ActiveOn(today)
            .Join(db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Chapter && u.Discipline != null), m => m.UnitId, u => u.Id, (m, u) => u.Discipline!)
            .ToListAsync(ct)];
    }

    /// <summary>
    /// Reads of one assessment with its evidence: the person, their manager chain (today or when the cycle opened), their
    /// tribe's lead, HR. Other managers in the session see the proposals in the session, not the evidence.
    /// </summary>
    public async Task<bool> CanReadAsync(ClaimsPrincipal user, CycleParticipant participant, CancellationToken ct)
    {
        if (IsHr(user)) return true;
        if (PersonOf(user) is not { } me) return false;
        if (me == participant.PersonId || me == participant.ManagerId) return true;
        var relation = await relationships.BetweenAsync(me, participant.PersonId, ct: ct);
        if (relation.HasFlag(OrgRelationship.ManagerChain)) return true;
        return participant.TribeId is { } tribe && (await LedTribesAsync(user, ct)).Contains(tribe);
    }

    /// <summary>Calibration participants of one tribe: its lead, the managers of people in it, HR.</summary>
    public async Task<bool> InSessionAsync(ClaimsPrincipal user, Guid cycleId, Guid tribeId, CancellationToken ct)
    {
        if (IsHr(user)) return true;
        if (PersonOf(user) is not { } me) return false;
        if ((await LedTribesAsync(user, ct)).Contains(tribeId)) return true;
        return await db.CycleParticipants.AnyAsync(p => p.CycleId == cycleId && p.TribeId == tribeId && p.ManagerId == me, ct);
    }

    public async Task<bool> CanCalibrateAsync(ClaimsPrincipal user, Guid? tribeId, CancellationToken ct) =>
        IsHr(user) || (tribeId is { } tribe && (await LedTribesAsync(user, ct)).Contains(tribe));

    /// <summary>The functional sync gathers HR, tribe leads and chapter leads across tribes.</summary>
    public async Task<bool> InFunctionalSyncAsync(ClaimsPrincipal user, CancellationToken ct) =>
        IsHr(user) || (await LedTribesAsync(user, ct)).Count > 0 || (await LedDisciplinesAsync(user, ct)).Count > 0;

    /// <summary>Leadership review: tribe leads and the Leadership role decide; HR sees it.</summary>
    public async Task<bool> CanReviewAsLeadershipAsync(ClaimsPrincipal user, CancellationToken ct) =>
        IsLeadership(user) || (await LedTribesAsync(user, ct)).Count > 0;

    private async Task<HashSet<Guid>> LedAsync(ClaimsPrincipal user, UnitKind kind, CancellationToken ct)
    {
        if (PersonOf(user) is not { } me) return [];
        var today = Today;
        return [.. await db.Memberships.AsNoTracking().Where(m => m.PersonId == me && m.Role == MembershipRole.Lead).ActiveOn(today)
            .Join(db.Units.AsNoTracking().Where(u => u.Kind == kind), m => m.UnitId, u => u.Id, (m, u) => u.Id).ToListAsync(ct)];
    }
}
