using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Identity;
using Stepwise.Organization;

namespace Stepwise.Learn;

/// <summary>
/// Who is asking, worked out once per request: the account, whether it administers, and the units it belongs to in
/// the sense that matters here — a unit it is a member of or that contains such a unit, and every unit inside a unit
/// it leads. Those units' private retrospectives are visible to it and their retrospectives are its to facilitate.
/// </summary>
public sealed record LearnViewer(Guid UserId, string Name, bool IsAdmin, IReadOnlySet<Guid> Units)
{
    public bool CanSee(Guid ownerUnitId, bool isPrivate) => !isPrivate || IsAdmin || Units.Contains(ownerUnitId);

    public bool CanFacilitate(Guid ownerUnitId) => IsAdmin || Units.Contains(ownerUnitId);
}

public sealed class LearnViewers(StepwiseDb db, TimeProvider time)
{
    public static Guid? UserIdOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public async Task<LearnViewer> ForAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = UserIdOf(user) ?? Guid.Empty;
        var personId = Guid.TryParse(user.FindFirstValue(StepwiseClaims.PersonId), out var p) ? p : (Guid?)null;
        var name = user.Identity?.Name ?? "someone";
        var units = personId is { } person ? await UnitsOfAsync(person, ct) : new HashSet<Guid>();
        return new LearnViewer(userId, name, user.IsInRole(Roles.Admin), units);
    }

    /// <summary>The same for an account looked up by id (the Atom feed authenticates by token, not by a principal).</summary>
    public async Task<LearnViewer?> ForUserAsync(Guid userId, CancellationToken ct)
    {
        var account = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Id, u.UserName, u.PersonId }).FirstOrDefaultAsync(ct);
        if (account is null) return null;
        var adminRole = await db.Roles.AsNoTracking().Where(r => r.Name == Roles.Admin).Select(r => r.Id).FirstOrDefaultAsync(ct);
        var isAdmin = await db.UserRoles.AnyAsync(r => r.UserId == userId && r.RoleId == adminRole, ct);
        var units = account.PersonId is { } person ? await UnitsOfAsync(person, ct) : new HashSet<Guid>();
        return new LearnViewer(account.Id, account.UserName ?? "", isAdmin, units);
    }

    private async Task<HashSet<Guid>> UnitsOfAsync(Guid person, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.PersonId == person).ActiveOn(today)
            .Select(m => new { m.UnitId, m.Role }).ToListAsync(ct);
        var result = new HashSet<Guid>();
        if (memberships.Count == 0) return result;
        var parents = await db.Units.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToDictionaryAsync(u => u.Id, u => u.ParentId, ct);
        foreach (var m in memberships)
        {
            Guid? current = m.UnitId;
            for (var depth = 0; current is { } id && depth < 32; depth++)
            {
                result.Add(id);
                current = parents.GetValueOrDefault(id);
            }
        }
        var children = parents.Where(p => p.Value is not null).ToLookup(p => p.Value!.Value, p => p.Key);
        var led = new Queue<Guid>(memberships.Where(m => m.Role == MembershipRole.Lead).Select(m => m.UnitId));
        while (led.TryDequeue(out var unit))
            foreach (var child in children[unit])
                if (result.Add(child)) led.Enqueue(child);
        return result;
    }
}
