using Microsoft.EntityFrameworkCore;
using Stepwise.Careers.Reports;
using Stepwise.Data;
using Stepwise.Organization;

namespace Stepwise.Careers.Simulations.Demo;

/// <summary>
/// One open simulation for the demo tribe lead's tribe, once: most managers have estimated (a little generously, as
/// managers tend to), while the demo tribe lead's and chapter lead's own reports are still missing, so the demo accounts have
/// something to do.
/// </summary>
public sealed class DemoSimulation(StepwiseDb db, TimeProvider time)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.StepSimulations.AnyAsync(ct)) return;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        // The demo accounts linked to a person who leads a tribe or a chapter today.
        var accounts = db.Users.Where(u => u.PersonId != null).Select(u => u.PersonId!.Value);
        var leads = await db.Memberships.AsNoTracking().Where(m => m.Role == MembershipRole.Lead && accounts.Contains(m.PersonId)).ActiveOn(today)
            .Join(db.Units.AsNoTracking(), m => m.UnitId, u => u.Id, (m, u) => new { m.PersonId, Unit = u })
            .ToListAsync(ct);
        if (leads.FirstOrDefault(l => l.Unit.Kind == UnitKind.Tribe) is not { } lead) return;
        var (tribeLead, tribe) = (lead.PersonId, lead.Unit);
        var chapterLead = leads.FirstOrDefault(l => l.Unit.Kind == UnitKind.Chapter)?.PersonId;

        var people = await StepQueries.Employed(db, today).Where(p => StepQueries.Tribes(db, today).Any(t => t.PersonId == p.Id && t.TribeId == tribe.Id))
            .Select(p => new
            {
                p.Id,
                p.Email,
                Manager = db.ReportingLines.Where(l => l.PersonId == p.Id && l.From <= today && (l.To == null || l.To > today)).Select(l => (Guid?)l.ManagerId).FirstOrDefault(),
            })
            .OrderBy(p => p.Email).ToListAsync(ct);
        var current = await StepQueries.On(db, today).ToDictionaryAsync(s => s.PersonId, s => s.Level, ct);
        var simulation = new StepSimulation
        {
            Id = Guid.NewGuid(), Name = "Next cycle: first estimates", TribeId = tribe.Id, PopulationOn = today, Status = SimulationStatus.Open,
            CreatedByPersonId = tribeLead, CreatedBy = "Demo tribe lead", CreatedAt = time.GetUtcNow(),
        };
        db.StepSimulations.Add(simulation);
        var waiting = new HashSet<Guid?> { tribeLead, chapterLead };
        for (var i = 0; i < people.Count; i++)
        {
            var p = people[i];
            var estimate = waiting.Contains(p.Manager) || p.Manager is null || i % 7 == 0
                ? (int?)null
                : Math.Min(4, current.GetValueOrDefault(p.Id, 1) + (i % 4 == 0 ? 1 : 0));
            db.SimulationEstimates.Add(new SimulationEstimate
            {
                Id = Guid.NewGuid(), SimulationId = simulation.Id, PersonId = p.Id, ManagerId = p.Manager, TribeId = tribe.Id, Level = estimate,
                EstimatedAt = estimate is null ? null : simulation.CreatedAt, EstimatedBy = estimate is null ? null : "Demo manager",
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
