using Microsoft.EntityFrameworkCore;
using Stepwise.Data;

namespace Stepwise.Organization;

/// <summary>Read side of the organization: everything is answered "as of" a date, defaulting to today.</summary>
public sealed class OrgQueries(StepwiseDb db, TimeProvider time)
{
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<OrgTree> TreeAsync(DateOnly? asOf, CancellationToken ct = default)
    {
        var date = asOf ?? Today;
        var units = await db.Units.AsNoTracking().ToListAsync(ct);
        var counts = await db.Memberships.AsNoTracking().ActiveOn(date)
            .GroupBy(m => m.UnitId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var byParent = units.ToLookup(u => u.ParentId);
        OrgTreeNode Node(OrgUnit u) => new(u.AsSummary(counts.GetValueOrDefault(u.Id)),
            [.. byParent[u.Id].OrderBy(c => c.Kind).ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Select(Node)]);
        return new OrgTree(date, [.. byParent[null].OrderBy(u => u.Name).Select(Node)]);
    }

    public async Task<Page<UnitSummary>> UnitsAsync(UnitKind? kind, Guid? parentId, int page, int pageSize, CancellationToken ct = default)
    {
        var query = db.Units.AsNoTracking();
        if (kind is not null) query = query.Where(u => u.Kind == kind);
        if (parentId is not null) query = query.Where(u => u.ParentId == parentId);
        var total = await query.CountAsync(ct);
        var today = Today;
        var items = await query.OrderBy(u => u.Kind).ThenBy(u => u.Name).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(u => new UnitSummary(u.Id, u.Key, u.Name, u.Kind, u.ParentId, u.Discipline,
                db.Memberships.Count(m => m.UnitId == u.Id && m.From <= today && (m.To == null || m.To > today))))
            .ToListAsync(ct);
        return new Page<UnitSummary>(items, page, pageSize, total);
    }

    public async Task<UnitDetails?> UnitAsync(Guid id, DateOnly? asOf, CancellationToken ct = default)
    {
        var date = asOf ?? Today;
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null) return null;
        var members = await db.Memberships.AsNoTracking().Where(m => m.UnitId == id).ActiveOn(date)
            .Join(db.People.AsNoTracking(), m => m.PersonId, p => p.Id, (m, p) => new { m, p })
            .ToListAsync(ct);
        var children = await db.Units.AsNoTracking().Where(u => u.ParentId == id)
            .Select(u => new UnitSummary(u.Id, u.Key, u.Name, u.Kind, u.ParentId, u.Discipline,
                db.Memberships.Count(m => m.UnitId == u.Id && m.From <= date && (m.To == null || m.To > date))))
            .ToListAsync(ct);
        var ancestors = new List<UnitSummary>();
        for (var parentId = unit.ParentId; parentId is not null && ancestors.Count < ReportingChain.MaxDepth;)
        {
            var parent = await db.Units.AsNoTracking().FirstAsync(u => u.Id == parentId, ct);
            ancestors.Insert(0, parent.AsSummary());
            parentId = parent.ParentId;
        }
        return new UnitDetails(unit.AsSummary(members.Count), ancestors,
            [.. children.OrderBy(c => c.Kind).ThenBy(c => c.Name)], date,
            [.. members.OrderBy(x => x.m.Role == MembershipRole.Lead ? 0 : 1).ThenBy(x => x.p.Name)
                .Select(x => new UnitMember(x.p.AsSummary(), x.m.Role, x.m.From, x.m.To))]);
    }

    public async Task<Page<PersonSummary>> PeopleAsync(string? search, int page, int pageSize, CancellationToken ct = default)
    {
        var query = db.People.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(p => p.Name.ToLower().Contains(term) || p.Email.Contains(term) || p.Title.ToLower().Contains(term));
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(p => p.Name).ThenBy(p => p.Email).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new Page<PersonSummary>([.. items.Select(p => p.AsSummary())], page, pageSize, total);
    }

    public async Task<PersonDetails?> PersonAsync(Guid id, DateOnly? asOf, CancellationToken ct = default)
    {
        var date = asOf ?? Today;
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null) return null;
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.PersonId == id)
            .Join(db.Units.AsNoTracking(), m => m.UnitId, u => u.Id, (m, u) => new { m, u }).ToListAsync(ct);
        var lines = await db.ReportingLines.AsNoTracking().Where(l => l.PersonId == id)
            .Join(db.People.AsNoTracking(), l => l.ManagerId, p => p.Id, (l, p) => new { l, p }).ToListAsync(ct);
        var reports = await db.ReportingLines.AsNoTracking().Where(l => l.ManagerId == id).ActiveOn(date)
            .Join(db.People.AsNoTracking(), l => l.PersonId, p => p.Id, (l, p) => p).OrderBy(p => p.Name).ToListAsync(ct);
        var history = await db.Transitions.AsNoTracking().Where(t => t.PersonId == id).ToListAsync(ct);
        var manager = lines.FirstOrDefault(x => x.l.IsActiveOn(date))?.p;
        return new PersonDetails(person.AsSummary(), date, manager?.AsSummary(), [.. reports.Select(r => r.AsSummary())],
            [.. memberships.OrderByDescending(x => x.m.From).ThenBy(x => x.u.Name).Select(x => new MembershipView(x.m.Id, x.u.AsSummary(), x.m.Role, x.m.From, x.m.To))],
            [.. lines.OrderByDescending(x => x.l.From).Select(x => new ReportingLineView(x.l.Id, x.p.AsSummary(), x.l.From, x.l.To))],
            [.. history.OrderByDescending(t => t.EffectiveOn).ThenByDescending(t => t.RecordedAt)
                .Select(t => new TransitionView(t.Id, t.Kind, t.EffectiveOn, t.FromValue, t.ToValue, t.RecordedAt))]);
    }
}
