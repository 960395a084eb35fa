using Stepwise.Data;

namespace Stepwise.Organization.Csv;

/// <summary>Stages the validated rows: collects what is new in <see cref="Inserts"/>, updates what changed on the tracked entities,
/// and records transitions, following the same history rules as <see cref="OrgChanges"/> but against the in-memory <see cref="OrgImportState"/>.</summary>
internal sealed class OrgImportApplier(StepwiseDb db, OrgImportState state, TimeProvider time)
{
    public OrgImportInserts Inserts { get; } = new();

    private readonly DateTimeOffset _now = time.GetUtcNow();
    private DateOnly Today => DateOnly.FromDateTime(_now.UtcDateTime);

    public OrgImportCounts Units(List<OrgImportPlan.UnitRow> rows)
    {
        int created = 0, updated = 0;
        foreach (var row in rows)
        {
            if (!state.UnitsByKey.TryGetValue(row.Key, out var unit))
            {
                unit = new OrgUnit { Id = Guid.CreateVersion7(_now), Key = row.Key, Name = row.Name, Kind = row.Kind };
                state.UnitsByKey[row.Key] = state.UnitsById[unit.Id] = unit;
                Inserts.Add(Inserts.Units, unit);
                created++;
            }
        }
        foreach (var row in rows)
        {
            var unit = state.UnitsByKey[row.Key];
            var parentId = row.ParentKey is null ? (Guid?)null : state.UnitsByKey[row.ParentKey].Id;
            if (unit.Name == row.Name && unit.Kind == row.Kind && unit.ParentId == parentId && unit.Discipline == row.Discipline) continue;
            (unit.Name, unit.Kind, unit.ParentId, unit.Discipline) = (row.Name, row.Kind, parentId, row.Discipline);
            if (!Inserts.IsNew(unit)) { Changed(unit); updated++; }
        }
        return new(created, updated, rows.Count - created - updated);
    }

    public OrgImportCounts People(List<OrgImportPlan.PersonRow> rows)
    {
        int created = 0, updated = 0;
        foreach (var row in rows)
        {
            if (!state.PeopleByEmail.TryGetValue(row.Email, out var person))
            {
                person = new Person
                {
                    Id = Guid.CreateVersion7(_now), Email = row.Email, Name = row.Name, Title = row.Title, Discipline = row.Discipline,
                    Location = row.Location, Track = row.Track, EmploymentStart = row.Start,
                };
                state.PeopleByEmail[row.Email] = state.PeopleById[person.Id] = person;
                Inserts.Add(Inserts.People, person);
                Record(person.Id, TransitionKind.Hired, row.Start, null, row.Title);
                created++;
            }
            else if (UpdateDetails(person, row)) updated++;
        }
        foreach (var row in rows) SetManager(state.PeopleByEmail[row.Email], row);
        foreach (var row in rows.Where(r => r.End is not null)) Leave(state.PeopleByEmail[row.Email], row.End!.Value);
        return new(created, updated, rows.Count - created - updated);
    }

    private bool UpdateDetails(Person person, OrgImportPlan.PersonRow row)
    {
        var on = Max(Today, person.EmploymentStart);
        var changed = false;
        void Change(TransitionKind kind, string from, string to)
        {
            if (from == to) return;
            Record(person.Id, kind, on, from, to);
            changed = true;
        }
        Change(TransitionKind.TitleChanged, person.Title, row.Title);
        Change(TransitionKind.DisciplineChanged, person.Discipline, row.Discipline);
        Change(TransitionKind.LocationChanged, person.Location, row.Location);
        Change(TransitionKind.TrackChanged, person.Track.ToString(), row.Track.ToString());
        if (person.Name != row.Name || person.EmploymentStart != row.Start) changed = true;
        (person.Name, person.Title, person.Discipline, person.Location, person.Track, person.EmploymentStart) =
            (row.Name, row.Title, row.Discipline, row.Location, row.Track, row.Start);
        if (person.EmploymentEnd is not null && row.End is null) { person.EmploymentEnd = null; changed = true; }
        if (changed) Changed(person);
        return changed;
    }

