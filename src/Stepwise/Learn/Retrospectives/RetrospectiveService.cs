using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Data;
using Stepwise.Learn.Feed;
using Stepwise.Learn.Model;
using Stepwise.Learn.Search;

namespace Stepwise.Learn.Retrospectives;

/// <summary>Creating, editing and closing retrospectives. Anyone may start one for a unit they belong to; its unit facilitates it.</summary>
public sealed class RetrospectiveService(StepwiseDb db, LearnViewers viewers, RetrospectiveReader reader, FeedPublisher feed, TimeProvider time)
{
    public async Task<Outcome<RetrospectiveDetails>> CreateAsync(ClaimsPrincipal user, RetrospectiveRequest request, CancellationToken ct)
    {
        var viewer = await viewers.ForAsync(user, ct);
        var errors = new FieldErrors();
        var fields = await ReadAsync(request, errors, ct);
        if (request.OwnerUnitId is not { } unitId) errors.Add("ownerUnitId", "'ownerUnitId' is required: the squad, tribe or company that owns the retrospective.");
        else if (!await db.Units.AnyAsync(u => u.Id == unitId, ct)) errors.Add("ownerUnitId", $"No unit {unitId}.");
        if (errors.Any) return Outcome<RetrospectiveDetails>.Invalid(errors);
        if (!viewer.CanFacilitate(request.OwnerUnitId!.Value))
            return Outcome<RetrospectiveDetails>.Forbidden("Only members of the owning unit, its leads and administrators start its retrospectives.");

        var now = time.GetUtcNow();
        var retro = new Retrospective
        {
            Id = Guid.CreateVersion7(now), Title = fields.Title, OwnerUnitId = request.OwnerUnitId.Value, Status = RetroStatus.Open,
            FacilitatorUserId = viewer.UserId, CreatedAt = now, HeldOn = request.HeldOn ?? DateOnly.FromDateTime(now.UtcDateTime),
        };
        fields.ApplyTo(retro);
        db.Retrospectives.Add(retro);
        await SearchIndexer.StageAsync(db, retro, ct);
        await db.SaveChangesAsync(ct);
        return (await reader.DetailsAsync(viewer, retro.Id, ct))!;
    }

    /// <summary>Replaces the editable fields of an open retrospective. The owning unit does not change.</summary>
    public async Task<Outcome<RetrospectiveDetails>> UpdateAsync(ClaimsPrincipal user, Guid id, RetrospectiveRequest request, CancellationToken ct)
    {
        var viewer = await viewers.ForAsync(user, ct);
        var (retro, failure) = await EditableAsync<RetrospectiveDetails>(viewer, id, ct);
        if (failure is not null) return failure;
        var errors = new FieldErrors();
        var fields = await ReadAsync(request, errors, ct);
        if (request.OwnerUnitId is { } unit && unit != retro!.OwnerUnitId) errors.Add("ownerUnitId", "The owning unit of a retrospective cannot change.");
        if (errors.Any) return Outcome<RetrospectiveDetails>.Invalid(errors);
        retro!.Title = fields.Title;
        if (request.HeldOn is { } heldOn) retro.HeldOn = heldOn;
        fields.ApplyTo(retro);
        await SearchIndexer.StageAsync(db, retro, ct);
        await db.SaveChangesAsync(ct);
        return (await reader.DetailsAsync(viewer, id, ct))!;
    }

    /// <summary>Closes the session: its content is frozen and its lessons go to the company feed (unless it is private).</summary>
    public async Task<Outcome<RetrospectiveDetails>> CloseAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var viewer = await viewers.ForAsync(user, ct);
        var (retro, failure) = await EditableAsync<RetrospectiveDetails>(viewer, id, ct);
        if (failure is not null) return failure;
        retro!.Status = RetroStatus.Closed;
        retro.ClosedAt = time.GetUtcNow();
        if (!retro.IsPrivate)
        {
            var lessons = await db.Lessons.AsNoTracking().Where(l => l.RetrospectiveId == id).OrderBy(l => l.CreatedAt).ToListAsync(ct);
            var unit = await db.Units.AsNoTracking().Where(u => u.Id == retro.OwnerUnitId).Select(u => u.Name).FirstAsync(ct);
            await feed.StageLessonsAsync(retro, unit, lessons, ct);
        }
        await db.SaveChangesAsync(ct);
        return (await reader.DetailsAsync(viewer, id, ct))!;
    }

    /// <summary>Loads a retrospective for a change: 404 when missing or invisible, 403 for non-facilitators, 409 once closed.</summary>
    internal async Task<(Retrospective?, Outcome<T>?)> EditableAsync<T>(LearnViewer viewer, Guid id, CancellationToken ct, bool facilitate = true)
    {
        var retro = await db.Retrospectives.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (retro is null || !viewer.CanSee(retro.OwnerUnitId, retro.IsPrivate)) return (null, Outcome<T>.NotFound($"No retrospective {id}."));
        if (facilitate && !viewer.CanFacilitate(retro.OwnerUnitId))
            return (null, Outcome<T>.Forbidden("Only the owning unit's members, its leads and administrators facilitate this retrospective."));
        if (retro.IsClosed) return (null, Outcome<T>.Conflict("The retrospective is closed; its content no longer changes (action items can still be closed)."));
        return (retro, null);
    }

    private async Task<RetroFields> ReadAsync(RetrospectiveRequest request, FieldErrors errors, CancellationToken ct)
    {
        errors.Require("title", request.Title, LearnValidation.TitleMax).Limit("summary", request.Summary, LearnValidation.SummaryMax)
            .Limit("subjectRef", request.SubjectRef, LearnValidation.SubjectRefMax);
        var kind = errors.Parse<SubjectKind>("subjectKind", request.SubjectKind);
        var outcome = errors.Parse<RetroOutcome>("outcome", request.Outcome);
        var tags = errors.Tags(request.Tags);
        var decisions = errors.Decisions(request.Decisions);
        var subjectRef = LearnValidation.Blank(request.SubjectRef);
        // Experiments and rollouts exist: a reference to one must name a real one.
        if (subjectRef is not null && kind == SubjectKind.Experiment && !await db.Experiments.AnyAsync(e => e.Key == subjectRef, ct))
            errors.Add("subjectRef", $"No experiment '{subjectRef}'.");
        if (subjectRef is not null && kind == SubjectKind.Rollout
            && !(Guid.TryParse(subjectRef, out var rollout) && await db.RolloutPlans.AnyAsync(p => p.Id == rollout, ct)))
            errors.Add("subjectRef", $"No rollout '{subjectRef}'.");
        return new RetroFields((request.Title ?? "").Trim(), kind ?? default, subjectRef, outcome ?? default, LearnValidation.Blank(request.Summary),
            tags, request.IsPrivate ?? false, decisions);
    }

    private sealed record RetroFields(string Title, SubjectKind Kind, string? SubjectRef, RetroOutcome Outcome, string? Summary,
        List<string> Tags, bool IsPrivate, List<CriticalDecision> Decisions)
    {
        public void ApplyTo(Retrospective retro)
        {
            retro.Title = Title;
            retro.SubjectKind = Kind;
            retro.SubjectRef = SubjectRef;
            retro.Outcome = Outcome;
            retro.Summary = Summary;
            retro.Tags = Tags;
            retro.IsPrivate = IsPrivate;
            retro.Decisions = Decisions;
        }
    }
}
