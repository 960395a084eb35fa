using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Auditing;
using Stepwise.Careers.Framework;
using Stepwise.Data;

namespace Stepwise.Careers.Cycles;

/// <summary>Opening and listing cycles. Progress, reminders and finalizing live in their own services.</summary>
public sealed class CycleService(StepwiseDb db, FrameworkCatalog frameworks, IAuditActor actor, TimeProvider time)
{
    public const int MaxName = 200;

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<IReadOnlyList<CycleSummary>> ListAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var cycles = await db.AssessmentCycles.AsNoTracking().OrderByDescending(c => c.OpenedAt).ToListAsync(ct);
        var summaries = new List<CycleSummary>();
        foreach (var cycle in cycles) summaries.Add(await SummaryAsync(user, cycle, ct));
        return summaries;
    }

    public async Task<Outcome<CycleSummary>> GetAsync(ClaimsPrincipal user, Guid id, CancellationToken ct) =>
        await db.AssessmentCycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is { } cycle
            ? await SummaryAsync(user, cycle, ct)
            : Outcome<CycleSummary>.NotFound("No such cycle.");

    public async Task<Outcome<CycleSummary>> OpenAsync(ClaimsPrincipal user, OpenCycleRequest request, CancellationToken ct)
    {
        if (!CycleAccess.IsHr(user)) return Outcome<CycleSummary>.Forbidden("Only HR and administrators open cycles.");
        var errors = new FieldErrors().Require("name", request.Name, MaxName);
        var deadlines = new (string Field, DateOnly? Value)[]
        {
            ("selfDue", request.SelfDue), ("managerDue", request.ManagerDue), ("calibrationDue", request.CalibrationDue),
            ("functionalSyncDue", request.FunctionalSyncDue), ("leadershipReviewDue", request.LeadershipReviewDue), ("finalizeDue", request.FinalizeDue),
        };
        foreach (var (field, value) in deadlines) if (value is null) errors.Add(field, $"'{field}' is required.");
        if (request.SelfDue is { } self && self < Today) errors.Add("selfDue", "'selfDue' is in the past.");
        for (var i = 1; i < deadlines.Length; i++)
            if (deadlines[i].Value is { } later && deadlines[i - 1].Value is { } earlier && later < earlier)
                errors.Add(deadlines[i].Field, $"'{deadlines[i].Field}' comes before '{deadlines[i - 1].Field}'; stages follow one another.");
        if (request.UnitId is { } unitId && !await db.Units.AnyAsync(u => u.Id == unitId, ct)) errors.Add("unitId", "No such unit.");
        if (errors.Any) return Outcome<CycleSummary>.Invalid(errors);

        var framework = await frameworks.GetAsync(user, CareerFramework.DefaultKey, null, ct);
        if (!framework.Succeeded) return Outcome<CycleSummary>.Conflict("There is no published career framework to assess against.");
        var cycle = new AssessmentCycle
        {
            Id = Guid.NewGuid(), Name = request.Name!.Trim(), UnitId = request.UnitId, FrameworkKey = CareerFramework.DefaultKey,
            FrameworkVersion = framework.Value!.Label, StepCount = framework.Value.Framework.Steps.Count,
            Characteristics = [.. framework.Value.Framework.Characteristics.Select(c => new CycleCharacteristic(c.Id, c.Name))],
            SelfDue = request.SelfDue!.Value, ManagerDue = request.ManagerDue!.Value, CalibrationDue = request.CalibrationDue!.Value,
            FunctionalSyncDue = request.FunctionalSyncDue!.Value, LeadershipReviewDue = request.LeadershipReviewDue!.Value,
            FinalizeDue = request.FinalizeDue!.Value, State = CycleState.Open, OpenedAt = time.GetUtcNow(), OpenedBy = actor.Name,
        };
        var participants = await CyclePopulation.BuildAsync(db, cycle.Id, cycle.UnitId, Today, ct);
        if (participants.Count == 0) return Outcome<CycleSummary>.Invalid("unitId", "Nobody employed today belongs to this population.");
        var ids = participants.Select(p => p.PersonId).ToList();
        var busy = await db.CycleParticipants.Where(p => ids.Contains(p.PersonId))
            .Join(db.AssessmentCycles.Where(c => c.State == CycleState.Open), p => p.CycleId, c => c.Id, (p, c) => c.Name).Distinct().ToListAsync(ct);
        if (busy.Count > 0)
            return Outcome<CycleSummary>.Conflict($"Some of these people are already in an open cycle ({string.Join(", ", busy)}); finalize it first.");
        db.AssessmentCycles.Add(cycle);
        db.CycleParticipants.AddRange(participants);
        await db.SaveChangesAsync(ct);
        return await SummaryAsync(user, cycle, ct);
    }

    private async Task<CycleSummary> SummaryAsync(ClaimsPrincipal user, AssessmentCycle cycle, CancellationToken ct)
    {
        var unitName = cycle.UnitId is { } unit ? await db.Units.Where(u => u.Id == unit).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "?" : "Whole organization";
        var counts = await db.CycleParticipants.Where(p => p.CycleId == cycle.Id).GroupBy(p => p.Stage == ParticipantStage.Finalized)
            .Select(g => new { Finalized = g.Key, Count = g.Count() }).ToListAsync(ct);
        Guid? mine = CycleAccess.PersonOf(user) is { } me
            ? await db.CycleParticipants.Where(p => p.CycleId == cycle.Id && p.PersonId == me).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct)
            : null;
        var tribeIds = await db.CycleParticipants.Where(p => p.CycleId == cycle.Id && p.TribeId != null).Select(p => p.TribeId!.Value).Distinct().ToListAsync(ct);
        var tribes = (await ProposalRows.UnitNamesAsync(db, tribeIds, ct)).Select(t => new CycleUnit(t.Key, t.Value)).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        return new CycleSummary(cycle.Id, cycle.Name, cycle.UnitId, unitName, cycle.FrameworkVersion, cycle.StepCount, cycle.Characteristics, cycle.State,
            cycle.OpenedAt, cycle.OpenedBy, cycle.ClosedAt, CycleDeadlines.Of(cycle), counts.Sum(c => c.Count),
            counts.Where(c => c.Finalized).Sum(c => c.Count), mine, CycleAccess.IsHr(user), tribes);
    }
}
