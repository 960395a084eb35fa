using Microsoft.EntityFrameworkCore;
using Stepwise.Data;

namespace Stepwise.Organization.Csv;

/// <summary>Everything an import compares against, loaded once and tracked, so validating and applying 20,000 rows needs no per-row query.</summary>
internal sealed class OrgImportState
{
    public required Dictionary<string, OrgUnit> UnitsByKey { get; init; }
    public required Dictionary<Guid, OrgUnit> UnitsById { get; init; }
    public required Dictionary<string, Person> PeopleByEmail { get; init; }
    public required Dictionary<Guid, Person> PeopleById { get; init; }
    public required ILookup<Guid, Membership> MembershipsByPerson { get; init; }
    /// <summary>Open reporting lines (no end date), by the person who reports.</summary>
    public required Dictionary<Guid, ReportingLine> OpenLineByPerson { get; init; }

    public static async Task<OrgImportState> LoadAsync(StepwiseDb db, CancellationToken ct)
    {
        var units = await db.Units.ToListAsync(ct);
        var people = await db.People.ToListAsync(ct);
        var memberships = await db.Memberships.ToListAsync(ct);
        var openLines = await db.ReportingLines.Where(l => l.To == null).ToListAsync(ct);
        return new OrgImportState
        {
            UnitsByKey = units.ToDictionary(u => u.Key, StringComparer.OrdinalIgnoreCase),
            UnitsById = units.ToDictionary(u => u.Id),
            PeopleByEmail = people.ToDictionary(p => p.Email),
            PeopleById = people.ToDictionary(p => p.Id),
            MembershipsByPerson = memberships.ToLookup(m => m.PersonId),
            OpenLineByPerson = openLines.GroupBy(l => l.PersonId).ToDictionary(g => g.Key, g => g.OrderByDescending(l => l.From).First()),
        };
    }
}
