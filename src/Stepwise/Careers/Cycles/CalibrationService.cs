using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stepwise.Api;
using Stepwise.Auditing;
using Stepwise.Careers.Distribution;
using Stepwise.Data;

namespace Stepwise.Careers.Cycles;

/// <summary>
/// The sessions after the one-to-one discussions: tribe calibration, the functional sync per discipline across tribes,
/// and leadership review of the top two steps. Every change of a proposal needs a reason and is logged.
/// </summary>
public sealed class CalibrationService(StepwiseDb db, CycleAccess access, IAuditActor actor, TimeProvider time,
    IOptions<TargetDistributionOptions> target)
{
    public const int MaxReason = 1000;

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<Outcome<CalibrationView>> SessionAsync(ClaimsPrincipal user, Guid cycleId, Guid tribeId, CancellationToken ct)
    {
        var cycle = await db.AssessmentCycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cycleId, ct);
        if (cycle is null) return Outcome<CalibrationView>.NotFound("No such cycle.");
        var tribeName = await db.Units.AsNoTracking().Where(u => u.Id == tribeId).Select(u => u.Name).FirstOrDefaultAsync(ct);
        if (tribeName is null) return Outcome<CalibrationView>.NotFound("No such tribe.");
        if (!await access.InSessionAsync(user, cycleId, tribeId, ct))
            return Outcome<CalibrationView>.Forbidden("Only the tribe lead, the managers in the tribe and HR take part in its calibration session.");
        var participants = await db.CycleParticipants.AsNoTracking().Where(p => p.CycleId == cycleId && p.TribeId == tribeId).ToListAsync(ct);
        var rows = await ProposalRows.BuildAsync(db, cycle, participants, Today, CycleAccess.PersonOf(user), ct);
        var proposals = participants.Where(p => p.ProposedLevel is not null).ToList();
        var distribution = DistributionComparison.Compare(
            proposals.GroupBy(p => p.ProposedLevel!.Value).ToDictionary(g => g.Key, g => g.Count()), target.Value.Target);
        var proposed = proposals.ToDictionary(p => p.Id, p => p.ProposedLevel!.Value);
        var byManager = rows.Where(r => r.ManagerId is not null && proposed.ContainsKey(r.AssessmentId))
            .Select(r => (r.ManagerId!.Value, r.ManagerName ?? "?", proposed[r.AssessmentId])).ToList();
        var ids = participants.Select(p => p.Id).ToList();
        var changes = await ProposalRows.AdjustmentsAsync(db,
            db.CycleAdjustments.Where(a => a.CycleId == cycleId && a.Stage == AdjustmentStage.Calibration && ids.Contains(a.ParticipantId)), ct);
        return new CalibrationView(cycle.Id, cycle.Name, cycle.State, tribeId, tribeName, cycle.StepCount, rows, distribution,
            proposals.Count == 0 ? 0 : proposals.Average(p => p.ProposedLevel!.Value), ManagerPatterns.Compare(byManager), changes,
            cycle.IsOpen && await access.CanCalibrateAsync(user, tribeId, ct));
    }

    /// <summary>Sets someone's calibrated step. Keeping the proposal needs no reason; changing it does.</summary>
    public async Task<Outcome<CalibrationView>> CalibrateAsync(ClaimsPrincipal user, Guid participantId, AdjustmentRequest request, CancellationToken ct)
    {
        var (participant, cycle, failure) = await LoadAsync<CalibrationView>(participantId, ct);
        if (failure is not null) return failure;
        if (!await access.CanCalibrateAsync(user, participant!.TribeId, ct)) return Outcome<CalibrationView>.Forbidden("Only the tribe lead and HR calibrate.");
        if (participant.Stage < ParticipantStage.Discussed) return Outcome<CalibrationView>.Conflict("The manager and the person have not discussed their assessments yet.");
        if (participant.Stage > ParticipantStage.Calibrated) return Outcome<CalibrationView>.Conflict("Calibration is over for this person.");
        var errors = CheckStep(cycle!, request.Step);
        if (request.Step is { } step && step != participant.ProposedLevel) errors.Require("reason", request.Reason, MaxReason);
        else errors.Limit("reason", request.Reason, MaxReason);
        if (errors.Any) return Outcome<CalibrationView>.Invalid(errors);
        await ChangeAsync(user, participant, AdjustmentStage.Calibration, request.Step!.Value, request.Reason, ct);
        participant.Stage = ParticipantStage.Calibrated;
        participant.CalibratedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return participant.TribeId is { } tribe ? await SessionAsync(user, cycle!.Id, tribe, ct) : EmptySession(cycle!);
    }

    /// <summary>Closes a tribe's session: everyone discussed and not changed keeps the agreed step as calibrated.</summary>
    public async Task<Outcome<CalibrationView>> CompleteAsync(ClaimsPrincipal user, Guid cycleId, Guid tribeId, CancellationToken ct)
    {
        var cycle = await db.AssessmentCycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cycleId, ct);
        if (cycle is null) return Outcome<CalibrationView>.NotFound("No such cycle.");
        if (!await access.CanCalibrateAsync(user, tribeId, ct)) return Outcome<CalibrationView>.Forbidden("Only the tribe lead and HR calibrate.");
        if (!cycle.IsOpen) return Outcome<CalibrationView>.Conflict("The cycle is closed.");
        var now = time.GetUtcNow();
        var discussed = await db.CycleParticipants.Where(p => p.CycleId == cycleId && p.TribeId == tribeId && p.Stage == ParticipantStage.Discussed).ToListAsync(ct);
        if (discussed.Count == 0) return Outcome<CalibrationView>.Conflict("Nobody in this tribe is waiting for calibration.");
        foreach (var p in discussed) (p.Stage, p.CalibratedAt) = (ParticipantStage.Calibrated, now);
        await db.SaveChangesAsync(ct);
        return await SessionAsync(user, cycleId, tribeId, ct);
    }

    public async Task<Outcome<FunctionalSyncView>> FunctionalSyncAsync(ClaimsPrincipal user, Guid cycleId, string? discipline, CancellationToken ct)
    {
        var cycle = await db.AssessmentCycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cycleId, ct);
        if (cycle is null) return Outcome<FunctionalSyncView>.NotFound("No such cycle.");
        if (!await access.InFunctionalSyncAsync(user, ct))
            return Outcome<FunctionalSyncView>.Forbidden("The functional sync gathers HR, tribe leads and chapter leads.");
        // Stages are stored as text (the model's enum convention), so SQL gets the set, never an ordering.
        var discussed = Enum.GetValues<ParticipantStage>().Where(s => s >= ParticipantStage.Discussed).ToList();
        var query = db.CycleParticipants.AsNoTracking().Where(p => p.CycleId == cycleId && discussed.Contains(p.Stage));
        if (!string.IsNullOrWhiteSpace(discipline)) query = query.Where(p => p.Discipline == discipline);
        var rows = await ProposalRows.BuildAsync(db, cycle, await query.ToListAsync(ct), Today, CycleAccess.PersonOf(user), ct);
        var groups = rows.GroupBy(r => r.Discipline).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new DisciplineGroup(g.Key,
            [.. g.OrderBy(r => r.TribeName, StringComparer.Ordinal).ThenBy(r => r.PersonName, StringComparer.Ordinal)],
            DistributionComparison.Compare(g.Where(r => r.ProposedLevel is not null).GroupBy(r => r.ProposedLevel!.Value).ToDictionary(x => x.Key, x => x.Count()),
                target.Value.Target))).ToList();
        return new FunctionalSyncView(cycle.Id, cycle.Name, cycle.StepCount, groups, cycle.IsOpen);
    }

    /// <summary>Aligns a calibrated proposal with the same discipline in other tribes. Always a change, so always a reason.</summary>
    public async Task<Outcome<FunctionalSyncView>> AlignAsync(ClaimsPrincipal user, Guid participantId, AdjustmentRequest request, CancellationToken ct)
    {
        var (participant, cycle, failure) = await LoadAsync<FunctionalSyncView>(participantId, ct);
        if (failure is not null) return failure;
        if (!await access.InFunctionalSyncAsync(user, ct)) return Outcome<FunctionalSyncView>.Forbidden("The functional sync gathers HR, tribe leads and chapter leads.");
        if (participant!.Stage != ParticipantStage.Calibrated)
            return Outcome<FunctionalSyncView>.Conflict("The functional sync adjusts calibrated proposals that leadership has not reviewed yet.");
        var errors = CheckStep(cycle!, request.Step).Require("reason", request.Reason, MaxReason);
        if (request.Step == participant.ProposedLevel) errors.Add("step", $"Step {request.Step} is already proposed.");
        if (errors.Any) return Outcome<FunctionalSyncView>.Invalid(errors);
        await ChangeAsync(user, participant, AdjustmentStage.FunctionalSync, request.Step!.Value, request.Reason, ct);
        await db.SaveChangesAsync(ct);
        return await FunctionalSyncAsync(user, cycle!.Id, participant.Discipline, ct);
    }

    public async Task<Outcome<LeadershipReviewView>> LeadershipReviewAsync(ClaimsPrincipal user, Guid cycleId, CancellationToken ct)
    {
        var cycle = await db.AssessmentCycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cycleId, ct);
        if (cycle is null) return Outcome<LeadershipReviewView>.NotFound("No such cycle.");
        var canReview = await access.CanReviewAsLeadershipAsync(user, ct);
        if (!canReview && !CycleAccess.IsHr(user))
            return Outcome<LeadershipReviewView>.Forbidden("Leadership review is for tribe leads and the Leadership role (HR follows it).");
        var from = cycle.LeadershipReviewFrom;
        var people = await db.CycleParticipants.AsNoTracking().Where(p => p.CycleId == cycleId &&
            ((p.Stage == ParticipantStage.Calibrated && p.ProposedLevel >= from) || p.Stage == ParticipantStage.LeadershipReviewed ||
             (p.Stage == ParticipantStage.Finalized && p.LeadershipReviewedAt != null))).ToListAsync(ct);
        return new LeadershipReviewView(cycle.Id, cycle.Name, cycle.StepCount, from,
            await ProposalRows.BuildAsync(db, cycle, people, Today, CycleAccess.PersonOf(user), ct), cycle.IsOpen && canReview);
    }

    /// <summary>Approves a proposal for the top two steps as it is (no step) or adjusts it (a step and a reason). Never one's own.</summary>
    public async Task<Outcome<LeadershipReviewView>> ReviewAsync(ClaimsPrincipal user, Guid participantId, LeadershipReviewRequest request, CancellationToken ct)
    {
        var (participant, cycle, failure) = await LoadAsync<LeadershipReviewView>(participantId, ct);
        if (failure is not null) return failure;
        if (!await access.CanReviewAsLeadershipAsync(user, ct)) return Outcome<LeadershipReviewView>.Forbidden("Only tribe leads and the Leadership role review.");
        if (CycleAccess.PersonOf(user) == participant!.PersonId) return Outcome<LeadershipReviewView>.Forbidden("Nobody reviews their own proposal; another reviewer must decide.");
        if (participant.Stage != ParticipantStage.Calibrated || !participant.NeedsLeadershipReview(cycle!))
            return Outcome<LeadershipReviewView>.Conflict($"Leadership reviews calibrated proposals for step {cycle!.LeadershipReviewFrom} and above that are not reviewed yet.");
        var errors = new FieldErrors();
        if (request.Step is { } step && step != participant.ProposedLevel)
        {
            errors = CheckStep(cycle!, step).Require("reason", request.Reason, MaxReason);
            if (errors.Any) return Outcome<LeadershipReviewView>.Invalid(errors);
            await ChangeAsync(user, participant, AdjustmentStage.LeadershipReview, step, request.Reason, ct);
        }
        else if (errors.Limit("reason", request.Reason, MaxReason).Any) return Outcome<LeadershipReviewView>.Invalid(errors);
        participant.Stage = ParticipantStage.LeadershipReviewed;
        participant.LeadershipReviewedAt = time.GetUtcNow();
        participant.LeadershipReviewerId = CycleAccess.PersonOf(user);
        await db.SaveChangesAsync(ct);
        return await LeadershipReviewAsync(user, cycle!.Id, ct);
    }

    private async Task<(CycleParticipant?, AssessmentCycle?, Outcome<T>?)> LoadAsync<T>(Guid participantId, CancellationToken ct)
    {
        var participant = await db.CycleParticipants.FirstOrDefaultAsync(p => p.Id == participantId, ct);
        if (participant is null) return (null, null, Outcome<T>.NotFound("No such assessment."));
        var cycle = await db.AssessmentCycles.AsNoTracking().FirstAsync(c => c.Id == participant.CycleId, ct);
        return cycle.IsOpen ? (participant, cycle, null) : (participant, cycle, Outcome<T>.Conflict("The cycle is closed; proposals can no longer change."));
    }

    private static FieldErrors CheckStep(AssessmentCycle cycle, int? step)
    {
        var errors = new FieldErrors();
        if (step is not { } s || !cycle.IsStepInFramework(s)) errors.Add("step", $"'step' must be a step of the framework (1 to {cycle.StepCount}).");
        return errors;
    }

    private async Task ChangeAsync(ClaimsPrincipal user, CycleParticipant participant, AdjustmentStage stage, int step, string? reason, CancellationToken ct)
    {
        if (step == participant.ProposedLevel) return;
        var (byId, byName) = await CycleActor.OfAsync(db, user, actor, ct);
        db.CycleAdjustments.Add(new CycleAdjustment
        {
            Id = Guid.NewGuid(), CycleId = participant.CycleId, ParticipantId = participant.Id, Stage = stage, FromLevel = participant.ProposedLevel,
            ToLevel = step, Reason = reason!.Trim(), ByPersonId = byId, By = byName, At = time.GetUtcNow(),
        });
        participant.ProposedLevel = step;
    }

    private static CalibrationView EmptySession(AssessmentCycle cycle) =>
        new(cycle.Id, cycle.Name, cycle.State, Guid.Empty, "No tribe", cycle.StepCount, [],
            DistributionComparison.Compare(new Dictionary<int, int>(), new Dictionary<int, double>()), 0, [], [], false);
}
