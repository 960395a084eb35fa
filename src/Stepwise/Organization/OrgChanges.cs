using Microsoft.EntityFrameworkCore;
using Stepwise.Data;

namespace Stepwise.Organization;

/// <summary>
/// Applies changes to people, memberships and reporting lines so that history stays consistent:
/// open facts are closed at the effective date rather than edited, and each change leaves a <see cref="Transition"/>.
/// Changes are staged on the context; the caller saves them in one transaction.
/// </summary>
public sealed class OrgChanges(StepwiseDb db, TimeProvider time)
{
    private DateTimeOffset Now => time.GetUtcNow();

    public Person Hire(Person person)
    {
        db.People.Add(person);
        Record(person.Id, TransitionKind.Hired, person.EmploymentStart, null, person.Title);
        return person;
    }

    public void ChangeDetails(Person person, string title, string discipline, string location, CareerTrack track, DateOnly effectiveOn)
    {
        if (person.Title != title) Record(person.Id, TransitionKind.TitleChanged, effectiveOn, person.Title, title);
        if (person.Discipline != discipline) Record(person.Id, TransitionKind.DisciplineChanged, effectiveOn, person.Discipline, discipline);
        if (person.Location != location) Record(person.Id, TransitionKind.LocationChanged, effectiveOn, person.Location, location);
        if (person.Track != track) Record(person.Id, TransitionKind.TrackChanged, effectiveOn, person.Track.ToString(), track.ToString());
        (person.Title, person.Discipline, person.Location, person.Track) = (title, discipline, location, track);
    }

    /// <summary>Puts a person in a unit from a date. Joining a squad, chapter or tribe ends the membership of the same kind
    /// (people belong to one squad and one chapter at a time); guilds and journey teams add up.</summary>
    public async Task JoinUnitAsync(Person person, OrgUnit unit, MembershipRole role, DateOnly effectiveOn, CancellationToken ct = default)
    {
        EnsureEmployed(person, effectiveOn);
        var current = await db.Memberships.Where(m => m.PersonId == person.Id).ActiveOn(effectiveOn)
            .Join(db.Units, m => m.UnitId, u => u.Id, (m, u) => new { Membership = m, Unit = u })
            .ToListAsync(ct);
        var same = current.FirstOrDefault(c => c.Unit.Id == unit.Id);
        if (same is not null)
        {
            if (same.Membership.Role == role)
                throw new OrgRuleException("unitId", $"{person.Name} is already a {role} of {unit.Name} on {effectiveOn:yyyy-MM-dd}.");
            Close(same.Membership, effectiveOn);
        }
        else if (IsExclusive(unit.Kind))
        {
            foreach (var other in current.Where(c => c.Unit.Kind == unit.Kind))
            {
                Close(other.Membership, effectiveOn);
                Record(person.Id, TransitionKind.LeftUnit, effectiveOn, other.Unit.Name, null);
            }
        }
        db.Memberships.Add(new Membership
        {
            Id = Guid.CreateVersion7(Now), PersonId = person.Id, UnitId = unit.Id, Role = role, From = effectiveOn,
        });
        Record(person.Id, role == MembershipRole.Lead ? TransitionKind.BecameLead : TransitionKind.JoinedUnit, effectiveOn, null, unit.Name);
    }

    public async Task LeaveUnitAsync(Person person, OrgUnit unit, DateOnly effectiveOn, CancellationToken ct = default)
    {
        var active = await db.Memberships.Where(m => m.PersonId == person.Id && m.UnitId == unit.Id).ActiveOn(effectiveOn).ToListAsync(ct);
        if (active.Count == 0)
            throw new OrgRuleException("unitId", $"{person.Name} is not in {unit.Name} on {effectiveOn:yyyy-MM-dd}.");
        foreach (var membership in active) Close(membership, effectiveOn);
        Record(person.Id, TransitionKind.LeftUnit, effectiveOn, unit.Name, null);
    }

