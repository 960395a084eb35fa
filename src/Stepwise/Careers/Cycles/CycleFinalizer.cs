using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Auditing;
using Stepwise.Careers.Steps;
using Stepwise.Data;

namespace Stepwise.Careers.Cycles;

/// <summary>
/// HR finalizes everyone ready: each gets a dated step record (through <see cref="StepRecordService"/>, source Cycle, with
/// the story of the decision as rationale) and a notification. All or nothing; the cycle closes when nobody is left.
/// </summary>
public sealed class CycleFinalizer(StepwiseDb db, StepRecordService steps, CycleNotices notices, IAuditActor actor, TimeProvider time)
{
    public async Task<Outcome<FinalizeResult>> FinalizeAsync(ClaimsPrincipal user, Guid cycleId, FinalizeRequest request, CancellationToken ct)
    {
        var cycle = await db.AssessmentCycles.FirstOrDefaultAsync(c => c.Id == cycleId, ct);
        if (cycle is null) return Outcome<FinalizeResult>.NotFound("No such cycle.");
        if (!CycleAccess.IsHr(user)) return Outcome<FinalizeResult>.Forbidden("Only HR and administrators finalize a cycle.");
        if (!request.Confirm) return Outcome<FinalizeResult>.Invalid("confirm", "Finalizing writes step records that cannot be taken back: confirm it.");
        if (!cycle.IsOpen) return Outcome<FinalizeResult>.Conflict("The cycle is already closed.");
        var effectiveOn = request.EffectiveOn ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var participants = await db.CycleParticipants.Where(p => p.CycleId == cycleId && p.Stage != ParticipantStage.Finalized).ToListAsync(ct);
        var ready = participants.Where(p => p.IsReadyToFinalize(cycle)).ToList();
        if (ready.Count == 0) return Outcome<FinalizeResult>.Conflict("Nobody is ready: people must be calibrated (and reviewed by leadership for the top two steps).");

        var (byId, byName) = await CycleActor.OfAsync(db, user, actor, ct);
        var adjustments = (await db.CycleAdjustments.AsNoTracking().Where(a => a.CycleId == cycleId).ToListAsync(ct)).ToLookup(a => a.ParticipantId);
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var p in ready)
        {
            p.Stage = ParticipantStage.Finalized;
            p.FinalizedAt = now;
            notices.Send(db, CycleNotices.FinalizedTopic, $"Your step from {cycle.Name}",
                $"Your step is now {p.ProposedLevel}. The rationale is on your step page.", $"/careers/steps/people/{p.PersonId}", [p.PersonId]);
            var recorded = await steps.RecordAsync(new StepDecision(p.PersonId, p.ProposedLevel!.Value, effectiveOn,
                Rationale(cycle, p, adjustments[p.Id]), StepSource.Cycle, byName, byId, cycle.FrameworkVersion), ct);
            if (!recorded.Succeeded)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                var name = await db.People.Where(x => x.Id == p.PersonId).Select(x => x.Name).FirstOrDefaultAsync(ct);
                var reason = string.Join(" ", recorded.Messages);
                return recorded.Failure == OutcomeFailure.Invalid
                    ? Outcome<FinalizeResult>.Invalid("effectiveOn", $"{name}: {reason} Nothing was finalized.")
                    : Outcome<FinalizeResult>.Conflict($"{name}: {reason} Nothing was finalized.");
            }
            p.StepRecordId = recorded.Value!.Id;
        }
        var remaining = participants.Count - ready.Count;
        if (remaining == 0) (cycle.State, cycle.ClosedAt) = (CycleState.Closed, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new FinalizeResult(ready.Count, remaining, remaining == 0, effectiveOn);
    }

    private static string Rationale(AssessmentCycle cycle, CycleParticipant p, IEnumerable<CycleAdjustment> adjustments)
    {
        var parts = new List<string> { $"{cycle.Name} (framework {cycle.FrameworkVersion}): self-assessed at step {p.SelfLevel}, manager proposed step {p.ManagerLevel}." };
        foreach (var a in adjustments.OrderBy(a => a.At))
        {
            var stage = a.Stage switch
            {
                AdjustmentStage.Discussion => "Agreed in discussion",
                AdjustmentStage.Calibration => "Changed in tribe calibration",
                AdjustmentStage.FunctionalSync => "Aligned in the functional sync",
                _ => "Changed in leadership review",
            };
            parts.Add($"{stage}: step {a.ToLevel} ({a.Reason}).");
        }
        var text = string.Join(" ", parts);
        return text.Length <= StepRecordService.MaxRationale ? text : text[..(StepRecordService.MaxRationale - 1)] + "…";
    }
}
