using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Organization;

namespace Stepwise.Careers.Cycles;

/// <summary>Who a cycle covers on a date, with their manager, tribe, team, discipline and current step taken at that moment.</summary>
internal static class CyclePopulation
{
    public static async Task<List<CycleParticipant>> BuildAsync(StepwiseDb db, Guid cycleId, Guid? unitId, DateOnly today, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Kind, u.ParentId }).ToListAsync(ct);
        var byId = units.ToDictionary(u => u.Id);
        var memberships = await db.Memberships.AsNoTracking().ActiveOn(today).Select(m => new { m.PersonId, m.UnitId }).ToListAsync(ct);
        var people = await db.People.AsNoTracking().Where(p => p.EmploymentStart <= today && (p.EmploymentEnd == null || p.EmploymentEnd > today))
            .Select(p => new { p.Id, p.Discipline }).ToListAsync(ct);

        HashSet<Guid>? scope = null;
        if (unitId is { } root)
        {
            var children = units.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!.Value, u => u.Id);
            scope = [];
            var queue = new Queue<Guid>([root]);
            while (queue.TryDequeue(out var id)) if (scope.Add(id)) foreach (var child in children[id]) queue.Enqueue(child);
        }
        var unitsOf = memberships.Where(m => byId.ContainsKey(m.UnitId)).ToLookup(m => m.PersonId, m => byId[m.UnitId]);
        var managers = (await db.ReportingLines.AsNoTracking().ActiveOn(today).Select(l => new { l.PersonId, l.ManagerId }).ToListAsync(ct))
            .GroupBy(l => l.PersonId).ToDictionary(g => g.Key, g => g.First().ManagerId);
        var levels = (await db.StepRecords.AsNoTracking().Where(s => s.EffectiveOn <= today)
                .Select(s => new { s.PersonId, s.Level, s.EffectiveOn, s.RecordedAt, s.EndedOn }).ToListAsync(ct))
            .GroupBy(s => s.PersonId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.EffectiveOn).ThenBy(s => s.RecordedAt).Last());

        var participants = new List<CycleParticipant>();
        foreach (var person in people)
        {
            var mine = unitsOf[person.Id].ToList();
            if (scope is not null && !mine.Any(u => scope.Contains(u.Id))) continue;
            var team = mine.FirstOrDefault(u => u.Kind == UnitKind.Squad) ?? mine.FirstOrDefault(u => u.Kind == UnitKind.Chapter)
                ?? mine.FirstOrDefault(u => u.Kind == UnitKind.Tribe);
            var tribe = mine.Select(u => u.Kind == UnitKind.Tribe ? u.Id : u.ParentId is { } p && byId.TryGetValue(p, out var parent) && parent.Kind == UnitKind.Tribe ? p : (Guid?)null)
                .FirstOrDefault(t => t is not null);
            participants.Add(new CycleParticipant
            {
                Id = Guid.NewGuid(), CycleId = cycleId, PersonId = person.Id, Discipline = person.Discipline,
                ManagerId = managers.TryGetValue(person.Id, out var manager) ? manager : null,
                TribeId = tribe, TeamId = team?.Id,
                CurrentLevel = levels.TryGetValue(person.Id, out var step) && step.EndedOn is null ? step.Level : null,
                Stage = ParticipantStage.NotStarted,
            });
        }
        return participants;
    }
}
