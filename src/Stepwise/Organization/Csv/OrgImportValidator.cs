namespace Stepwise.Organization.Csv;

/// <summary>Rules that span rows and files: parents and managers that exist, kinds that may nest, no reporting loops,
/// no overlapping memberships. Runs on the whole import before anything is written.</summary>
internal static class OrgImportValidator
{
    public static void Validate(OrgImportPlan plan, OrgImportState state)
    {
        var errors = plan.Errors;
        var plannedUnits = plan.Units.ToDictionary(u => u.Key, StringComparer.OrdinalIgnoreCase);
        bool UnitExists(string key) => plannedUnits.ContainsKey(key) || state.UnitsByKey.ContainsKey(key);
        // Null when the unit is unknown or its own kind is in error.
        UnitKind? KindOf(string key) => plannedUnits.TryGetValue(key, out var u) ? (plan.IsBad(OrgCsvColumns.UnitsFile, u.Line, "kind") ? null : u.Kind)
            : state.UnitsByKey.TryGetValue(key, out var e) ? e.Kind : null;

        foreach (var unit in plan.Units)
        {
            if (plan.IsBad(OrgCsvColumns.UnitsFile, unit.Line, "parent_key")) continue;
            UnitKind? parentKind = null;
            if (unit.ParentKey is { } parentKey)
            {
                if (!UnitExists(parentKey))
                {
                    plan.Error(OrgCsvColumns.UnitsFile, unit.Line, "parent_key", $"Unknown parent unit '{parentKey}'.");
                    continue;
                }
                parentKind = KindOf(parentKey);
                if (parentKind is null) continue;
            }
            if (!plan.IsBad(OrgCsvColumns.UnitsFile, unit.Line, "kind") && OrgUnit.CheckParent(unit.Kind, parentKind) is { } problem)
                plan.Error(OrgCsvColumns.UnitsFile, unit.Line, "parent_key", problem);
        }

        var plannedPeople = plan.People.ToDictionary(p => p.Email);
        bool PersonExists(string email) => plannedPeople.ContainsKey(email) || state.PeopleByEmail.ContainsKey(email);
        ValidateManagers(plan, state, plannedPeople, PersonExists);
        ValidateMemberships(plan, state, plannedPeople, UnitExists, KindOf);
    }

    private static void ValidateManagers(OrgImportPlan plan, OrgImportState state,
        Dictionary<string, OrgImportPlan.PersonRow> plannedPeople, Func<string, bool> personExists)
    {
        var managerOf = new Dictionary<string, string>();
        foreach (var (personId, line) in state.OpenLineByPerson)
            if (state.PeopleById.TryGetValue(personId, out var p) && state.PeopleById.TryGetValue(line.ManagerId, out var m))
                managerOf[p.Email] = m.Email;
        string? ManagerOf(OrgImportPlan.PersonRow person) =>
            plan.IsBad(OrgCsvColumns.PeopleFile, person.Line, "manager_email") ? null : person.ManagerEmail;
        // A date in error is not known, so the rules that need it are skipped.
        bool EndKnown(OrgImportPlan.PersonRow person) => !plan.IsBad(OrgCsvColumns.PeopleFile, person.Line, "employment_end");
        foreach (var person in plan.People)
        {
            managerOf.Remove(person.Email);
            if (ManagerOf(person) is { } manager) managerOf[person.Email] = manager;
        }
        // Emails stand in for ids here: new people have no id yet.
        var ids = new Dictionary<string, Guid>();
        Guid IdOf(string email) => ids.TryGetValue(email, out var id) ? id : ids[email] = Guid.NewGuid();
        var emailOf = new Dictionary<Guid, string>();
        foreach (var person in plan.People)
        {
            if (ManagerOf(person) is not { } manager) continue;
            if (!personExists(manager))
            {
                plan.Error(OrgCsvColumns.PeopleFile, person.Line, "manager_email", $"Unknown manager '{manager}': not in people.csv nor in Stepwise.");
                continue;
            }
            var managerEnd = plannedPeople.TryGetValue(manager, out var planned) ? planned.End : state.PeopleByEmail[manager].EmploymentEnd;
            var endsKnown = EndKnown(person) && (planned is null || EndKnown(planned));
            if (endsKnown && managerEnd is not null && person.End is null)
            {
                plan.Error(OrgCsvColumns.PeopleFile, person.Line, "manager_email", $"Manager '{manager}' left on {managerEnd:yyyy-MM-dd}.");
                continue;
            }
            foreach (var email in new[] { person.Email, manager }) emailOf[IdOf(email)] = email;
            var problem = ReportingChain.Check(IdOf(person.Email), IdOf(manager),
                id => managerOf.TryGetValue(emailOf.GetValueOrDefault(id) ?? "", out var m) ? Remember(m) : null,
                id => emailOf.GetValueOrDefault(id) ?? "?");
            if (problem is not null)
                plan.Error(OrgCsvColumns.PeopleFile, person.Line, "manager_email", problem);
        }

        Guid Remember(string email)
        {
            var id = IdOf(email);
            emailOf[id] = email;
            return id;
        }
    }

