using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Data;
using Stepwise.Learn.Model;
using Stepwise.Learn.Search;

namespace Stepwise.Learn.Retrospectives;

/// <summary>
/// The live session: everyone who can see an open retrospective adds notes (named or anonymous) and votes; the owning
/// unit groups the notes and turns the discussion into lessons and action items.
/// </summary>
public sealed class FacilitationService(StepwiseDb db, LearnViewers viewers, RetrospectiveService retros, TimeProvider time)
{
    public async Task<Outcome<ContributionView>> ContributeAsync(ClaimsPrincipal user, Guid id, ContributionRequest request, CancellationToken ct)
    {
        var viewer = await viewers.ForAsync(user, ct);
        var errors = new FieldErrors().Require("text", request.Text, LearnValidation.NoteMax);
        var kind = errors.Parse<ContributionKind>("kind", request.Kind);
        var (retro, failure) = await retros.EditableAsync<ContributionView>(viewer, id, ct, facilitate: false);
        if (failure is not null) return failure;
        if (errors.Any) return Outcome<ContributionView>.Invalid(errors);
        var anonymous = request.Anonymous ?? false;
        var note = new RetroContribution
        {
            // A random id (not time-ordered) so the order of ids says nothing about who wrote when.
            Id = Guid.NewGuid(), RetrospectiveId = retro!.Id, Kind = kind!.Value, Text = request.Text!.Trim(),
            AuthorUserId = anonymous ? null : viewer.UserId, AuthorName = anonymous ? null : viewer.Name,
        };
        db.RetroContributions.Add(note);
        await db.SaveChangesAsync(ct);
        return new ContributionView(note.Id, note.Kind, note.Text, null, note.AuthorName, 0, false);
    }

    public async Task<Outcome<ContributionView>> GroupAsync(ClaimsPrincipal user, Guid id, Guid noteId, GroupRequest request, CancellationToken ct)
    {
        var viewer = await viewers.ForAsync(user, ct);
        var (retro, failure) = await retros.EditableAsync<ContributionView>(viewer, id, ct);
        if (failure is not null) return failure;
        var errors = new FieldErrors().Limit("group", request.Group, LearnValidation.GroupMax);
        if (errors.Any) return Outcome<ContributionView>.Invalid(errors);
        var note = await db.RetroContributions.FirstOrDefaultAsync(n => n.Id == noteId && n.RetrospectiveId == retro!.Id, ct);
        if (note is null) return Outcome<ContributionView>.NotFound($"No note {noteId} in this retrospective.");
        note.Group = LearnValidation.Blank(request.Group);
        await db.SaveChangesAsync(ct);
        return await NoteViewAsync(viewer, note, ct);
    }

    /// <summary>One vote per person per note; a second vote is a conflict rather than a silent no-op, so a client can tell.</summary>
    public async Task<Outcome<ContributionView>> VoteAsync(ClaimsPrincipal user, Guid id, Guid noteId, CancellationToken ct)
    {
        var viewer = await viewers.ForAsync(user, ct);
        var (retro, failure) = await retros.EditableAsync<ContributionView>(viewer, id, ct, facilitate: false);
        if (failure is not null) return failure;
        var note = await db.RetroContributions.AsNoTracking().FirstOrDefaultAsync(n => n.Id == noteId && n.RetrospectiveId == retro!.Id, ct);
        if (note is null) return Outcome<ContributionView>.NotFound($"No note {noteId} in this retrospective.");
        if (await db.RetroVotes.AnyAsync(v => v.ContributionId == noteId && v.VoterUserId == viewer.UserId, ct))
            return Outcome<ContributionView>.Conflict("You already voted for this note.");
        db.RetroVotes.Add(new RetroVote { ContributionId = noteId, VoterUserId = viewer.UserId, RetrospectiveId = retro!.Id });
        await db.SaveChangesAsync(ct);
        return await NoteViewAsync(viewer, note, ct);
    }

