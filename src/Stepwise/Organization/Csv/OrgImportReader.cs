using static Stepwise.Organization.Csv.OrgCsvColumns;

namespace Stepwise.Organization.Csv;

/// <summary>
/// Reads each file into typed rows, reporting every cell that cannot be read. Cross-file rules come later, in
/// <see cref="OrgImportValidator"/>. A row with bad cells is still planned when what identifies it could be read, so the
/// rules check the cells that did parse and rows that refer to it do not call it unknown; cells in error stand as
/// placeholders the validator skips (see <see cref="OrgImportPlan.IsBad"/>), and nothing is written once there is an error.
/// </summary>
internal static class OrgImportReader
{
    public static OrgImportPlan Read(OrgImportRequest request)
    {
        var plan = new OrgImportPlan();
        var errors = plan.Errors;
        if (request.Units is { } units)
        {
            var table = plan.Tables[UnitsFile] = CsvTable.Read(UnitsFile, units, UnitsRequired, UnitsOptional, errors);
            var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var row in table.Rows)
            {
                var key = CsvValues.Required(row, "key", 100, errors)?.ToLowerInvariant();
                if (key is not null && !CsvValues.KeyPattern().IsMatch(key))
                    errors.Add(row.Error("key", $"'{key}' is not a valid key: use lowercase letters, digits, '.', '_' and '-'."));
                else if (key is not null && !seen.TryAdd(key, row.Line))
                    errors.Add(row.Error("key", $"Key '{key}' already appears on line {seen[key]}."));
                var name = CsvValues.Required(row, "name", 200, errors);
                var kind = CsvValues.Choice<UnitKind>(row, "kind", null, CsvValues.UnitKinds, errors);
                var parent = CsvValues.Optional(row, "parent_key", 100, errors).ToLowerInvariant();
                var discipline = CsvValues.Optional(row, "discipline", 100, errors);
                if (key is not null && seen.GetValueOrDefault(key) == row.Line)
                    plan.Units.Add(new(row.Line, key, name ?? "", kind ?? default, parent.Length == 0 ? null : parent, discipline.Length == 0 ? null : discipline));
            }
        }
        if (request.People is { } people)
        {
            var table = plan.Tables[PeopleFile] = CsvTable.Read(PeopleFile, people, PeopleRequired, PeopleOptional, errors);
            var seen = new Dictionary<string, int>();
            foreach (var row in table.Rows)
            {
                var email = CsvValues.Email(row, "email", required: true, errors);
                if (email is not null && !seen.TryAdd(email, row.Line))
                    errors.Add(row.Error("email", $"Email '{email}' already appears on line {seen[email]}."));
                var name = CsvValues.Required(row, "name", 200, errors);
                var title = CsvValues.Optional(row, "title", 200, errors);
                var discipline = CsvValues.Optional(row, "discipline", 100, errors);
                var location = CsvValues.Optional(row, "location", 100, errors);
                var track = CsvValues.Choice(row, "track", CareerTrack.IndividualContributor, CsvValues.Tracks, errors);
                var start = CsvValues.Date(row, "employment_start", required: true, errors);
                var end = CsvValues.Date(row, "employment_end", required: false, errors);
                if (start is not null && end is not null && end <= start)
                    errors.Add(row.Error("employment_end", $"employment_end {end:yyyy-MM-dd} must be after employment_start {start:yyyy-MM-dd}."));
                var manager = CsvValues.Email(row, "manager_email", required: false, errors);
                if (manager is not null && manager == email)
                    errors.Add(row.Error("manager_email", "A person cannot be their own manager."));
                if (email is not null && seen[email] == row.Line)
                    plan.People.Add(new(row.Line, email, name ?? "", title, discipline, location, track ?? default, start ?? default, end, manager));
            }
        }
        if (request.Memberships is { } memberships)
        {
            var table = plan.Tables[MembershipsFile] = CsvTable.Read(MembershipsFile, memberships, MembershipsRequired, MembershipsOptional, errors);
            foreach (var row in table.Rows)
            {
                var email = CsvValues.Email(row, "email", required: true, errors);
                var unit = CsvValues.Required(row, "unit_key", 100, errors)?.ToLowerInvariant();
                var role = CsvValues.Choice(row, "role", MembershipRole.Member, CsvValues.Roles, errors);
                var from = CsvValues.Date(row, "from", required: true, errors);
                var to = CsvValues.Date(row, "to", required: false, errors);
                if (from is not null && to is not null && to <= from)
                    errors.Add(row.Error("to", $"'to' {to:yyyy-MM-dd} must be after 'from' {from:yyyy-MM-dd}."));
                if (email is not null && unit is not null && from is not null)
                    plan.Memberships.Add(new(row.Line, email, unit, role ?? default, from.Value, to));
            }
        }
        plan.RememberBadCells();
        return plan;
    }
}