    private static void ValidateMemberships(OrgImportPlan plan, OrgImportState state,
        Dictionary<string, OrgImportPlan.PersonRow> plannedPeople, Func<string, bool> unitExists, Func<string, UnitKind?> kindOf)
    {
        var seen = new Dictionary<(string, string, DateOnly), int>();
        var file = OrgCsvColumns.MembershipsFile;
        foreach (var m in plan.Memberships)
        {
            var planned = plannedPeople.GetValueOrDefault(m.Email);
            var existing = planned is null ? state.PeopleByEmail.GetValueOrDefault(m.Email) : null;
            var start = planned is not null ? (plan.IsBad(OrgCsvColumns.PeopleFile, planned.Line, "employment_start") ? null : planned.Start)
                : existing?.EmploymentStart;
            if (planned is null && existing is null) plan.Error(file, m.Line, "email", $"Unknown person '{m.Email}': not in people.csv nor in Stepwise.");
            if (!unitExists(m.UnitKey)) plan.Error(file, m.Line, "unit_key", $"Unknown unit '{m.UnitKey}': not in units.csv nor in Stepwise.");
            if (start is not null && m.From < start)
                plan.Error(file, m.Line, "from", $"The membership starts {m.From:yyyy-MM-dd}, before {m.Email} was employed ({start:yyyy-MM-dd}).");
            if (!seen.TryAdd((m.Email, m.UnitKey, m.From), m.Line))
                plan.Error(file, m.Line, "from", $"The same membership already appears on line {seen[(m.Email, m.UnitKey, m.From)]}.");
        }
        foreach (var person in plan.Memberships.Where(m => !plan.IsBad(file, m.Line, "to")).GroupBy(m => m.Email))
            CheckOverlaps(plan, state, person.Key, [.. person], kindOf);
    }

    private static void CheckOverlaps(OrgImportPlan plan, OrgImportState state, string email, List<OrgImportPlan.MembershipRow> rows, Func<string, UnitKind?> kindOf)
    {
        var periods = rows.Select(r => (r.UnitKey, r.From, r.To, Line: (int?)r.Line)).ToList();
        if (state.PeopleByEmail.TryGetValue(email, out var existing))
        {
            foreach (var m in state.MembershipsByPerson[existing.Id])
            {
                var key = state.UnitsById[m.UnitId].Key;
                if (!rows.Any(r => r.UnitKey == key && r.From == m.From) && m.To != m.From)
                    periods.Add((key, m.From, m.To, null));
            }
        }
        foreach (var row in rows)
        {
            var kind = kindOf(row.UnitKey);
            foreach (var other in periods)
            {
                if (other.Line == row.Line || !Overlap(row.From, row.To, other.From, other.To)) continue;
                var sameUnit = other.UnitKey == row.UnitKey;
                if (!sameUnit && (kind is not { } k || !OrgChanges.IsExclusive(k) || kindOf(other.UnitKey) != k)) continue;
                if (other.Line is { } l && l > row.Line) continue; // report each clash once, on the later line
                var where = other.Line is { } ol ? $"line {ol}" : "Stepwise";
                plan.Error(OrgCsvColumns.MembershipsFile, row.Line, "from", sameUnit
                    ? $"{email} is already in '{row.UnitKey}' during this period ({where})."
                    : $"{email} would be in two {kind}s at once: '{other.UnitKey}' ({where}) and '{row.UnitKey}'.");
            }
        }
    }

    private static bool Overlap(DateOnly aFrom, DateOnly? aTo, DateOnly bFrom, DateOnly? bTo) =>
        aFrom < (bTo ?? DateOnly.MaxValue) && bFrom < (aTo ?? DateOnly.MaxValue);
}
