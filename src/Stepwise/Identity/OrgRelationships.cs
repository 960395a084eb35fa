using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Organization;

namespace Stepwise.Identity;

/// <summary>Works out <see cref="OrgRelationship"/> between two people as of a date.</summary>
public sealed class OrgRelationships(StepwiseDb db, TimeProvider time)
{
    public async Task<OrgRelationship> BetweenAsync(Guid? actorPersonId, Guid targetPersonId, DateOnly? asOf = null, CancellationToken ct = default)
    {
        if (actorPersonId is not { } actor) return OrgRelationship.None;
        var date = asOf ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var result = actor == targetPersonId ? OrgRelationship.Self : OrgRelationship.None;
        if (await IsInManagerChainAsync(actor, targetPersonId, date, ct)) result |= OrgRelationship.ManagerChain;

        var led = await db.Memberships.AsNoTracking().Where(m => m.PersonId == actor && m.Role == MembershipRole.Lead).ActiveOn(date)
            .Join(db.Units.AsNoTracking(), m => m.UnitId, u => u.Id, (m, u) => u).ToListAsync(ct);
        if (led.Count == 0) return result;
        var targetUnits = await db.Memberships.AsNoTracking().Where(m => m.PersonId == targetPersonId).ActiveOn(date)
            .Join(db.Units.AsNoTracking(), m => m.UnitId, u => u.Id, (m, u) => u).ToListAsync(ct);
        if (led.Any(l => l.Kind == UnitKind.Chapter && targetUnits.Any(t => t.Id == l.Id))) result |= OrgRelationship.ChapterLead;
        var ledTribes = led.Where(l => l.Kind == UnitKind.Tribe).Select(l => l.Id).ToHashSet();
        if (ledTribes.Count > 0 && targetUnits.Any(t => ledTribes.Contains(t.Id) || (t.ParentId is { } p && ledTribes.Contains(p))))
            result |= OrgRelationship.TribeLead;
        return result;
    }

    private async Task<bool> IsInManagerChainAsync(Guid actor, Guid target, DateOnly date, CancellationToken ct)
    {
        var current = target;
        for (var depth = 0; depth < ReportingChain.MaxDepth; depth++)
        {
            var manager = await db.ReportingLines.AsNoTracking().Where(l => l.PersonId == current).ActiveOn(date)
                .Select(l => (Guid?)l.ManagerId).FirstOrDefaultAsync(ct);
            if (manager is null) return false;
            if (manager == actor) return true;
            current = manager.Value;
        }
        return false;
    }
}
