using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Align.Priorities;
using Stepwise.Data;
using Stepwise.Delivery;
using Stepwise.Delivery.Lifecycle;
using Stepwise.Governance;

namespace Stepwise.Align.Duhbs;

/// <summary>
/// Writing, reviewing and acting on DUHBs. Only the author edits and moves the document (administrators too); others
/// comment and endorse; a bet becomes a feature through <see cref="FeatureService"/>, so the feature's own rules and
/// permissions apply, and the bet remembers the feature it became.
/// </summary>
public sealed class DuhbService(StepwiseDb db, FeatureService features, DuhbReader reader, TimeProvider time)
{
    public async Task<Outcome<Guid>> CreateAsync(ClaimsPrincipal user, DuhbRequest request, CancellationToken ct)
    {
        if (GovernanceActor.From(user) is not { } actor) return Outcome<Guid>.Forbidden("Sign in first.");
        var errors = new FieldErrors();
        var now = time.GetUtcNow();
        var duhb = new Duhb
        {
            Id = Guid.CreateVersion7(now), Title = "", AuthorUserId = actor.UserId, AuthorPersonId = actor.PersonId, AuthorName = actor.Name,
            State = DuhbState.Draft, CreatedAt = now, UpdatedAt = now,
        };
        await DuhbValidation.ApplyAsync(db, duhb, request, errors, now, ct);
        if (errors.Any) return Outcome<Guid>.Invalid(errors);
        db.Duhbs.Add(duhb);
        await db.SaveChangesAsync(ct);
        return duhb.Id;
    }

    public async Task<Outcome<Guid>> UpdateAsync(ClaimsPrincipal user, Guid id, DuhbRequest request, CancellationToken ct)
    {
        var duhb = await db.Duhbs.Include(d => d.Bets).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (duhb is null) return Outcome<Guid>.NotFound("There is no such DUHB.");
        if (!DuhbReader.IsAuthor(user, duhb)) return Outcome<Guid>.Forbidden(NotAuthor);
        if (duhb.State == DuhbState.Closed) return Outcome<Guid>.Conflict("The DUHB is closed; reopen it for review to change it.");
        var errors = new FieldErrors();
        var now = time.GetUtcNow();
        await DuhbValidation.ApplyAsync(db, duhb, request, errors, now, ct);
        if (errors.Any) return Outcome<Guid>.Invalid(errors);
        if (duhb.State == DuhbState.InReview) DuhbValidation.ReadyForReview(duhb, errors);
        if (errors.Any) return Outcome<Guid>.Invalid(errors);
        duhb.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return duhb.Id;
    }

    /// <summary>draft → in review (needs an understanding, a hypothesis and a bet) → closed; in review → draft and closed → in review go back.</summary>
    public async Task<Outcome<DuhbState>> MoveAsync(ClaimsPrincipal user, Guid id, DuhbStateRequest request, CancellationToken ct)
    {
        var duhb = await db.Duhbs.Include(d => d.Bets).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (duhb is null) return Outcome<DuhbState>.NotFound("There is no such DUHB.");
        if (request.State is not { } to || !Enum.IsDefined(to)) return Outcome<DuhbState>.Invalid("state", "'state' is draft, inReview or closed.");
        if (!DuhbReader.IsAuthor(user, duhb)) return Outcome<DuhbState>.Forbidden(NotAuthor);
        var allowed = (duhb.State, to) is (DuhbState.Draft, DuhbState.InReview) or (DuhbState.InReview, DuhbState.Closed)
            or (DuhbState.InReview, DuhbState.Draft) or (DuhbState.Closed, DuhbState.InReview);
        if (!allowed) return Outcome<DuhbState>.Conflict($"A DUHB in {Label(duhb.State)} cannot move to {Label(to)}.");
        if (to == DuhbState.InReview)
        {
            var errors = new FieldErrors();
            DuhbValidation.ReadyForReview(duhb, errors);
            if (errors.Any) return Outcome<DuhbState>.Invalid(errors);
        }
        duhb.State = to;
        duhb.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return to;
    }

    public async Task<Outcome<Guid>> CommentAsync(ClaimsPrincipal user, Guid id, DuhbCommentRequest request, CancellationToken ct)
    {
        if (GovernanceActor.From(user) is not { } actor) return Outcome<Guid>.Forbidden("Sign in first.");
        if (!await db.Duhbs.AnyAsync(d => d.Id == id, ct)) return Outcome<Guid>.NotFound("There is no such DUHB.");
        var errors = new FieldErrors().Require("text", request.Text, DuhbValidation.MaxComment);
        if (errors.Any) return Outcome<Guid>.Invalid(errors);
        var now = time.GetUtcNow();
        var comment = new DuhbComment { Id = Guid.CreateVersion7(now), DuhbId = id, AuthorUserId = actor.UserId, AuthorName = actor.Name, Text = request.Text!.Trim(), At = now };
        db.DuhbComments.Add(comment);
        await db.SaveChangesAsync(ct);
        return comment.Id;
    }