    public async Task<Outcome<LessonView>> AddLessonAsync(ClaimsPrincipal user, Guid id, LessonRequest request, CancellationToken ct)
    {
        var viewer = await viewers.ForAsync(user, ct);
        var (retro, failure) = await retros.EditableAsync<LessonView>(viewer, id, ct);
        if (failure is not null) return failure;
        var errors = new FieldErrors().Require("text", request.Text, LearnValidation.LessonMax);
        var source = errors.Parse<LessonSource>("source", request.Source);
        if (errors.Any) return Outcome<LessonView>.Invalid(errors);
        var now = time.GetUtcNow();
        var lesson = new Lesson { Id = Guid.CreateVersion7(now), RetrospectiveId = retro!.Id, Source = source!.Value, Text = request.Text!.Trim(), CreatedAt = now };
        db.Lessons.Add(lesson);
        await SearchIndexer.StageAsync(db, retro, ct);
        await db.SaveChangesAsync(ct);
        return new LessonView(lesson.Id, lesson.RetrospectiveId, lesson.Source, lesson.Text, lesson.CreatedAt);
    }

    public async Task<Outcome<ActionView>> AddActionAsync(ClaimsPrincipal user, Guid id, ActionRequest request, CancellationToken ct)
    {
        var viewer = await viewers.ForAsync(user, ct);
        var (retro, failure) = await retros.EditableAsync<ActionView>(viewer, id, ct);
        if (failure is not null) return failure;
        var errors = new FieldErrors().Require("text", request.Text, LearnValidation.NoteMax).Require("owner", request.Owner, LearnValidation.OwnerMax);
        if (errors.Any) return Outcome<ActionView>.Invalid(errors);
        var now = time.GetUtcNow();
        var action = new ActionItem
        {
            Id = Guid.CreateVersion7(now), RetrospectiveId = retro!.Id, OwnerUnitId = retro.OwnerUnitId, Text = request.Text!.Trim(),
            Owner = request.Owner!.Trim(), DueOn = request.DueOn, Status = ActionStatus.Open, CreatedAt = now,
        };
        db.RetroActions.Add(action);
        await db.SaveChangesAsync(ct);
        return RetrospectiveReader.View(action, retro.Title);
    }

    /// <summary>Closes or reopens an action. Allowed after the retrospective closed: that is how carried-over actions get done.</summary>
    public async Task<Outcome<ActionView>> SetActionStatusAsync(ClaimsPrincipal user, Guid actionId, ActionStatusRequest request, CancellationToken ct)
    {
        var viewer = await viewers.ForAsync(user, ct);
        var errors = new FieldErrors();
        var status = errors.Parse<ActionStatus>("status", request.Status);
        var action = await db.RetroActions.FirstOrDefaultAsync(a => a.Id == actionId, ct);
        var retro = action is null ? null : await db.Retrospectives.AsNoTracking().FirstAsync(r => r.Id == action.RetrospectiveId, ct);
        if (action is null || retro is null || !viewer.CanSee(retro.OwnerUnitId, retro.IsPrivate)) return Outcome<ActionView>.NotFound($"No action item {actionId}.");
        if (!viewer.CanFacilitate(retro.OwnerUnitId)) return Outcome<ActionView>.Forbidden("Only the owning unit's members, its leads and administrators change its action items.");
        if (errors.Any) return Outcome<ActionView>.Invalid(errors);
        if (action.Status != status)
        {
            action.Status = status!.Value;
            action.ClosedAt = action.IsOpen ? null : time.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        return RetrospectiveReader.View(action, retro.Title);
    }

    private async Task<ContributionView> NoteViewAsync(LearnViewer viewer, RetroContribution note, CancellationToken ct)
    {
        var votes = await db.RetroVotes.Where(v => v.ContributionId == note.Id).Select(v => v.VoterUserId).ToListAsync(ct);
        return new ContributionView(note.Id, note.Kind, note.Text, note.Group, note.AuthorName, votes.Count, votes.Contains(viewer.UserId));
    }
}
