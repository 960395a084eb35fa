using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Auditing;
using Stepwise.Data;

namespace Stepwise.Careers.Cycles;

/// <summary>
/// Self and manager assessments and the discussion between them. Each side is locked when submitted; a change is a
/// new revision with a reason. Neither side sees the other's ratings before submitting their own.
/// </summary>
public sealed class AssessmentService(StepwiseDb db, CycleAccess access, IAuditActor actor, TimeProvider time)
{
    public const int MaxEvidence = 4000;
    public const int MaxReason = 1000;
    public const int MaxNote = 2000;

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<Outcome<AssessmentView>> GetAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var participant = await db.CycleParticipants.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (participant is null) return Outcome<AssessmentView>.NotFound("No such assessment.");
        if (!await access.CanReadAsync(user, participant, ct))
            return Outcome<AssessmentView>.Forbidden("Only the person, their managers, their tribe's calibration session and HR see an assessment.");
        var cycle = await db.AssessmentCycles.AsNoTracking().FirstAsync(c => c.Id == participant.CycleId, ct);
        return await ViewAsync(user, cycle, participant, ct);
    }

    /// <summary>The caller's own assessment in a cycle.</summary>
    public async Task<Outcome<AssessmentView>> MineAsync(ClaimsPrincipal user, Guid cycleId, CancellationToken ct)
    {
        if (!await db.AssessmentCycles.AnyAsync(c => c.Id == cycleId, ct)) return Outcome<AssessmentView>.NotFound("No such cycle.");
        var me = CycleAccess.PersonOf(user);
        var id = await db.CycleParticipants.Where(p => p.CycleId == cycleId && p.PersonId == me).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        return id is { } found ? await GetAsync(user, found, ct) : Outcome<AssessmentView>.NotFound("You are not part of this cycle.");
    }

    /// <summary>The caller's assessment in the most recent cycle they are part of, if any.</summary>
    public async Task<Guid?> LatestMineAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (CycleAccess.PersonOf(user) is not { } me) return null;
        return await db.CycleParticipants.Where(p => p.PersonId == me)
            .Join(db.AssessmentCycles, p => p.CycleId, c => c.Id, (p, c) => new { p.Id, c.OpenedAt })
            .OrderByDescending(x => x.OpenedAt).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>The caller's direct reports in a cycle.</summary>
    public async Task<Outcome<TeamView>> TeamAsync(ClaimsPrincipal user, Guid cycleId, CancellationToken ct)
    {
        var cycle = await db.AssessmentCycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cycleId, ct);
        if (cycle is null) return Outcome<TeamView>.NotFound("No such cycle.");
        var me = CycleAccess.PersonOf(user);
        var reports = await db.CycleParticipants.AsNoTracking().Where(p => p.CycleId == cycleId && me != null && p.ManagerId == me).ToListAsync(ct);
        return new TeamView(cycle.Id, cycle.Name, await ProposalRows.BuildAsync(db, cycle, reports, Today, me, ct));
    }

    public async Task<Outcome<AssessmentView>> SubmitAsync(ClaimsPrincipal user, Guid id, AssessmentKind kind, bool revision, AssessmentRequest request,
        CancellationToken ct)
    {
        var participant = await db.CycleParticipants.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (participant is null) return Outcome<AssessmentView>.NotFound("No such assessment.");
        var me = CycleAccess.PersonOf(user);
        var mayWrite = kind == AssessmentKind.Self ? me == participant.PersonId : me is not null && me == participant.ManagerId;
        if (!mayWrite)
        {
            return await access.CanReadAsync(user, participant, ct)
                ? Outcome<AssessmentView>.Forbidden(kind == AssessmentKind.Self ? "Only the person submits their self-assessment." : "Only the person's manager submits the manager assessment.")
                : Outcome<AssessmentView>.Forbidden("You cannot see this assessment.");
        }
        var cycle = await db.AssessmentCycles.AsNoTracking().FirstAsync(c => c.Id == participant.CycleId, ct);
        if (!cycle.IsOpen) return Outcome<AssessmentView>.Conflict("The cycle is closed; assessments can no longer change.");
        var submitted = kind == AssessmentKind.Self ? participant.SelfSubmittedAt : participant.ManagerSubmittedAt;
        if (!revision && submitted is not null)
            return Outcome<AssessmentView>.Conflict("This assessment was locked when it was submitted. To change it, add a revision with a reason.");
        if (revision && submitted is null) return Outcome<AssessmentView>.Conflict("There is nothing to revise yet: submit the assessment first.");
        if (participant.Stage >= ParticipantStage.Discussed)
            return Outcome<AssessmentView>.Conflict("The assessments were already discussed; changes now go through calibration.");

        var errors = Validate(cycle, request, revision);
        if (errors.Any) return Outcome<AssessmentView>.Invalid(errors);
        var (byId, byName) = await CycleActor.OfAsync(db, user, actor, ct);
        var now = time.GetUtcNow();
        var next = await db.AssessmentEntries.Where(e => e.ParticipantId == id && e.Kind == kind).Select(e => (int?)e.Revision).MaxAsync(ct) ?? 0;
        var ratings = cycle.Characteristics.Select(c => request.Ratings!.First(r => r.CharacteristicId == c.Id))
            .Select(r => new CharacteristicRating(r.CharacteristicId!, r.Step!.Value, r.Evidence!.Trim())).ToList();
        db.AssessmentEntries.Add(new AssessmentEntry
        {
            Id = Guid.NewGuid(), ParticipantId = id, Kind = kind, Revision = next + 1, Ratings = ratings, OverallStep = request.OverallStep!.Value,
            Reason = revision ? request.Reason!.Trim() : null, SubmittedByPersonId = byId, SubmittedBy = byName, SubmittedAt = now,
        });
        if (kind == AssessmentKind.Self)
        {
            participant.SelfLevel = request.OverallStep;
            participant.SelfSubmittedAt ??= now;
        }
        else
        {
            participant.ManagerLevel = participant.ProposedLevel = request.OverallStep;
            participant.ManagerSubmittedAt ??= now;
        }
        participant.AfterSubmission();
        await db.SaveChangesAsync(ct);
        return await ViewAsync(user, cycle, participant, ct);
    }

    /// <summary>Records the outcome of the conversation once both assessments are in; the agreed step becomes the proposal.</summary>
    public async Task<Outcome<AssessmentView>> DiscussAsync(ClaimsPrincipal user, Guid id, DiscussionRequest request, CancellationToken ct)
    {
        var participant = await db.CycleParticipants.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (participant is null) return Outcome<AssessmentView>.NotFound("No such assessment.");
        var me = CycleAccess.PersonOf(user);
        if (!CycleAccess.IsHr(user) && (me is null || me != participant.ManagerId))
            return Outcome<AssessmentView>.Forbidden("The manager (or HR) records the outcome of the discussion.");
        var cycle = await db.AssessmentCycles.AsNoTracking().FirstAsync(c => c.Id == participant.CycleId, ct);
        if (!cycle.IsOpen) return Outcome<AssessmentView>.Conflict("The cycle is closed.");
        if (participant.Stage < ParticipantStage.ManagerSubmitted)
            return Outcome<AssessmentView>.Conflict("Both the self-assessment and the manager assessment must be submitted before the discussion.");
        if (participant.Stage > ParticipantStage.ManagerSubmitted)
            return Outcome<AssessmentView>.Conflict("The discussion is already recorded; changes now go through calibration.");
        var errors = new FieldErrors().Require("note", request.Note, MaxNote);
        if (request.AgreedStep is not { } agreed || !cycle.IsStepInFramework(agreed))
            errors.Add("agreedStep", $"'agreedStep' must be a step of the framework (1 to {cycle.StepCount}).");
        if (errors.Any) return Outcome<AssessmentView>.Invalid(errors);

        var (byId, byName) = await CycleActor.OfAsync(db, user, actor, ct);
        var now = time.GetUtcNow();
        db.CycleAdjustments.Add(new CycleAdjustment
        {
            Id = Guid.NewGuid(), CycleId = cycle.Id, ParticipantId = id, Stage = AdjustmentStage.Discussion, FromLevel = participant.ProposedLevel,
            ToLevel = request.AgreedStep!.Value, Reason = request.Note!.Trim(), ByPersonId = byId, By = byName, At = now,
        });
        participant.AgreedLevel = participant.ProposedLevel = request.AgreedStep;
        participant.DiscussionNote = request.Note.Trim();
        participant.DiscussedAt = now;
        participant.Stage = ParticipantStage.Discussed;
        await db.SaveChangesAsync(ct);
        return await ViewAsync(user, cycle, participant, ct);
    }

    private static FieldErrors Validate(AssessmentCycle cycle, AssessmentRequest request, bool revision)
    {
        var errors = new FieldErrors();
        if (revision) errors.Require("reason", request.Reason, MaxReason);
        if (request.OverallStep is not { } overall || !cycle.IsStepInFramework(overall))
            errors.Add("overallStep", $"'overallStep' must be a step of the framework (1 to {cycle.StepCount}).");
        var ratings = request.Ratings ?? [];
        var known = cycle.Characteristics.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < ratings.Count; i++)
        {
            var r = ratings[i];
            if (r.CharacteristicId is null || !known.Contains(r.CharacteristicId))
                errors.Add($"ratings[{i}].characteristicId", $"'{r.CharacteristicId}' is not a characteristic of framework {cycle.FrameworkVersion}.");
            else if (ratings.Take(i).Any(o => o.CharacteristicId == r.CharacteristicId))
                errors.Add($"ratings[{i}].characteristicId", $"'{r.CharacteristicId}' is rated twice.");
            if (r.Step is not { } step || !cycle.IsStepInFramework(step))
                errors.Add($"ratings[{i}].step", $"The step must be a step of the framework (1 to {cycle.StepCount}).");
            errors.Require($"ratings[{i}].evidence", r.Evidence, MaxEvidence);
        }
        var missing = cycle.Characteristics.Where(c => ratings.All(r => r.CharacteristicId != c.Id)).Select(c => c.Name).ToList();
        if (missing.Count > 0) errors.Add("ratings", $"Rate every characteristic; missing: {string.Join(", ", missing)}.");
        return errors;
    }

    private async Task<AssessmentView> ViewAsync(ClaimsPrincipal user, AssessmentCycle cycle, CycleParticipant p, CancellationToken ct)
    {
        var me = CycleAccess.PersonOf(user);
        var isPerson = me == p.PersonId;
        var isManager = me is not null && me == p.ManagerId;
        var hr = CycleAccess.IsHr(user);
        // Anchoring: the person and the manager see the other side only after submitting their own; anyone else once both are in.
        var selfVisible = isPerson || (isManager ? p.ManagerSubmittedAt is not null : hr || p.ManagerSubmittedAt is not null);
        var managerVisible = isManager || (isPerson ? p.SelfSubmittedAt is not null : hr || p.SelfSubmittedAt is not null);
        var entries = await db.AssessmentEntries.AsNoTracking().Where(e => e.ParticipantId == p.Id).ToListAsync(ct);
        List<EntryView> Of(AssessmentKind kind, bool visible) => visible
            ? [.. entries.Where(e => e.Kind == kind).OrderBy(e => e.Revision).Select(e => new EntryView(e.Revision, e.Ratings, e.OverallStep, e.Reason, e.SubmittedBy, e.SubmittedAt))]
            : [];
        var self = Of(AssessmentKind.Self, selfVisible);
        var manager = Of(AssessmentKind.Manager, managerVisible);
        var comparison = cycle.Characteristics.Select(c =>
        {
            var s = self.LastOrDefault()?.Ratings.FirstOrDefault(r => r.CharacteristicId == c.Id);
            var m = manager.LastOrDefault()?.Ratings.FirstOrDefault(r => r.CharacteristicId == c.Id);
            return new ComparisonRow(c.Id, c.Name, s?.Step, s?.Evidence, m?.Step, m?.Evidence);
        }).ToList();
        var names = await ProposalRows.NamesAsync(db, p.ManagerId is { } mid ? [p.PersonId, mid] : [p.PersonId], ct);
        var adjustments = await ProposalRows.AdjustmentsAsync(db, db.CycleAdjustments.Where(a => a.ParticipantId == p.Id), ct);
        var open = cycle.IsOpen && p.Stage < ParticipantStage.Discussed;
        var can = new AssessmentPermissions(
            SubmitSelf: open && isPerson && p.SelfSubmittedAt is null, ReviseSelf: open && isPerson && p.SelfSubmittedAt is not null,
            SubmitManager: open && isManager && p.ManagerSubmittedAt is null, ReviseManager: open && isManager && p.ManagerSubmittedAt is not null,
            Discuss: cycle.IsOpen && (isManager || hr) && p.Stage == ParticipantStage.ManagerSubmitted,
            Calibrate: cycle.IsOpen && p.Stage is ParticipantStage.Discussed or ParticipantStage.Calibrated && await access.CanCalibrateAsync(user, p.TribeId, ct));
        var due = cycle.DeadlineFor(p);
        return new AssessmentView(p.Id, cycle.Id, cycle.Name, cycle.State, p.PersonId, names.GetValueOrDefault(p.PersonId, "?"), p.ManagerId,
            p.ManagerId is { } m2 ? names.GetValueOrDefault(m2) : null, p.Discipline, p.CurrentLevel, p.Stage, cycle.StepCount, cycle.Characteristics,
            self, manager, !selfVisible, !managerVisible, comparison, p.AgreedLevel, p.DiscussionNote, p.ProposedLevel, p.NeedsLeadershipReview(cycle),
            due, due is { } d && d < Today, adjustments, can);
    }
}
