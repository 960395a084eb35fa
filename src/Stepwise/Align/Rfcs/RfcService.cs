using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stepwise.Data;
using Stepwise.Governance;
using Stepwise.Governance.Model;

namespace Stepwise.Align.Rfcs;

/// <summary>
/// Writing and deciding RFCs. The rules (approvals needed, comment periods, whether text changes void approvals) come from
/// <see cref="RfcRules"/>; authors never approve their own RFC, and a blocking concern is lifted only by whoever raised it.
/// </summary>
public sealed class RfcService(StepwiseDb db, AlignPermissions permissions, ReviewRounds reviewRounds, IOptions<AlignOptions> options, TimeProvider time)
{
    public const string DocumentKind = "rfc";
    public const int MaxTitle = 200;
    public const int MaxMarkdown = 100_000;
    public const int MaxNote = 2000;
    public const int MaxTags = 10;

    private RfcRules Rules => options.Value.Rfc;

    public async Task<Outcome<int>> CreateAsync(ClaimsPrincipal user, CreateRfcRequest request, CancellationToken ct)
    {
        if (GovernanceActor.From(user) is not { } actor) return Outcome<int>.Forbidden("Sign in first.");
        var errors = new FieldErrors().Require("title", request.Title, MaxTitle).Require("markdown", request.Markdown, MaxMarkdown);
        var tags = Tags(request.Tags, errors);
        if (!await db.Units.AnyAsync(u => u.Id == request.UnitId, ct)) errors.Add("unitId", "There is no such unit.");
        if (request.PromptedByLessonId is { } lesson && !await db.Lessons.AnyAsync(l => l.Id == lesson, ct))
            errors.Add("promptedByLessonId", "There is no such lesson.");
        if (errors.Any) return Outcome<int>.Invalid(errors);

        var now = time.GetUtcNow();
        var number = (await db.Rfcs.MaxAsync(r => (int?)r.Number, ct) ?? 0) + 1;
        var markdown = RfcMarkdown.Normalize(request.Markdown).Trim() + "\n";
        var document = new GovernedDocument
        {
            Id = Guid.CreateVersion7(now), Kind = DocumentKind, Key = $"rfc-{number:0000}", Title = request.Title.Trim(),
            RequiredApprovals = Rules.RequiredApprovals, EditorPersonIds = actor.PersonId is { } p ? [p] : [], CreatedAt = now,
        };
        db.GovernedDocuments.Add(document);
        db.DocumentVersions.Add(new DocumentVersion
        {
            Id = Guid.CreateVersion7(now), DocumentId = document.Id, State = VersionState.Draft, Sections = [.. RfcMarkdown.Sections(markdown)],
            CreatedAt = now, CreatedBy = actor.Name,
        });
        var rfc = new Rfc
        {
            Id = Guid.CreateVersion7(now), Number = number, DocumentId = document.Id, Title = request.Title.Trim(), UnitId = request.UnitId,
            AuthorUserId = actor.UserId, AuthorPersonId = actor.PersonId, AuthorName = actor.Name, State = RfcState.Draft,
            PromptedByLessonId = request.PromptedByLessonId, Tags = tags, CreatedAt = now, UpdatedAt = now,
        };
        db.Rfcs.Add(rfc);
        db.RfcRevisions.Add(new RfcRevision { Id = Guid.CreateVersion7(now), RfcId = rfc.Id, Revision = 1, Markdown = markdown, By = actor.Name, At = now, Note = "First draft." });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two proposals numbered at the same moment: the unique number refuses the second.
            if (await db.Rfcs.AsNoTracking().AnyAsync(r => r.Number == number && r.Id != rfc.Id, ct))
                return Outcome<int>.Conflict("Another RFC took the same number at the same moment; submit again.");
            throw;
        }
        return number;
    }

    /// <summary>The author replaces the text. It is a new revision: with the default rules, earlier approvals stop counting.</summary>
    public async Task<Outcome<int>> EditAsync(ClaimsPrincipal user, int number, EditRfcRequest request, CancellationToken ct)
    {
        var (rfc, actor, failure) = await LoadAsync(user, number, ct);
        if (failure is not null) return failure.As<int>();
        if (!IsAuthor(actor!, rfc!)) return Outcome<int>.Forbidden("Only the author changes the text; others suggest changes or comment.");
        if (rfc!.State is not (RfcState.Draft or RfcState.Discussion))
            return Outcome<int>.Conflict($"The text is frozen in {Describe(rfc.State)}. Reopen the discussion to change it.");
        var errors = new FieldErrors().Require("markdown", request.Markdown, MaxMarkdown).Limit("note", request.Note, MaxNote);
        if (errors.Any) return Outcome<int>.Invalid(errors);
        if (request.ExpectedRevision != rfc.Revision)
            return Outcome<int>.Conflict($"The text changed since you loaded it (revision {request.ExpectedRevision}, now {rfc.Revision}). Reload and edit again.");
        var markdown = RfcMarkdown.Normalize(request.Markdown).Trim() + "\n";
        var draft = await db.DocumentVersions.FirstAsync(v => v.DocumentId == rfc.DocumentId && v.State == VersionState.Draft, ct);
        if (RfcMarkdown.Join(draft.Sections) == RfcMarkdown.Join(RfcMarkdown.Sections(markdown)))
            return Outcome<int>.Invalid("markdown", "The text is the same as the current revision.");

        var now = time.GetUtcNow();
        draft.Sections = [.. RfcMarkdown.Sections(markdown)];
        rfc.Revision++;
        rfc.UpdatedAt = now;
        db.RfcRevisions.Add(new RfcRevision
        {
            Id = Guid.CreateVersion7(now), RfcId = rfc.Id, Revision = rfc.Revision, Markdown = markdown, By = actor!.Name, At = now,
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
        });
        await db.SaveChangesAsync(ct);
        return rfc.Revision;
    }

    public async Task<Outcome<RfcState>> TransitionAsync(ClaimsPrincipal user, int number, RfcTransitionRequest request, CancellationToken ct)
    {
        var (rfc, actor, failure) = await LoadAsync(user, number, ct);
        if (failure is not null) return failure.As<RfcState>();
        var errors = new FieldErrors().Limit("note", request.Note, MaxNote);
        if (errors.Any) return Outcome<RfcState>.Invalid(errors);
        if (rfc!.IsFinal) return Outcome<RfcState>.Conflict($"{rfc.Key} is {Describe(rfc.State)}; that is final.");
        var author = IsAuthor(actor!, rfc);
        var now = time.GetUtcNow();
        switch (request.Action)
        {
            case RfcAction.Discuss:
                if (!author) return Outcome<RfcState>.Forbidden("The author opens each discussion circle.");
                if (rfc.State is not (RfcState.Draft or RfcState.Discussion)) return Outcome<RfcState>.Conflict($"{rfc.Key} is in {Describe(rfc.State)}.");
                if (request.Circle is not { } circle || !Enum.IsDefined(circle))
                    return Outcome<RfcState>.Invalid("circle", "Say who is asked: workingGroup, managers or organization.");
                if (rfc.Circle is { } current && circle <= current)
                    return Outcome<RfcState>.Invalid("circle", $"Circles widen: {ReviewRounds.Describe(current)} were already asked.");
                await OpenRoundAsync(rfc, circle, actor!, now, ct);
                rfc.Circle = circle;
                rfc.State = RfcState.Discussion;
                break;
            case RfcAction.FinalComment:
                if (!author) return Outcome<RfcState>.Forbidden("The author starts the final comment period.");
                if (rfc.State != RfcState.Discussion) return Outcome<RfcState>.Conflict("The final comment period follows a discussion.");
                if (await BlockersAsync(rfc, ct) is { Count: > 0 } blockers) return Outcome<RfcState>.Conflict(string.Join(" ", blockers));
                rfc.State = RfcState.FinalComment;
                rfc.FinalCommentEndsAt = now + Rules.FinalCommentPeriod;
                break;
            case RfcAction.Accept:
                if (!author && !await CanSteerAsync(user, rfc, ct)) return Outcome<RfcState>.Forbidden("The author or the owning unit's leads accept an RFC.");
                if (rfc.State != RfcState.FinalComment) return Outcome<RfcState>.Conflict("An RFC is accepted at the end of its final comment period.");
                if (now < rfc.FinalCommentEndsAt)
                    return Outcome<RfcState>.Conflict($"The final comment period runs until {rfc.FinalCommentEndsAt:yyyy-MM-dd HH:mm} UTC.");
                if (await BlockersAsync(rfc, ct) is { Count: > 0 } open) return Outcome<RfcState>.Conflict(string.Join(" ", open));
                await PublishAsync(rfc, actor!, now, ct);
                Decide(rfc, RfcState.Accepted, actor!, request.Note, now);
                break;
            case RfcAction.Reject:
                if (!await CanSteerAsync(user, rfc, ct)) return Outcome<RfcState>.Forbidden("The owning unit's leads (or administrators and leadership) reject an RFC.");
                if (string.IsNullOrWhiteSpace(request.Note)) return Outcome<RfcState>.Invalid("note", "Say why it is rejected; the author and readers deserve the reason.");
                Decide(rfc, RfcState.Rejected, actor!, request.Note, now);
                break;
            case RfcAction.Withdraw:
                if (!author) return Outcome<RfcState>.Forbidden("Only the author withdraws an RFC.");
                Decide(rfc, RfcState.Withdrawn, actor!, request.Note, now);
                break;
            case RfcAction.Reopen:
                if (!author) return Outcome<RfcState>.Forbidden("The author reopens the discussion.");
                if (rfc.State != RfcState.FinalComment) return Outcome<RfcState>.Conflict("Only an RFC in its final comment period goes back to discussion.");
                rfc.State = RfcState.Discussion;
                rfc.FinalCommentEndsAt = null;
                break;
            default:
                return Outcome<RfcState>.Invalid("action", "Unknown action.");
        }
        rfc.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return rfc.State;
    }

    public async Task<Outcome<int>> ApproveAsync(ClaimsPrincipal user, int number, CancellationToken ct)
    {
        var (rfc, actor, failure) = await LoadAsync(user, number, ct);
        if (failure is not null) return failure.As<int>();
        if (IsAuthor(actor!, rfc!)) return Outcome<int>.Forbidden("Authors do not approve their own RFC; approvals come from other people.");
        if (rfc!.State is not (RfcState.Discussion or RfcState.FinalComment))
            return Outcome<int>.Conflict($"Approvals are given during discussion; {rfc.Key} is in {Describe(rfc.State)}.");
        if (await db.RfcApprovals.AnyAsync(a => a.RfcId == rfc.Id && a.UserId == actor!.UserId && a.Revision == rfc.Revision, ct))
            return Outcome<int>.Conflict($"You already approved revision {rfc.Revision}.");
        db.RfcApprovals.Add(new RfcApproval
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()), RfcId = rfc.Id, UserId = actor!.UserId, PersonId = actor.PersonId, Name = actor.Name,
            Revision = rfc.Revision, At = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        return await CountingApprovalsAsync(rfc, ct);
    }

    public async Task<Outcome<Guid>> RaiseConcernAsync(ClaimsPrincipal user, int number, RaiseConcernRequest request, CancellationToken ct)
    {
        var (rfc, actor, failure) = await LoadAsync(user, number, ct);
        if (failure is not null) return failure.As<Guid>();
        if (rfc!.IsFinal) return Outcome<Guid>.Conflict($"{rfc.Key} is {Describe(rfc.State)}; concerns are closed.");
        var errors = new FieldErrors().Require("text", request.Text, MaxNote);
        if (errors.Any) return Outcome<Guid>.Invalid(errors);
        var concern = new RfcConcern
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()), RfcId = rfc.Id, RaisedByUserId = actor!.UserId, RaisedBy = actor.Name, Text = request.Text.Trim(),
            Blocking = request.Blocking, RaisedAt = time.GetUtcNow(),
        };
        db.RfcConcerns.Add(concern);
        await db.SaveChangesAsync(ct);
        return concern.Id;
    }

    /// <summary>Only the person who raised a concern lifts it: nobody, administrators included, can talk it away on their behalf.</summary>
    public async Task<Outcome<Guid>> LiftConcernAsync(ClaimsPrincipal user, int number, Guid concernId, LiftConcernRequest request, CancellationToken ct)
    {
        var (rfc, actor, failure) = await LoadAsync(user, number, ct);
        if (failure is not null) return failure.As<Guid>();
        var concern = await db.RfcConcerns.FirstOrDefaultAsync(c => c.Id == concernId && c.RfcId == rfc!.Id, ct);
        if (concern is null) return Outcome<Guid>.NotFound($"{rfc!.Key} has no concern {concernId}.");
        if (concern.RaisedByUserId != actor!.UserId) return Outcome<Guid>.Forbidden($"Only {concern.RaisedBy}, who raised this concern, can lift it.");
        if (concern.LiftedAt is not null) return Outcome<Guid>.Conflict("This concern was already lifted.");
        var errors = new FieldErrors().Limit("note", request.Note, MaxNote);
        if (errors.Any) return Outcome<Guid>.Invalid(errors);
        concern.LiftedAt = time.GetUtcNow();
        concern.LiftNote = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        await db.SaveChangesAsync(ct);
        return concern.Id;
    }

    /// <summary>A comment on a section, in the discussion round open now (its circle decides who may comment).</summary>
    public async Task<Outcome<CommentView>> CommentAsync(ClaimsPrincipal user, int number, RfcCommentRequest request, CancellationToken ct)
    {
        var (rfc, _, failure) = await LoadAsync(user, number, ct);
        if (failure is not null) return failure.As<CommentView>();
        var now = time.GetUtcNow();
        var draft = await db.DocumentVersions.AsNoTracking().FirstOrDefaultAsync(v => v.DocumentId == rfc!.DocumentId && v.State == VersionState.Draft, ct);
        var round = draft is null ? null : await db.ReviewRounds.AsNoTracking()
            .Where(r => r.VersionId == draft.Id && r.OpensAt <= now && r.ClosesAt > now).OrderByDescending(r => r.Number).FirstOrDefaultAsync(ct);
        if (round is null) return Outcome<CommentView>.Conflict($"{rfc!.Key} has no discussion open for comments right now.");
        return await reviewRounds.CommentAsync(user, round.Id, new CommentRequest(request.SectionId ?? RfcMarkdown.SummaryId, request.Text, request.ParentId), ct);
    }

    /// <summary>Why the RFC cannot enter (or leave) its final comment period now; empty when it can.</summary>
    public async Task<IReadOnlyList<string>> BlockersAsync(Rfc rfc, CancellationToken ct)
    {
        var blockers = new List<string>();
        var approvals = await CountingApprovalsAsync(rfc, ct);
        if (approvals < Rules.RequiredApprovals)
            blockers.Add($"It has {approvals} of the {Rules.RequiredApprovals} approvals it needs{(Rules.ResetApprovalsOnTextChange ? $" on revision {rfc.Revision}" : "")}.");
        var blocking = await db.RfcConcerns.CountAsync(c => c.RfcId == rfc.Id && c.Blocking && c.LiftedAt == null, ct);
        if (blocking > 0) blockers.Add($"{blocking} blocking concern(s) are open; only the people who raised them can lift them.");
        return blockers;
    }

    public Task<int> CountingApprovalsAsync(Rfc rfc, CancellationToken ct) =>
        db.RfcApprovals.Where(a => a.RfcId == rfc.Id && (!Rules.ResetApprovalsOnTextChange || a.Revision == rfc.Revision))
            .Select(a => a.UserId).Distinct().CountAsync(ct);

    public static bool IsAuthor(GovernanceActor actor, Rfc rfc) => actor.IsSamePersonAs(rfc.AuthorUserId, rfc.AuthorPersonId);

    public async Task<bool> CanSteerAsync(ClaimsPrincipal user, Rfc rfc, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == rfc.UnitId, ct);
        return unit is not null && await permissions.CanSteerAsync(user, unit, ct);
    }

    public static string Describe(RfcState state) => state switch
    {
        RfcState.Draft => "draft",
        RfcState.Discussion => "discussion",
        RfcState.FinalComment => "its final comment period",
        RfcState.Accepted => "accepted",
        RfcState.Rejected => "rejected",
        _ => "withdrawn",
    };

    private async Task OpenRoundAsync(Rfc rfc, ReviewAudience circle, GovernanceActor actor, DateTimeOffset now, CancellationToken ct)
    {
        var draft = await db.DocumentVersions.AsNoTracking().FirstAsync(v => v.DocumentId == rfc.DocumentId && v.State == VersionState.Draft, ct);
        var rounds = await db.ReviewRounds.Where(r => r.VersionId == draft.Id).ToListAsync(ct);
        // A wider circle replaces the narrower one: its round ends as the new one opens, its comments kept.
        foreach (var open in rounds.Where(r => r.ClosesAt > now)) open.ClosesAt = now;
        db.ReviewRounds.Add(new ReviewRound
        {
            Id = Guid.CreateVersion7(now), VersionId = draft.Id, Number = rounds.Count + 1, Audience = circle,
            Purpose = $"Discussion of {rfc.Key} with {ReviewRounds.Describe(circle)}", OpensAt = now, ClosesAt = now + Rules.DiscussionRound,
            CreatedAt = now, CreatedBy = actor.Name,
        });
    }

    /// <summary>Acceptance freezes the text as version 1.0.0 of the governed document.</summary>
    private async Task PublishAsync(Rfc rfc, GovernanceActor actor, DateTimeOffset now, CancellationToken ct)
    {
        var draft = await db.DocumentVersions.FirstAsync(v => v.DocumentId == rfc.DocumentId && v.State == VersionState.Draft, ct);
        draft.State = VersionState.Published;
        (draft.Major, draft.Minor, draft.Patch, draft.Bump) = (1, 0, 0, VersionBump.Major);
        (draft.PublishedAt, draft.PublishedBy, draft.ReleaseNotes) = (now, actor.Name, $"{rfc.Key} accepted at revision {rfc.Revision}.");
        foreach (var round in await db.ReviewRounds.Where(r => r.VersionId == draft.Id && r.ClosesAt > now).ToListAsync(ct)) round.ClosesAt = now;
    }

    private static void Decide(Rfc rfc, RfcState state, GovernanceActor actor, string? note, DateTimeOffset now)
    {
        rfc.State = state;
        rfc.DecidedAt = now;
        rfc.DecidedBy = actor.Name;
        rfc.DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    private async Task<(Rfc?, GovernanceActor?, Outcome<Rfc>?)> LoadAsync(ClaimsPrincipal user, int number, CancellationToken ct)
    {
        if (GovernanceActor.From(user) is not { } actor) return (null, null, Outcome<Rfc>.Forbidden("Sign in first."));
        var rfc = await db.Rfcs.FirstOrDefaultAsync(r => r.Number == number, ct);
        return rfc is null ? (null, null, Outcome<Rfc>.NotFound($"There is no RFC-{number:0000}.")) : (rfc, actor, null);
    }

    private static List<string> Tags(List<string>? tags, FieldErrors errors)
    {
        var clean = (tags ?? []).Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList();
        if (clean.Count > MaxTags) errors.Add("tags", $"At most {MaxTags} tags.");
        if (clean.Any(t => t.Length > 40)) errors.Add("tags", "Each tag at most 40 characters.");
        return clean;
    }
}