    private void SetManager(Person person, OrgImportPlan.PersonRow row)
    {
        var desired = row.ManagerEmail is null ? null : state.PeopleByEmail[row.ManagerEmail];
        state.OpenLineByPerson.TryGetValue(person.Id, out var open);
        if (open?.ManagerId == desired?.Id) return;
        var on = Inserts.IsNew(person) ? person.EmploymentStart : Max(Today, person.EmploymentStart);
        string? previous = null;
        if (open is not null)
        {
            previous = state.PeopleById.TryGetValue(open.ManagerId, out var p) ? p.Name : null;
            open.To = Max(on, open.From);
            Changed(open);
            state.OpenLineByPerson.Remove(person.Id);
        }
        if (desired is not null)
        {
            var line = new ReportingLine { Id = Guid.CreateVersion7(_now), PersonId = person.Id, ManagerId = desired.Id, From = on };
            Inserts.Add(Inserts.ReportingLines, line);
            state.OpenLineByPerson[person.Id] = line;
        }
        Record(person.Id, TransitionKind.ManagerChanged, on, previous, desired?.Name);
    }

    private void Leave(Person person, DateOnly on)
    {
        if (person.EmploymentEnd == on) return;
        person.EmploymentEnd = on;
        Changed(person);
        foreach (var membership in state.MembershipsByPerson[person.Id].Where(m => m.To is null || m.To > on))
        {
            membership.To = Max(on, membership.From);
            Changed(membership);
        }
        if (state.OpenLineByPerson.Remove(person.Id, out var line)) { line.To = Max(on, line.From); Changed(line); }
        foreach (var report in state.OpenLineByPerson.Values.Where(l => l.ManagerId == person.Id).ToList())
        {
            report.To = Max(on, report.From);
            Changed(report);
            state.OpenLineByPerson.Remove(report.PersonId);
            Record(report.PersonId, TransitionKind.ManagerChanged, on, person.Name, null);
        }
        Record(person.Id, TransitionKind.Left, on, null, null);
    }

    public OrgImportCounts Memberships(List<OrgImportPlan.MembershipRow> rows)
    {
        int created = 0, updated = 0;
        foreach (var row in rows)
        {
            var person = state.PeopleByEmail[row.Email];
            var unit = state.UnitsByKey[row.UnitKey];
            var to = person.EmploymentEnd is { } end && (row.To is null || row.To > end) ? end : row.To;
            var existing = state.MembershipsByPerson[person.Id].FirstOrDefault(m => m.UnitId == unit.Id && m.From == row.From);
            if (existing is null)
            {
                Inserts.Add(Inserts.Memberships, new Membership { Id = Guid.CreateVersion7(_now), PersonId = person.Id, UnitId = unit.Id, Role = row.Role, From = row.From, To = to });
                Record(person.Id, row.Role == MembershipRole.Lead ? TransitionKind.BecameLead : TransitionKind.JoinedUnit, row.From, null, unit.Name);
                if (to is { } left) Record(person.Id, TransitionKind.LeftUnit, left, unit.Name, null);
                created++;
            }
            else if (existing.Role != row.Role || existing.To != to)
            {
                if (existing.To is null && to is { } left) Record(person.Id, TransitionKind.LeftUnit, left, unit.Name, null);
                (existing.Role, existing.To) = (row.Role, to);
                Changed(existing);
                updated++;
            }
        }
        return new(created, updated, rows.Count - created - updated);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    /// <summary>Marks a tracked entity's edits for SaveChanges; new rows are not tracked and are written as they stand.</summary>
    private void Changed(object entity)
    {
        if (!Inserts.IsNew(entity)) db.Entry(entity).DetectChanges();
    }

    private void Record(Guid personId, TransitionKind kind, DateOnly on, string? from, string? to) =>
        Inserts.Add(Inserts.Transitions, new Transition { Id = Guid.CreateVersion7(_now), PersonId = personId, Kind = kind, EffectiveOn = on, FromValue = from, ToValue = to, RecordedAt = _now });
}
