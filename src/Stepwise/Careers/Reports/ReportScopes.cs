using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stepwise.Careers.Steps;
using Stepwise.Data;
using Stepwise.Identity;
using Stepwise.Organization;

namespace Stepwise.Careers.Reports;

/// <summary>
/// Works out a viewer's <see cref="ReportScope"/>: HR, administrators and leadership see the organization; a tribe lead
/// their tribes; a manager their reporting chain; anyone else nothing. Roles and leads are taken as of today; who is in a
/// tribe or a chain is taken as of the report date.
/// </summary>
public sealed class ReportScopes(StepwiseDb db, TimeProvider time, IOptions<CareerReportsOptions> options)
{
    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public int MinGroupSize => Math.Max(1, options.Value.MinGroupSize);

    public async Task<ReportScope?> ForAsync(ClaimsPrincipal user, DateOnly asOf, CancellationToken ct)
    {
        var hr = StepAccess.IsHr(user);
        if (hr || user.IsInRole(Roles.Leadership))
            return new ReportScope(ScopeKind.Organization, "the whole organization", [], [], !hr, MinGroupSize);
        if (StepAccess.PersonOf(user) is not { } me) return null;
        var tribes = await LedTribesAsync(me, ct);
        if (tribes.Count > 0)
            return new ReportScope(ScopeKind.Tribes, string.Join(", ", tribes.Select(t => t.Name)), [.. tribes.Select(t => t.Id)], [], true, MinGroupSize);
        var today = Today;
        if (!await db.ReportingLines.AsNoTracking().Where(l => l.ManagerId == me).ActiveOn(today).AnyAsync(ct)) return null;
        return new ReportScope(ScopeKind.ReportingChain, "your reporting chain", [], await ChainAsync(me, asOf, ct), true, MinGroupSize);
    }

    /// <summary>The tribes <paramref name="personId"/> leads today.</summary>
    public async Task<List<(Guid Id, string Name)>> LedTribesAsync(Guid personId, CancellationToken ct)
    {
        var rows = await db.Memberships.AsNoTracking().Where(m => m.PersonId == personId && m.Role == MembershipRole.Lead).ActiveOn(Today)
            .Join(db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Tribe), m => m.UnitId, u => u.Id, (m, u) => new { u.Id, u.Name })
            .Distinct().ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Name).Select(r => (r.Id, r.Name))];
    }

    /// <summary>Everyone below <paramref name="managerId"/> on <paramref name="date"/>: one query per level of the chain.</summary>
    public async Task<List<Guid>> ChainAsync(Guid managerId, DateOnly date, CancellationToken ct)
    {
        var seen = new HashSet<Guid> { managerId };
        var result = new List<Guid>();
        var frontier = new List<Guid> { managerId };
        for (var depth = 0; depth < ReportingChain.MaxDepth && frontier.Count > 0; depth++)
        {
            var level = frontier;
            var next = await db.ReportingLines.AsNoTracking().Where(l => level.Contains(l.ManagerId)).ActiveOn(date)
                .Select(l => l.PersonId).Distinct().ToListAsync(ct);
            frontier = [.. next.Where(seen.Add)];
            result.AddRange(frontier);
        }
        return result;
    }
}
