using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Data;

namespace Stepwise.Align.Goals;

/// <summary>The goal tree with each goal's latest reading against its line to target, and one goal's scoreboard.</summary>
public sealed class GoalReader(StepwiseDb db, GoalService goals, AlignPermissions permissions, TimeProvider time)
{
    /// <summary>Every goal as a forest: roots are goals without a parent. Closed goals are left out unless asked for.</summary>
    public async Task<IReadOnlyList<GoalSummary>> TreeAsync(bool includeClosed, CancellationToken ct)
    {
        var all = await db.Goals.AsNoTracking().Where(g => includeClosed || g.Status == GoalStatus.Active).ToListAsync(ct);
        var latest = await LatestAsync(all.Select(g => g.Id).ToList(), ct);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => (u.Key, u.Name), ct);
        var children = all.Where(g => g.ParentId is not null).ToLookup(g => g.ParentId!.Value);
        var ids = all.Select(g => g.Id).ToHashSet();
        GoalSummary Build(Goal g, int depth) => Summarize(g, units, latest.GetValueOrDefault(g.Id),
            depth > 16 ? [] : [.. children[g.Id].OrderBy(c => c.Kind).ThenBy(c => c.Title).Select(c => Build(c, depth + 1))]);
        return [.. all.Where(g => g.ParentId is null || !ids.Contains(g.ParentId.Value)).OrderBy(g => g.Kind).ThenBy(g => g.Title).Select(g => Build(g, 0))];
    }

    public async Task<Outcome<GoalDetails>> DetailsAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var goal = await db.Goals.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, ct);
        if (goal is null) return Outcome<GoalDetails>.NotFound($"There is no goal {id}.");
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => (u.Key, u.Name), ct);
        var measurements = await db.GoalMeasurements.AsNoTracking().Where(m => m.GoalId == id).OrderBy(m => m.On).ThenBy(m => m.RecordedAt).ToListAsync(ct);
        var checkIns = await db.GoalCheckIns.AsNoTracking().Where(c => c.GoalId == id).OrderByDescending(c => c.WeekOf).ToListAsync(ct);
        var childGoals = await db.Goals.AsNoTracking().Where(g => g.ParentId == id).ToListAsync(ct);
        var childLatest = await LatestAsync(childGoals.Select(g => g.Id).ToList(), ct);
        var parent = goal.ParentId is { } p ? await db.Goals.AsNoTracking().Where(g => g.Id == p).Select(g => g.Title).FirstOrDefaultAsync(ct) : null;
        var priority = goal.PriorityItemId is { } pi ? await db.PriorityItems.AsNoTracking().Where(i => i.Id == pi).Select(i => i.Title).FirstOrDefaultAsync(ct) : null;
        var summary = Summarize(goal, units, measurements.LastOrDefault(),
            [.. childGoals.OrderBy(g => g.Title).Select(c => Summarize(c, units, childLatest.GetValueOrDefault(c.Id), []))]);
        return new GoalDetails(summary, goal.MeasureName, goal.MeasureUnit, goal.Measure, goal.FromValue, goal.ToValue, goal.StartOn, goal.Deadline,
            parent, goal.ParentId, priority,
            [.. measurements.Select(m => new MeasurementView(m.On, m.Value, goal.TargetOn(m.On), m.Note, m.RecordedBy))],
            [.. checkIns.Select(c => new CheckInView(c.Id, c.WeekOf, c.Commitments, c.PreviousKept, c.PreviousTotal, c.Note, c.By, c.At))],
            await goals.CanEditAsync(user, goal, ct), await permissions.IsMemberAsync(user, goal.UnitId, ct));
    }

    /// <summary>"From 42% to 55% by 30 Jun 2027".</summary>
    public static string Statement(Goal goal) =>
        string.Create(CultureInfo.InvariantCulture, $"From {Format(goal.FromValue)}{goal.MeasureUnit} to {Format(goal.ToValue)}{goal.MeasureUnit} by {goal.Deadline:d MMM yyyy}");

    public static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private GoalSummary Summarize(Goal g, Dictionary<Guid, (string Key, string Name)> units, GoalMeasurement? latest, IReadOnlyList<GoalSummary> children)
    {
        var unit = units.TryGetValue(g.UnitId, out var found) ? found : (Key: "?", Name: "unknown unit");
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        bool? onTrack = latest is null ? null : g.Increasing ? latest.Value >= g.TargetOn(latest.On) : latest.Value <= g.TargetOn(latest.On);
        return new GoalSummary(g.Id, g.Kind, g.Title, Statement(g), g.UnitId, unit.Key, unit.Name, g.ParentId, g.PriorityItemId, g.Status,
            latest?.Value, g.TargetOn(today), onTrack, children);
    }

    private async Task<Dictionary<Guid, GoalMeasurement>> LatestAsync(List<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var rows = await db.GoalMeasurements.AsNoTracking().Where(m => ids.Contains(m.GoalId)).ToListAsync(ct);
        return rows.GroupBy(m => m.GoalId).ToDictionary(g => g.Key, g => g.OrderBy(m => m.On).ThenBy(m => m.RecordedAt).Last());
    }
}