    public async Task SetManagerAsync(Person person, Person? manager, DateOnly effectiveOn, CancellationToken ct = default)
    {
        EnsureEmployed(person, effectiveOn);
        if (manager is not null)
        {
            if (!manager.IsEmployedOn(effectiveOn))
                throw new OrgRuleException("managerId", $"{manager.Name} is not employed on {effectiveOn:yyyy-MM-dd}.");
            var lines = await db.ReportingLines.ActiveOn(effectiveOn).Select(l => new { l.PersonId, l.ManagerId }).ToDictionaryAsync(l => l.PersonId, l => l.ManagerId, ct);
            var names = new Dictionary<Guid, string> { [person.Id] = person.Name, [manager.Id] = manager.Name };
            var problem = ReportingChain.Check(person.Id, manager.Id, id => lines.TryGetValue(id, out var m) ? m : null,
                id => names.TryGetValue(id, out var n) ? n : db.People.Where(p => p.Id == id).Select(p => p.Name).FirstOrDefault() ?? id.ToString());
            if (problem is not null) throw new OrgRuleException("managerId", problem);
        }
        var open = await db.ReportingLines.Where(l => l.PersonId == person.Id).ActiveOn(effectiveOn).ToListAsync(ct);
        if (manager is not null && open.Count == 1 && open[0].ManagerId == manager.Id)
            throw new OrgRuleException("managerId", $"{manager.Name} already manages {person.Name} on {effectiveOn:yyyy-MM-dd}.");
        var previous = open.Count > 0 ? await db.People.Where(p => p.Id == open[0].ManagerId).Select(p => p.Name).FirstOrDefaultAsync(ct) : null;
        foreach (var line in open) Close(line, effectiveOn);
        if (manager is not null)
            db.ReportingLines.Add(new ReportingLine { Id = Guid.CreateVersion7(Now), PersonId = person.Id, ManagerId = manager.Id, From = effectiveOn });
        Record(person.Id, TransitionKind.ManagerChanged, effectiveOn, previous, manager?.Name);
    }

    /// <summary>Ends employment: memberships and the person's own reporting line close, and their reports are left without a manager from that date.</summary>
    public async Task LeaveCompanyAsync(Person person, DateOnly effectiveOn, CancellationToken ct = default)
    {
        if (person.EmploymentEnd is not null)
            throw new OrgRuleException("effectiveOn", $"{person.Name} already left on {person.EmploymentEnd:yyyy-MM-dd}.");
        if (effectiveOn <= person.EmploymentStart)
            throw new OrgRuleException("effectiveOn", $"The leaving date must be after the start date {person.EmploymentStart:yyyy-MM-dd}.");
        foreach (var m in await db.Memberships.Where(m => m.PersonId == person.Id).ActiveOn(effectiveOn).ToListAsync(ct)) Close(m, effectiveOn);
        foreach (var l in await db.ReportingLines.Where(l => l.PersonId == person.Id).ActiveOn(effectiveOn).ToListAsync(ct)) Close(l, effectiveOn);
        foreach (var report in await db.ReportingLines.Where(l => l.ManagerId == person.Id).ActiveOn(effectiveOn).ToListAsync(ct))
        {
            Close(report, effectiveOn);
            Record(report.PersonId, TransitionKind.ManagerChanged, effectiveOn, person.Name, null);
        }
        person.EmploymentEnd = effectiveOn;
        Record(person.Id, TransitionKind.Left, effectiveOn, null, null);
    }

    public static bool IsExclusive(UnitKind kind) => kind is UnitKind.Squad or UnitKind.Chapter or UnitKind.Tribe;

    private static void Close(IEffectiveDatedMutable fact, DateOnly on)
    {
        // A fact that starts on the closing date never really held; an empty interval keeps the history honest.
        fact.To = on < fact.From ? fact.From : on;
    }

    private static void EnsureEmployed(Person person, DateOnly on)
    {
        if (!person.IsEmployedOn(on))
            throw new OrgRuleException("effectiveOn", $"{person.Name} is not employed on {on:yyyy-MM-dd}.");
    }

    private void Record(Guid personId, TransitionKind kind, DateOnly on, string? from, string? to) =>
        db.Transitions.Add(new Transition
        {
            Id = Guid.CreateVersion7(Now), PersonId = personId, Kind = kind, EffectiveOn = on, FromValue = from, ToValue = to, RecordedAt = Now,
        });
}
