using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Data;
using Stepwise.Governance.Model;

namespace Stepwise.Governance;

/// <summary>
/// Review rounds on a draft: each asks a circle at least as wide as the one before for comments during a fixed
/// period. Comments are threads on one section and belong to their round; once the round closes, they are kept
/// as they were and no more can be added.
/// </summary>
public sealed class ReviewRounds(StepwiseDb db, GovernancePermissions permissions, TimeProvider time)
{
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(120);

    public async Task<Outcome<ReviewRoundView>> OpenAsync(ClaimsPrincipal user, Guid versionId, ReviewRoundRequest request, CancellationToken ct)
    {
        if (GovernanceActor.From(user) is not { } actor) return Outcome<ReviewRoundView>.Forbidden(GovernanceLimits.NotSignedIn);
        var version = await db.DocumentVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId, ct);
        if (version is null) return Outcome<ReviewRoundView>.NotFound("No such version.");
        var document = await db.GovernedDocuments.AsNoTracking().FirstAsync(d => d.Id == version.DocumentId, ct);
        if (!GovernancePermissions.IsEditor(actor, document)) return Outcome<ReviewRoundView>.Forbidden("Only the editing group, administrators and HR open review rounds.");
        if (version.IsPublished) return Outcome<ReviewRoundView>.Conflict($"Version {version.Label} is published; reviews happen on drafts.");

        var now = time.GetUtcNow();
        var opens = request.OpensAt ?? now;
        var errors = new FieldErrors().Limit("purpose", request.Purpose, 1000);
        if (request.Audience is null) errors.Add("audience", "'audience' is required: workingGroup, managers or organization.");
        if (request.ClosesAt is not { } closes) errors.Add("closesAt", "'closesAt' is required: when the comment period ends.");
        else if (closes <= opens) errors.Add("closesAt", "The comment period must close after it opens.");
        else if (closes - opens > MaxPeriod) errors.Add("closesAt", $"A comment period lasts at most {MaxPeriod.TotalDays} days.");
        else if (closes <= now) errors.Add("closesAt", "The comment period must close in the future.");
        var previous = await db.ReviewRounds.AsNoTracking().Where(r => r.VersionId == versionId).OrderByDescending(r => r.Number).FirstOrDefaultAsync(ct);
        if (previous is not null && request.Audience is { } audience && audience < previous.Audience)
            errors.Add("audience", $"Rounds widen: the previous round already asked {Describe(previous.Audience)}.");
        if (errors.Any) return Outcome<ReviewRoundView>.Invalid(errors);

        var round = new ReviewRound
        {
            Id = Guid.CreateVersion7(now), VersionId = versionId, Number = (previous?.Number ?? 0) + 1, Audience = request.Audience!.Value,
            Purpose = string.IsNullOrWhiteSpace(request.Purpose) ? null : request.Purpose.Trim(), OpensAt = opens, ClosesAt = request.ClosesAt!.Value,
            CreatedAt = now, CreatedBy = actor.Name,
        };
        db.ReviewRounds.Add(round);
        await db.SaveChangesAsync(ct);
        return View(round, [], now);
    }

    /// <summary>Ends a comment period early.</summary>
    public async Task<Outcome<ReviewRoundView>> CloseAsync(ClaimsPrincipal user, Guid roundId, CancellationToken ct)
    {
        if (GovernanceActor.From(user) is not { } actor) return Outcome<ReviewRoundView>.Forbidden(GovernanceLimits.NotSignedIn);
        var round = await db.ReviewRounds.FirstOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return Outcome<ReviewRoundView>.NotFound("No such review round.");
        var document = await DocumentOfAsync(round.VersionId, ct);
        if (!GovernancePermissions.IsEditor(actor, document)) return Outcome<ReviewRoundView>.Forbidden("Only the editing group, administrators and HR close review rounds.");
        var now = time.GetUtcNow();
        if (round.ClosesAt <= now) return Outcome<ReviewRoundView>.Conflict("This review round is already closed.");
        round.ClosesAt = now < round.OpensAt ? round.OpensAt : now;
        await db.SaveChangesAsync(ct);
        return View(round, await CommentsAsync(round.Id, ct), now);
    }

    public async Task<Outcome<CommentView>> CommentAsync(ClaimsPrincipal user, Guid roundId, CommentRequest request, CancellationToken ct)
    {
        if (GovernanceActor.From(user) is not { } actor) return Outcome<CommentView>.Forbidden(GovernanceLimits.NotSignedIn);
        var round = await db.ReviewRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return Outcome<CommentView>.NotFound("No such review round.");
        var document = await DocumentOfAsync(round.VersionId, ct);
        if (!await permissions.InAudienceAsync(actor, document, round.Audience, ct))
            return Outcome<CommentView>.Forbidden($"This round asks {Describe(round.Audience)} for comments.");
        var now = time.GetUtcNow();
        if (now < round.OpensAt) return Outcome<CommentView>.Conflict("This review round has not opened yet.");
        if (now >= round.ClosesAt) return Outcome<CommentView>.Conflict("This review round is closed; its comments are kept as they were.");

        var errors = new FieldErrors().Require("sectionId", request.SectionId, 200).Require("text", request.Text, GovernanceLimits.MaxComment);
        var version = await db.DocumentVersions.AsNoTracking().FirstAsync(v => v.Id == round.VersionId, ct);
        if (request.SectionId is not null && version.Section(request.SectionId) is null) errors.Add("sectionId", $"The draft has no section '{request.SectionId}'.");
        if (request.ParentId is { } parent &&
            !await db.ReviewComments.AnyAsync(c => c.Id == parent && c.RoundId == roundId && c.SectionId == request.SectionId, ct))
            errors.Add("parentId", "A reply answers a comment on the same section in the same round.");
        if (errors.Any) return Outcome<CommentView>.Invalid(errors);

        var comment = new ReviewComment
        {
            Id = Guid.CreateVersion7(now), RoundId = roundId, SectionId = request.SectionId!, ParentId = request.ParentId, AuthorUserId = actor.UserId,
            AuthorName = actor.Name, Text = request.Text!.Trim(), CreatedAt = now,
        };
        db.ReviewComments.Add(comment);
        await db.SaveChangesAsync(ct);
        return Comment(comment);
    }

    public static string Describe(ReviewAudience audience) => audience switch
    {
        ReviewAudience.WorkingGroup => "the working group",
        ReviewAudience.Managers => "managers",
        _ => "the whole organization",
    };

    internal static ReviewRoundView View(ReviewRound round, IReadOnlyList<CommentView> comments, DateTimeOffset now) =>
        new(round.Id, round.VersionId, round.Number, round.Audience, round.Purpose, round.OpensAt, round.ClosesAt, round.IsOpenAt(now), comments);

    internal static CommentView Comment(ReviewComment c) => new(c.Id, c.SectionId, c.ParentId, c.AuthorName, c.Text, c.CreatedAt);

    private async Task<List<CommentView>> CommentsAsync(Guid roundId, CancellationToken ct) =>
        [.. (await db.ReviewComments.AsNoTracking().Where(c => c.RoundId == roundId).ToListAsync(ct)).OrderBy(c => c.CreatedAt).Select(Comment)];

    private Task<GovernedDocument> DocumentOfAsync(Guid versionId, CancellationToken ct) =>
        db.DocumentVersions.AsNoTracking().Where(v => v.Id == versionId).Join(db.GovernedDocuments, v => v.DocumentId, d => d.Id, (_, d) => d).FirstAsync(ct);
}
