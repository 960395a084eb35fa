using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Delivery;
using Stepwise.Delivery.Lifecycle;
using Stepwise.Governance;
using Stepwise.Learn;
using Stepwise.Learn.Retrospectives;
using Stepwise.Organization;

namespace Stepwise.Align.Duhbs;

/// <summary>Read side of DUHBs, shared by the API and the pages. Everyone signed in reads every DUHB.</summary>
public sealed class DuhbReader(StepwiseDb db, FeatureReader features, LearnViewers viewers, RetrospectiveReader retrospectives)
{
    public static bool IsAuthor(ClaimsPrincipal user, Duhb duhb) =>
        AlignPermissions.IsPrivileged(user) || GovernanceActor.From(user)?.UserId == duhb.AuthorUserId;

    public async Task<IReadOnlyList<DuhbSummary>> ListAsync(Guid? unitId, DuhbState? state, CancellationToken ct)
    {
        var query = db.Duhbs.AsNoTracking();
        if (unitId is { } unit) query = query.Where(d => d.UnitId == unit);
        if (state is { } s) query = query.Where(d => d.State == s);
        var rows = await query.Include(d => d.Bets).ToListAsync(ct);
        var ids = rows.Select(d => d.Id).ToList();
        var endorsements = (await db.DuhbEndorsements.AsNoTracking().Where(e => ids.Contains(e.DuhbId)).Select(e => e.DuhbId).ToListAsync(ct))
            .GroupBy(e => e).ToDictionary(g => g.Key, g => g.Count());
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var priorities = await db.PriorityItems.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Title, ct);
        return [.. rows.OrderByDescending(d => d.UpdatedAt).Select(d => new DuhbSummary(d.Id, d.Title, d.UnitId, units.GetValueOrDefault(d.UnitId) ?? "?",
            d.State, d.AuthorName, d.PriorityItemId is { } p ? priorities.GetValueOrDefault(p) : null, d.Bets.Count, d.Bets.Count(b => b.FeatureId is not null),
            endorsements.GetValueOrDefault(d.Id), d.UpdatedAt))];
    }

    public async Task<DuhbDetails?> DetailsAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var duhb = await db.Duhbs.AsNoTracking().Include(d => d.Bets).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (duhb is null) return null;
        var me = GovernanceActor.From(user)?.UserId;
        var endorsements = await db.DuhbEndorsements.AsNoTracking().Where(e => e.DuhbId == id).OrderBy(e => e.At).ToListAsync(ct);
        var comments = await db.DuhbComments.AsNoTracking().Where(c => c.DuhbId == id).OrderBy(c => c.At).ThenBy(c => c.Id)
            .Select(c => new CommentView(c.Id, c.AuthorName, c.Text, c.At)).ToListAsync(ct);
        var unitIds = duhb.Bets.Select(b => b.SquadId).Append(duhb.UnitId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var priority = duhb.PriorityItemId is { } p ? await db.PriorityItems.AsNoTracking().Where(i => i.Id == p).Select(i => i.Title).FirstOrDefaultAsync(ct) : null;
        var bets = new List<BetView>();
        foreach (var bet in duhb.Bets.OrderBy(b => b.Position))
            bets.Add(new BetView(bet.Id, bet.Title, new HypothesisView(bet.HypothesisStatement, bet.SuccessMetrics, bet.GuardrailMetrics), bet.SquadId,
                units.GetValueOrDefault(bet.SquadId) ?? "?", bet.ConvertedAt, bet.ConvertedBy, bet.FeatureId is { } f ? await FateAsync(user, f, ct) : null));
        return new DuhbDetails(duhb.Id, duhb.Title, duhb.UnitId, units.GetValueOrDefault(duhb.UnitId) ?? "?", duhb.PriorityItemId, priority, duhb.State,
            duhb.AuthorName, duhb.Data, duhb.DataPoints, duhb.Links, duhb.Understanding, duhb.Hypotheses, bets,
            [.. endorsements.Select(e => new EndorsementView(e.Name, e.At))], comments, duhb.CreatedAt, duhb.UpdatedAt,
            IsAuthor(user, duhb), IsAuthor(user, duhb) && duhb.State != DuhbState.Closed,
            me is { } m && m != duhb.AuthorUserId && duhb.State == DuhbState.InReview,
            me is { } mine && endorsements.Any(e => e.UserId == mine));
    }

    /// <summary>
    /// The DUHBs behind a goal: those serving the same priority, written in the goal's unit, inside it or above it (a squad's
    /// sWIG is often driven by its tribe's reading of the data). Goals without a priority have none.
    /// </summary>
    public async Task<IReadOnlyList<DuhbSummary>> ForGoalAsync(Guid goalId, CancellationToken ct)
    {
        var goal = await db.Goals.AsNoTracking().Where(g => g.Id == goalId).Select(g => new { g.UnitId, g.PriorityItemId }).FirstOrDefaultAsync(ct);
        if (goal?.PriorityItemId is not { } priority) return [];
        var serving = await db.Duhbs.AsNoTracking().Where(d => d.PriorityItemId == priority).Select(d => new { d.Id, d.UnitId }).ToListAsync(ct);
        if (serving.Count == 0) return [];
        var tree = await UnitTree.LoadAsync(db, ct);
        var related = serving.Where(d => tree.IsWithin(d.UnitId, goal.UnitId) || tree.IsWithin(goal.UnitId, d.UnitId)).Select(d => d.Id).ToHashSet();
        return [.. (await ListAsync(null, null, ct)).Where(d => related.Contains(d.Id))];
    }

    /// <summary>The DUHB a feature came from, if one of its bets became that feature.</summary>
    public async Task<DuhbOrigin?> OriginAsync(string featureKey, CancellationToken ct)
    {
        var feature = await db.Features.AsNoTracking().Where(f => f.Key == featureKey).Select(f => (Guid?)f.Id).FirstOrDefaultAsync(ct);
        if (feature is null) return null;
        return await db.DuhbBets.AsNoTracking().Where(b => b.FeatureId == feature)
            .Join(db.Duhbs.AsNoTracking(), b => b.DuhbId, d => d.Id, (b, d) => new DuhbOrigin(d.Id, d.Title, b.Title)).FirstOrDefaultAsync(ct);
    }

    private async Task<BetFate?> FateAsync(ClaimsPrincipal user, Guid featureId, CancellationToken ct)
    {
        var key = await db.Features.AsNoTracking().Where(f => f.Id == featureId).Select(f => f.Key).FirstOrDefaultAsync(ct);
        if (key is null || await features.DetailsAsync(key, ct) is not { } feature) return null;
        var experiments = await features.ExperimentsAsync(key, ct);
        var learning = await retrospectives.ForFeatureAsync(await viewers.ForAsync(user, ct), key, ct);
        var titles = learning.Retrospectives.ToDictionary(r => r.Id, r => r.Title);
        return new BetFate(feature.Key, feature.Name, feature.Phase, feature.Phase.Label(), feature.Decisions,
            feature.Decisions.LastOrDefault(d => d.MeasuredEffect is not null)?.MeasuredEffect,
            [.. experiments.Select(e => new ExperimentLink(e.Key, e.Name, e.Status.ToString(), e.AnalysisLink))],
            [.. learning.Lessons.Select(l => new LessonLink(l.RetrospectiveId, titles[l.RetrospectiveId], l.Text))]);
    }
}
