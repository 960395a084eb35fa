using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Align.Goals;
using Stepwise.Data;
using Stepwise.Delivery;
using Stepwise.Delivery.Lifecycle;

namespace Stepwise.Align.Priorities;

/// <summary>Which work serves which priority, and which work serves none.</summary>
public sealed class AlignmentService(StepwiseDb db, DeliveryPermissions delivery, TimeProvider time)
{
    public async Task<WorkByPriority> WorkAsync(CancellationToken ct)
    {
        var stacks = await db.PriorityStacks.AsNoTracking().Include(s => s.Items).ToListAsync(ct);
        var unitNames = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var features = await db.Features.AsNoTracking().Where(f => f.Phase != FeaturePhase.Removed)
            .Select(f => new { f.Id, f.Key, f.Name, f.Phase, f.OwnerUnitId }).ToListAsync(ct);
        var links = await db.FeaturePriorities.AsNoTracking().ToDictionaryAsync(l => l.FeatureId, l => l.PriorityItemId, ct);
        var goals = await db.Goals.AsNoTracking().Where(g => g.Status == GoalStatus.Active).ToListAsync(ct);
        var duhbs = await db.Duhbs.AsNoTracking().Include(d => d.Bets).ToListAsync(ct);

        var work = new Dictionary<Guid, List<WorkItem>>();
        var unaligned = new List<WorkItem>();
        void Place(Guid? priority, WorkItem item)
        {
            if (priority is { } p) (work.TryGetValue(p, out var list) ? list : work[p] = []).Add(item);
            else unaligned.Add(item);
        }
        foreach (var f in features)
            Place(links.TryGetValue(f.Id, out var p) ? p : null,
                new WorkItem("feature", f.Key, f.Name, f.Phase.ToString(), $"/features/{f.Key}", unitNames.GetValueOrDefault(f.OwnerUnitId)));
        foreach (var g in goals)
            Place(g.PriorityItemId, new WorkItem(g.Kind == GoalKind.Wig ? "WIG" : "sWIG", g.Id.ToString(), g.Title, GoalReader.Statement(g),
                $"/align/goals/{g.Id}", unitNames.GetValueOrDefault(g.UnitId)));
        foreach (var d in duhbs)
        {
            Place(d.PriorityItemId, new WorkItem("DUHB", d.Id.ToString(), d.Title, Duhbs.DuhbService.Label(d.State), $"/align/duhbs/{d.Id}",
                unitNames.GetValueOrDefault(d.UnitId)));
            // Bets that became features show up as those features; the open ones show up here until someone takes them.
            if (d.State != Duhbs.DuhbState.Closed)
                foreach (var bet in d.Bets.Where(b => b.FeatureId is null).OrderBy(b => b.Position))
                    Place(d.PriorityItemId, new WorkItem("bet", bet.Id.ToString(), bet.Title, $"open bet in \"{d.Title}\"", $"/align/duhbs/{d.Id}#bet-{bet.Id}",
                        unitNames.GetValueOrDefault(bet.SquadId)));
        }

        var priorities = stacks
            .OrderBy(s => unitNames.GetValueOrDefault(s.UnitId))
            .SelectMany(s => s.Ranked.Select((item, n) => new PriorityWork(item.Id, unitNames.GetValueOrDefault(s.UnitId) ?? "?", n + 1, item.Title,
                work.GetValueOrDefault(item.Id) ?? [])))
            .ToList();
        // Work linked to a retired priority serves nothing any more.
        var live = priorities.Select(p => p.PriorityItemId).ToHashSet();
        unaligned.AddRange(work.Where(w => !live.Contains(w.Key)).SelectMany(w => w.Value));
        return new WorkByPriority(priorities, [.. unaligned.OrderBy(w => w.Kind).ThenBy(w => w.Title)]);
    }

    public async Task<Outcome<Guid?>> LinkFeatureAsync(ClaimsPrincipal user, string featureKey, LinkFeatureRequest request, CancellationToken ct)
    {
        var feature = await db.Features.AsNoTracking().FirstOrDefaultAsync(f => f.Key == featureKey, ct);
        if (feature is null) return Outcome<Guid?>.NotFound($"There is no feature '{featureKey}'.");
        if (!await delivery.CanOwnAsync(user, feature.OwnerUnitId, ct))
            return Outcome<Guid?>.Forbidden("Only the owning team (or administrators and leadership) say which priority a feature serves.");
        if (request.PriorityItemId is { } id && !await db.PriorityItems.AnyAsync(i => i.Id == id && i.RetiredAt == null, ct))
            return Outcome<Guid?>.Invalid("priorityItemId", "There is no live priority with that id.");
        var link = await db.FeaturePriorities.FirstOrDefaultAsync(l => l.FeatureId == feature.Id, ct);
        if (request.PriorityItemId is null)
        {
            if (link is not null) db.FeaturePriorities.Remove(link);
        }
        else if (link is null)
        {
            db.FeaturePriorities.Add(new FeaturePriority
            {
                FeatureId = feature.Id, PriorityItemId = request.PriorityItemId.Value, LinkedAt = time.GetUtcNow(), LinkedBy = AlignPermissions.NameOf(user),
            });
        }
        else
        {
            link.PriorityItemId = request.PriorityItemId.Value;
            link.LinkedAt = time.GetUtcNow();
            link.LinkedBy = AlignPermissions.NameOf(user);
        }
        await db.SaveChangesAsync(ct);
        return request.PriorityItemId;
    }
}
