using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stepwise.Api;
using Stepwise.Auditing;
using Stepwise.Careers.Distribution;
using Stepwise.Careers.Reports;
using Stepwise.Careers.Steps;
using Stepwise.Data;
using Stepwise.Identity;
using Stepwise.Organization;

namespace Stepwise.Careers.Simulations;

/// <summary>
/// Step simulations. HR opens one for the organization or a tribe, a tribe lead for their tribe; each manager estimates
/// their direct reports (as of the day it opened); everyone with access sees the combined estimates against the target
/// and against today's real steps. Nothing here writes a step record.
/// </summary>
public sealed class SimulationService(StepwiseDb db, ReportScopes scopes, IAuditActor actor, TimeProvider time,
    IOptions<TargetDistributionOptions> target, IOptions<StepRecordsOptions> steps)
{
    public const int MaxName = 200;
    public const int MaxEstimatesPerRequest = 1000;

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<IReadOnlyList<SimulationSummary>> ListAsync(ClaimsPrincipal user, bool includeArchived, CancellationToken ct)
    {
        var query = db.StepSimulations.AsNoTracking();
        if (!includeArchived) query = query.Where(s => s.Status != SimulationStatus.Archived);
        if (!SeesAll(user))
        {
            if (StepAccess.PersonOf(user) is not { } me) return [];
            var tribes = (await scopes.LedTribesAsync(me, ct)).Select(t => (Guid?)t.Id).ToList();
            query = query.Where(s => s.CreatedByPersonId == me || tribes.Contains(s.TribeId)
                                     || db.SimulationEstimates.Any(e => e.SimulationId == s.Id && e.ManagerId == me));
        }
        var list = await query.OrderByDescending(s => s.CreatedAt).ToListAsync(ct);
        return await SummariesAsync(list, StepAccess.PersonOf(user), ct);
    }

    public async Task<Outcome<SimulationSummary>> OpenAsync(ClaimsPrincipal user, OpenSimulationRequest request, CancellationToken ct)
    {
        var me = StepAccess.PersonOf(user);
        var led = StepAccess.IsHr(user) ? null : me is { } id ? await scopes.LedTribesAsync(id, ct) : [];
        if (led is { Count: 0 }) return Outcome<SimulationSummary>.Forbidden("Only HR and tribe leads open simulations.");
        var errors = new FieldErrors().Require("name", request.Name, MaxName);
        if (errors.Any) return Outcome<SimulationSummary>.Invalid(errors);
        if (led is not null && (request.TribeId is not { } tribeId || led.All(t => t.Id != tribeId)))
            return Outcome<SimulationSummary>.Forbidden("A tribe lead opens simulations for their own tribe only.");
        string population = "The whole organization";
        if (request.TribeId is { } tribe)
        {
            var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == tribe, ct);
            if (unit is null) return Outcome<SimulationSummary>.Invalid("tribeId", "No such unit.");
            if (unit.Kind != UnitKind.Tribe) return Outcome<SimulationSummary>.Invalid("tribeId", $"{unit.Name} is a {unit.Kind}, not a tribe.");
            population = unit.Name;
        }

        var today = Today;
        var people = StepQueries.Employed(db, today);
        if (request.TribeId is { } only) people = people.Where(p => StepQueries.Tribes(db, today).Any(t => t.PersonId == p.Id && t.TribeId == only));
        var rows = await people.Select(p => new
            {
                p.Id,
                Manager = db.ReportingLines.Where(l => l.PersonId == p.Id && l.From <= today && (l.To == null || l.To > today)).Select(l => (Guid?)l.ManagerId).FirstOrDefault(),
                Tribe = request.TribeId ?? StepQueries.Tribes(db, today).Where(t => t.PersonId == p.Id).OrderBy(t => t.TribeId).Select(t => (Guid?)t.TribeId).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var name = me is { } myId ? await db.People.Where(p => p.Id == myId).Select(p => p.Name).FirstOrDefaultAsync(ct) : null;
        var simulation = new StepSimulation
        {
            Id = Guid.NewGuid(), Name = request.Name!.Trim(), TribeId = request.TribeId, PopulationOn = today, Status = SimulationStatus.Open,
            CreatedByPersonId = me, CreatedBy = name ?? actor.Name, CreatedAt = time.GetUtcNow(),
        };
        // The population can be the whole organization: its rows go in as one bulk insert (audited the same way).
        var estimates = rows.Select(r => new SimulationEstimate { Id = Guid.NewGuid(), SimulationId = simulation.Id, PersonId = r.Id, ManagerId = r.Manager, TribeId = r.Tribe }).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.StepSimulations.Add(simulation);
        await db.SaveChangesAsync(ct);
        await db.InsertAuditedAsync(estimates, actor, simulation.CreatedAt, ct);
        await transaction.CommitAsync(ct);
        return (await SummariesAsync([simulation], me, ct))[0] with { Population = population };
    }

    public async Task<Outcome<SimulationDetails>> GetAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var simulation = await db.StepSimulations.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (simulation is null) return Outcome<SimulationDetails>.NotFound("No such simulation.");
        var (read, manage) = await AccessAsync(user, simulation, ct);
        if (!read) return Outcome<SimulationDetails>.Forbidden("Only HR, leadership, the simulated tribe's lead and the managers taking part see a simulation.");
        var me = StepAccess.PersonOf(user);
        var summary = (await SummariesAsync([simulation], me, ct))[0];
        var hides = !StepAccess.IsHr(user);
        var min = scopes.MinGroupSize;
        var targetShares = target.Value.Target;

        // Counts per tribe and step, of the estimates and of the steps the same people hold today: grouped in SQL.
        var entries = db.SimulationEstimates.AsNoTracking().Where(e => e.SimulationId == id);
        var estimated = await entries.Where(e => e.Level != null).GroupBy(e => new { e.TribeId, e.Level })
            .Select(g => new { g.Key.TribeId, Level = g.Key.Level!.Value, Count = g.Count() }).ToListAsync(ct);
        var people = await entries.GroupBy(e => e.TribeId).Select(g => new { g.Key, Count = g.Count(), Missing = g.Count(e => e.Level == null) }).ToListAsync(ct);
        var current = await entries.Join(StepQueries.On(db, Today), e => e.PersonId, s => s.PersonId, (e, s) => new { e.TribeId, s.Level })
            .GroupBy(x => new { x.TribeId, x.Level }).Select(g => new { g.Key.TribeId, g.Key.Level, Count = g.Count() }).ToListAsync(ct);

        SimulationGroup Group(string key, string name, Func<Guid?, bool> inGroup)
        {
            var est = estimated.Where(e => inGroup(e.TribeId)).GroupBy(e => e.Level).ToDictionary(g => g.Key, g => g.Sum(e => e.Count));
            var cur = current.Where(c => inGroup(c.TribeId)).GroupBy(c => c.Level).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
            var size = people.Where(p => inGroup(p.Key)).Sum(p => p.Count);
            var missing = people.Where(p => inGroup(p.Key)).Sum(p => p.Missing);
            // Small groups would reveal individual estimates or steps.
            var hidden = hides && (Small(est.Values.Sum()) || Small(cur.Values.Sum()));
            return hidden
                ? new SimulationGroup(key, name, size, missing, true, null, null)
                : new SimulationGroup(key, name, size, missing, false, DistributionComparison.Compare(est, targetShares), DistributionComparison.Compare(cur, targetShares));
        }
        bool Small(int n) => n > 0 && n < min;

        var tribeIds = people.Where(p => p.Key != null).Select(p => p.Key!.Value).ToList();
        var names = await db.Units.AsNoTracking().Where(u => tribeIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var byTribe = people.OrderBy(p => p.Key is { } t ? names.GetValueOrDefault(t, "?") : "~", StringComparer.OrdinalIgnoreCase)
            .Select(p => Group(p.Key?.ToString() ?? "", p.Key is { } t ? names.GetValueOrDefault(t, "?") : "Not in a tribe", k => k == p.Key)).ToList();

        var mine = me is { } manager ? await MyReportsAsync(id, manager, ct) : [];
        return new SimulationDetails(summary, steps.Value.MaxLevel, manage, hides, min,
            DistributionComparison.Compare(new Dictionary<int, int>(), targetShares).Steps.ToDictionary(s => s.Level, s => s.TargetShare),
            Group("", "All", _ => true), byTribe, mine);
    }

    public async Task<Outcome<SimulationSummary>> EstimateAsync(ClaimsPrincipal user, Guid id, EstimatesRequest request, CancellationToken ct)
    {
        var simulation = await db.StepSimulations.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (simulation is null) return Outcome<SimulationSummary>.NotFound("No such simulation.");
        var me = StepAccess.PersonOf(user);
        var inputs = request.Estimates ?? [];
        var errors = new FieldErrors();
        if (inputs.Count == 0) errors.Add("estimates", "'estimates' must list at least one person.");
        if (inputs.Count > MaxEstimatesPerRequest) errors.Add("estimates", $"At most {MaxEstimatesPerRequest} estimates at once.");
        var max = steps.Value.MaxLevel;
        for (var i = 0; i < inputs.Count && i < MaxEstimatesPerRequest; i++)
        {
            if (inputs[i].PersonId is null) errors.Add($"estimates[{i}].personId", "'personId' is required.");
            if (inputs[i].Level is { } level && (level < StepLevels.Min || level > max))
                errors.Add($"estimates[{i}].level", $"'level' must be a step between {StepLevels.Min} and {max}.");
        }
        if (errors.Any) return Outcome<SimulationSummary>.Invalid(errors);
        if (simulation.Status != SimulationStatus.Open) return Outcome<SimulationSummary>.Conflict("This simulation is closed; estimates can no longer change.");

        var ids = inputs.Select(e => e.PersonId!.Value).Distinct().ToList();
        var rows = await db.SimulationEstimates.Where(e => e.SimulationId == id && ids.Contains(e.PersonId)).ToDictionaryAsync(e => e.PersonId, ct);
        for (var i = 0; i < inputs.Count; i++)
            if (!rows.ContainsKey(inputs[i].PersonId!.Value)) errors.Add($"estimates[{i}].personId", "This person is not part of the simulation.");
        if (errors.Any) return Outcome<SimulationSummary>.Invalid(errors);
        // Managers estimate their own direct reports; HR fills in people who had no manager when the simulation opened.
        if (rows.Values.Any(r => !(r.ManagerId is { } m ? m == me : StepAccess.IsHr(user))))
            return Outcome<SimulationSummary>.Forbidden("Managers estimate their own direct reports only.");

        var name = me is { } myId ? await db.People.Where(p => p.Id == myId).Select(p => p.Name).FirstOrDefaultAsync(ct) : null;
        var now = time.GetUtcNow();
        foreach (var input in inputs)
        {
            var row = rows[input.PersonId!.Value];
            row.Level = input.Level;
            row.EstimatedAt = input.Level is null ? null : now;
            row.EstimatedBy = input.Level is null ? null : name ?? actor.Name;
        }
        await db.SaveChangesAsync(ct);
        return (await SummariesAsync([simulation], me, ct))[0];
    }

    /// <summary>Closing freezes the estimates; archiving also takes the simulation off the list.</summary>
    public async Task<Outcome<SimulationSummary>> ChangeStatusAsync(ClaimsPrincipal user, Guid id, SimulationStatus to, CancellationToken ct)
    {
        var simulation = await db.StepSimulations.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (simulation is null) return Outcome<SimulationSummary>.NotFound("No such simulation.");
        var (read, manage) = await AccessAsync(user, simulation, ct);
        if (!manage) return read
            ? Outcome<SimulationSummary>.Forbidden("Only HR, the simulated tribe's lead and whoever opened it close or archive a simulation.")
            : Outcome<SimulationSummary>.NotFound("No such simulation.");
        if (to == SimulationStatus.Closed && simulation.Status != SimulationStatus.Open) return Outcome<SimulationSummary>.Conflict("Only an open simulation can be closed.");
        if (to == SimulationStatus.Archived && simulation.Status == SimulationStatus.Archived) return Outcome<SimulationSummary>.Conflict("This simulation is archived already.");
        simulation.Status = to;
        simulation.ClosedAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return (await SummariesAsync([simulation], StepAccess.PersonOf(user), ct))[0];
    }

    /// <summary>What the viewer may open a simulation for: HR anything, a tribe lead their tribes, others nothing.</summary>
    public async Task<Openable> OpenableAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (StepAccess.IsHr(user))
        {
            var tribes = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Tribe).OrderBy(u => u.Name).Select(u => new TribeOption(u.Id, u.Name)).ToListAsync(ct);
            return new Openable(true, true, tribes);
        }
        if (StepAccess.PersonOf(user) is not { } me) return new Openable(false, false, []);
        var led = await scopes.LedTribesAsync(me, ct);
        return new Openable(led.Count > 0, false, [.. led.Select(t => new TribeOption(t.Id, t.Name))]);
    }

    public static bool SeesAll(ClaimsPrincipal user) => StepAccess.IsHr(user) || user.IsInRole(Roles.Leadership);

    private async Task<(bool Read, bool Manage)> AccessAsync(ClaimsPrincipal user, StepSimulation simulation, CancellationToken ct)
    {
        if (StepAccess.IsHr(user)) return (true, true);
        var me = StepAccess.PersonOf(user);
        var manage = me is { } id && (simulation.CreatedByPersonId == id
                                      || (simulation.TribeId is { } tribe && (await scopes.LedTribesAsync(id, ct)).Any(t => t.Id == tribe)));
        var read = manage || user.IsInRole(Roles.Leadership)
                   || (me is { } m && await db.SimulationEstimates.AnyAsync(e => e.SimulationId == simulation.Id && e.ManagerId == m, ct));
        return (read, manage);
    }

    private async Task<List<MyReport>> MyReportsAsync(Guid simulationId, Guid manager, CancellationToken ct)
    {
        var today = Today;
        var rows = await db.SimulationEstimates.AsNoTracking().Where(e => e.SimulationId == simulationId && e.ManagerId == manager)
            .Join(db.People.AsNoTracking(), e => e.PersonId, p => p.Id, (e, p) => new { e.PersonId, p.Name, p.Title, e.Level })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.PersonId).ToList();
        var current = await StepQueries.On(db, today).Where(s => ids.Contains(s.PersonId)).ToDictionaryAsync(s => s.PersonId, s => s.Level, ct);
        return [.. rows.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .Select(r => new MyReport(r.PersonId, r.Name, r.Title, current.TryGetValue(r.PersonId, out var l) ? l : null, r.Level))];
    }

    private async Task<List<SimulationSummary>> SummariesAsync(List<StepSimulation> simulations, Guid? me, CancellationToken ct)
    {
        var ids = simulations.Select(s => s.Id).ToList();
        var counts = await db.SimulationEstimates.AsNoTracking().Where(e => ids.Contains(e.SimulationId)).GroupBy(e => e.SimulationId)
            .Select(g => new { g.Key, People = g.Count(), Missing = g.Count(e => e.Level == null), MineMissing = g.Count(e => e.Level == null && e.ManagerId == me && me != null) })
            .ToDictionaryAsync(g => g.Key, ct);
        var tribeIds = simulations.Where(s => s.TribeId != null).Select(s => s.TribeId!.Value).Distinct().ToList();
        var names = await db.Units.AsNoTracking().Where(u => tribeIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return [.. simulations.Select(s =>
        {
            var c = counts.GetValueOrDefault(s.Id);
            var people = c?.People ?? 0;
            var missing = c?.Missing ?? 0;
            return new SimulationSummary(s.Id, s.Name, s.TribeId, s.TribeId is { } t ? names.GetValueOrDefault(t, "?") : "The whole organization",
                s.Status, s.PopulationOn, s.CreatedBy, s.CreatedAt, people, people - missing, missing, c?.MineMissing ?? 0);
        })];
    }
}
