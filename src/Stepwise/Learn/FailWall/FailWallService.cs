using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Data;
using Stepwise.Learn.Feed;
using Stepwise.Learn.Model;

namespace Stepwise.Learn.FailWall;

/// <summary>
/// Each unit's Fail Wall. Everyone reads every wall and reacts; a unit's members (and its leads, and administrators)
/// post on it. Posts go to the company feed as they are written.
/// </summary>
public sealed class FailWallService(StepwiseDb db, LearnViewers viewers, FeedPublisher feed, TimeProvider time)
{
    public const int PostsPerPage = 50;

    public async Task<IReadOnlyList<FailPostView>?> WallAsync(ClaimsPrincipal user, Guid? unitId, CancellationToken ct)
    {
        if (unitId is { } id && !await db.Units.AnyAsync(u => u.Id == id, ct)) return null;
        var me = LearnViewers.UserIdOf(user) ?? Guid.Empty;
        var query = db.FailPosts.AsNoTracking();
        if (unitId is { } unit) query = query.Where(p => p.UnitId == unit);
        var posts = await query.OrderByDescending(p => p.CreatedAt).Take(PostsPerPage).ToListAsync(ct);
        var ids = posts.Select(p => p.Id).ToList();
        var reactions = await db.FailReactions.AsNoTracking().Where(r => ids.Contains(r.PostId)).ToListAsync(ct);
        var names = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return [.. posts.Select(p => View(p, names.GetValueOrDefault(p.UnitId, "?"), reactions.Where(r => r.PostId == p.Id).ToList(), me))];
    }

    public async Task<Outcome<FailPostView>> PostAsync(ClaimsPrincipal user, Guid unitId, FailPostRequest request, CancellationToken ct)
    {
        var viewer = await viewers.ForAsync(user, ct);
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null) return Outcome<FailPostView>.NotFound($"No unit {unitId}.");
        var errors = new FieldErrors().Require("whatFailed", request.WhatFailed, LearnValidation.NoteMax)
            .Require("whatWeLearned", request.WhatWeLearned, LearnValidation.NoteMax);
        if (errors.Any) return Outcome<FailPostView>.Invalid(errors);
        if (!viewer.CanFacilitate(unitId)) return Outcome<FailPostView>.Forbidden($"Only members of {unit.Name}, its leads and administrators post on its Fail Wall.");
        var now = time.GetUtcNow();
        var post = new FailPost
        {
            Id = Guid.CreateVersion7(now), UnitId = unitId, WhatFailed = request.WhatFailed!.Trim(), WhatWeLearned = request.WhatWeLearned!.Trim(),
            AuthorUserId = viewer.UserId, AuthorName = viewer.Name, CreatedAt = now,
        };
        db.FailPosts.Add(post);
        await feed.StageFailPostAsync(post, unit.Name, ct);
        await db.SaveChangesAsync(ct);
        return View(post, unit.Name, [], viewer.UserId);
    }

    /// <summary>Adds the caller's reaction of one kind; reacting twice with the same kind changes nothing.</summary>
    public async Task<Outcome<FailPostView>> ReactAsync(ClaimsPrincipal user, Guid postId, ReactionRequest request, CancellationToken ct)
    {
        var me = LearnViewers.UserIdOf(user) ?? Guid.Empty;
        var post = await db.FailPosts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == postId, ct);
        if (post is null) return Outcome<FailPostView>.NotFound($"No Fail Wall post {postId}.");
        var errors = new FieldErrors();
        var kind = errors.Parse<ReactionKind>("kind", request.Kind);
        if (errors.Any) return Outcome<FailPostView>.Invalid(errors);
        if (!await db.FailReactions.AnyAsync(r => r.PostId == postId && r.UserId == me && r.Kind == kind, ct))
        {
            db.FailReactions.Add(new FailReaction { PostId = postId, UserId = me, Kind = kind!.Value });
            await db.SaveChangesAsync(ct);
        }
        var reactions = await db.FailReactions.AsNoTracking().Where(r => r.PostId == postId).ToListAsync(ct);
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == post.UnitId).Select(u => u.Name).FirstAsync(ct);
        return View(post, unit, reactions, me);
    }

    private static FailPostView View(FailPost p, string unit, List<FailReaction> reactions, Guid me) =>
        new(p.Id, p.UnitId, unit, p.WhatFailed, p.WhatWeLearned, p.AuthorName, p.CreatedAt,
            Enum.GetValues<ReactionKind>().ToDictionary(k => k, k => reactions.Count(r => r.Kind == k)),
            [.. reactions.Where(r => r.UserId == me).Select(r => r.Kind).Order()]);
}
