using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Stepwise.Data;

namespace Stepwise.Organization.Csv;

/// <summary>Writes the organization in the import format, so an export can be edited and imported back.</summary>
public sealed class OrgCsvExporter(StepwiseDb db)
{
    public async Task<string> UnitsAsync(CancellationToken ct = default)
    {
        var units = await db.Units.AsNoTracking().ToListAsync(ct);
        var keys = units.ToDictionary(u => u.Id, u => u.Key);
        return Write([.. OrgCsvColumns.UnitsRequired, .. OrgCsvColumns.UnitsOptional],
            units.OrderBy(u => u.Kind).ThenBy(u => u.Key).Select(u => new[]
            {
                u.Key, u.Name, CsvValues.Name(u.Kind), u.ParentId is { } p ? keys[p] : "", u.Discipline ?? "",
            }));
    }

    public async Task<string> PeopleAsync(CancellationToken ct = default)
    {
        var people = await db.People.AsNoTracking().OrderBy(p => p.Email).ToListAsync(ct);
        var emails = people.ToDictionary(p => p.Id, p => p.Email);
        var managers = await db.ReportingLines.AsNoTracking().Where(l => l.To == null)
            .Select(l => new { l.PersonId, l.ManagerId }).ToDictionaryAsync(l => l.PersonId, l => l.ManagerId, ct);
        return Write([.. OrgCsvColumns.PeopleRequired, .. OrgCsvColumns.PeopleOptional],
            people.Select(p => new[]
            {
                p.Email, p.Name, CsvValues.Format(p.EmploymentStart), p.Title, p.Discipline, p.Location, CsvValues.Name(p.Track),
                CsvValues.Format(p.EmploymentEnd), managers.TryGetValue(p.Id, out var m) ? emails[m] : "",
            }));
    }

    public async Task<string> MembershipsAsync(CancellationToken ct = default)
    {
        var rows = await db.Memberships.AsNoTracking().Where(m => m.To == null || m.To > m.From)
            .Join(db.People.AsNoTracking(), m => m.PersonId, p => p.Id, (m, p) => new { m, p.Email })
            .Join(db.Units.AsNoTracking(), x => x.m.UnitId, u => u.Id, (x, u) => new { x.m, x.Email, u.Key })
            .ToListAsync(ct);
        return Write([.. OrgCsvColumns.MembershipsRequired, .. OrgCsvColumns.MembershipsOptional],
            rows.OrderBy(r => r.Email).ThenBy(r => r.m.From).ThenBy(r => r.Key).Select(r => new[]
            {
                r.Email, r.Key, CsvValues.Format(r.m.From), r.m.Role.ToString().ToLowerInvariant(), CsvValues.Format(r.m.To),
            }));
    }

    private static string Write(string[] header, IEnumerable<string[]> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var h in header) csv.WriteField(h);
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var field in row) csv.WriteField(field);
                csv.NextRecord();
            }
        }
        return text.ToString();
    }
}