    /// <summary>Endorses a DUHB in review. Authors cannot endorse their own; endorsing twice is a conflict.</summary>
    public async Task<Outcome<int>> EndorseAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        if (GovernanceActor.From(user) is not { } actor) return Outcome<int>.Forbidden("Sign in first.");
        var duhb = await db.Duhbs.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (duhb is null) return Outcome<int>.NotFound("There is no such DUHB.");
        if (duhb.AuthorUserId == actor.UserId) return Outcome<int>.Forbidden("You wrote this DUHB: endorsements must come from someone else.");
        if (duhb.State != DuhbState.InReview) return Outcome<int>.Conflict("Endorsements are given while the DUHB is in review.");
        if (await db.DuhbEndorsements.AnyAsync(e => e.DuhbId == id && e.UserId == actor.UserId, ct))
            return Outcome<int>.Conflict("You already endorse this DUHB.");
        db.DuhbEndorsements.Add(new DuhbEndorsement { DuhbId = id, UserId = actor.UserId, Name = actor.Name, At = time.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return await db.DuhbEndorsements.CountAsync(e => e.DuhbId == id, ct);
    }

    public async Task<Outcome<int>> WithdrawEndorsementAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        if (GovernanceActor.From(user) is not { } actor) return Outcome<int>.Forbidden("Sign in first.");
        if (!await db.Duhbs.AnyAsync(d => d.Id == id, ct)) return Outcome<int>.NotFound("There is no such DUHB.");
        var endorsement = await db.DuhbEndorsements.FirstOrDefaultAsync(e => e.DuhbId == id && e.UserId == actor.UserId, ct);
        if (endorsement is null) return Outcome<int>.NotFound("You do not endorse this DUHB.");
        db.DuhbEndorsements.Remove(endorsement);
        await db.SaveChangesAsync(ct);
        return await db.DuhbEndorsements.CountAsync(e => e.DuhbId == id, ct);
    }

    /// <summary>
    /// Turns a bet into a feature in Think it, owned by the bet's squad, with the bet's hypothesis and metrics, serving the
    /// DUHB's priority. The feature and the bet's link are written together or not at all.
    /// </summary>
    public async Task<Outcome<string>> ConvertBetAsync(ClaimsPrincipal user, Guid id, Guid betId, ConvertBetRequest request, CancellationToken ct)
    {
        var duhb = await db.Duhbs.Include(d => d.Bets).FirstOrDefaultAsync(d => d.Id == id, ct);
        var bet = duhb?.Bets.FirstOrDefault(b => b.Id == betId);
        if (duhb is null || bet is null) return Outcome<string>.NotFound("There is no such bet.");
        if (bet.FeatureId is not null) return Outcome<string>.Conflict("This bet already became a feature.");
        if (duhb.State == DuhbState.Draft) return Outcome<string>.Conflict("Put the DUHB in review before turning its bets into features.");

        var key = string.IsNullOrWhiteSpace(request.Key) ? DuhbValidation.KeyFrom(bet.Title) : request.Key;
        var name = string.IsNullOrWhiteSpace(request.Name) ? bet.Title : request.Name;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = await features.CreateAsync(user, new CreateFeatureRequest(key, name, $"Bet from the DUHB \"{duhb.Title}\".", bet.SquadId,
            new HypothesisRequest(bet.HypothesisStatement, bet.SuccessMetrics, bet.GuardrailMetrics), []), ct);
        if (!created.Succeeded) return created.As<string>();
        var feature = await db.Features.AsNoTracking().Where(f => f.Key == created.Value!.Key).Select(f => f.Id).FirstAsync(ct);
        var now = time.GetUtcNow();
        bet.FeatureId = feature;
        bet.ConvertedAt = now;
        bet.ConvertedBy = AlignPermissions.NameOf(user);
        if (duhb.PriorityItemId is { } priority && await db.PriorityItems.AnyAsync(i => i.Id == priority && i.RetiredAt == null, ct))
            db.FeaturePriorities.Add(new FeaturePriority { FeatureId = feature, PriorityItemId = priority, LinkedAt = now, LinkedBy = bet.ConvertedBy });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return created.Value!.Key;
    }

    public Task<DuhbDetails?> DetailsAsync(ClaimsPrincipal user, Guid id, CancellationToken ct) => reader.DetailsAsync(user, id, ct);

    /// <summary>The feature key a bet gets unless the caller picks another.</summary>
    public static string KeyFrom(string title) => DuhbValidation.KeyFrom(title);

    private const string NotAuthor = "Only the author (or an administrator) changes a DUHB; comment or endorse instead.";

    public static string Label(DuhbState state) => state switch
    {
        DuhbState.InReview => "review",
        DuhbState.Closed => "closed",
        _ => "draft",
    };
}
