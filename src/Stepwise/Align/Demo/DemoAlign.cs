using Microsoft.EntityFrameworkCore;
using Stepwise.Align.Goals;
using Stepwise.Align.Priorities;
using Stepwise.Data;

namespace Stepwise.Align.Demo;

/// <summary>
/// Seeds the thread a newcomer can follow: the company's priority stack (with a reordering and its reason in the history),
/// the tribes' stacks, a company WIG with a tribe WIG and a squad sWIG under it (readings and check-ins included), and
/// demo features linked to the priorities they serve, one left serving none.
/// </summary>
public sealed class DemoAlign(StepwiseDb db, TimeProvider time)
{
    private const string By = "Demo Administrator";

    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.PriorityStacks.AnyAsync(ct)) return;
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Key, u => u.Id, ct);
        if (!units.TryGetValue("acme", out var company)) return;
        var now = time.GetUtcNow();

        var listeners = Stack(company, now.AddDays(-90),
            ("Grow paying listeners", "More people who pay, and who stay past their first month."),
            ("Reliability listeners can count on", "Playback that starts fast and never stops halfway through a song."),
            ("A checkout that gets out of the way", "Fewer steps and fewer failed payments between choosing and owning."));
        Move(listeners, now.AddDays(-21), 1, 0, "Playback failures drove most first-month cancellations; growth without reliability leaks.");
        if (units.TryGetValue("listener", out var listenerTribe))
            Stack(listenerTribe, now.AddDays(-80), ("New listeners find their music in the first session", null), ("Search that understands what people mean", null));
        if (units.TryGetValue("monetization", out var moneyTribe))
            Stack(moneyTribe, now.AddDays(-80), ("Checkout conversion", null), ("Fewer failed payments", null));
        await db.SaveChangesAsync(ct);

        var growth = listeners.Items.Single(i => i.Title == "Grow paying listeners").Id;
        var checkout = listeners.Items.Single(i => i.Title == "A checkout that gets out of the way").Id;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var companyWig = AddGoal(company, null, GoalKind.Wig, "Grow paying listeners", "Paying listeners", "k", 1200, 1500,
            today.AddDays(-60), today.AddDays(120), growth, [(-60, 1200), (-45, 1214), (-30, 1239), (-15, 1251), (0, 1268)]);
        if (units.TryGetValue("listener", out var tribe))
        {
            var tribeWig = AddGoal(tribe, companyWig.Id, GoalKind.Wig, "Keep new listeners", "7-day retention of new listeners", "%", 38, 45,
                today.AddDays(-56), today.AddDays(100), growth, [(-56, 38), (-42, 38.6), (-28, 39.9), (-14, 41.2), (-1, 41.9)]);
            if (units.TryGetValue("listener-home-feed", out var squad))
            {
                var swig = AddGoal(squad, tribeWig.Id, GoalKind.Swig, "Run onboarding experiments every week", "Onboarding experiments shipped", "", 0, 24,
                    today.AddDays(-42), today.AddDays(84), growth, [(-35, 2), (-28, 4), (-21, 5), (-14, 7), (-7, 9)]);
                CheckIn(swig, today.AddDays(-14), ["Ship the two-step tour variant", "Review week-one retention with data science"], null, null);
                CheckIn(swig, today.AddDays(-7), ["Ship the skip-button test", "Interview three listeners who left in week one"], 2, 2);
                CheckIn(swig, today, ["Analyse the skip-button test", "Draft the next tour variant"], 1, 2);
            }
        }

        var features = await db.Features.AsNoTracking().ToDictionaryAsync(f => f.Key, f => f.Id, ct);
        Link(features, "guided-onboarding", growth, now);
        Link(features, "one-page-checkout", checkout, now);
        Link(features, "express-pay", checkout, now);
        await db.SaveChangesAsync(ct);
    }

    private PriorityStack Stack(Guid unit, DateTimeOffset at, params (string Title, string? Description)[] items)
    {
        var stack = new PriorityStack { Id = Guid.CreateVersion7(at), UnitId = unit, CreatedAt = at };
        db.PriorityStacks.Add(stack);
        foreach (var (title, description) in items)
        {
            var item = new PriorityItem { Id = Guid.NewGuid(), StackId = stack.Id, Title = title, Description = description, Rank = stack.Items.Count + 1, CreatedAt = at };
            stack.Items.Add(item);
            Record(stack, item, PriorityChangeKind.Added, null, item.Rank, "Agreed at the quarterly planning day.", at);
        }
        return stack;
    }

    private void Move(PriorityStack stack, DateTimeOffset at, int fromIndex, int toIndex, string reason)
    {
        var ranked = stack.Items.OrderBy(i => i.Rank).ToList();
        var item = ranked[fromIndex];
        ranked.RemoveAt(fromIndex);
        ranked.Insert(toIndex, item);
        for (var n = 0; n < ranked.Count; n++) ranked[n].Rank = n + 1;
        Record(stack, item, PriorityChangeKind.Moved, fromIndex + 1, toIndex + 1, reason, at);
    }

    private void Record(PriorityStack stack, PriorityItem item, PriorityChangeKind kind, int? from, int? to, string reason, DateTimeOffset at)
    {
        stack.Version++;
        db.PriorityChanges.Add(new PriorityChange
        {
            Id = Guid.NewGuid(), StackId = stack.Id, ItemId = item.Id, Kind = kind, ItemTitle = item.Title, FromRank = from, ToRank = to, Reason = reason,
            By = By, At = at.AddSeconds(stack.Version), VersionAfter = stack.Version, OrderAfter = [.. stack.Items.OrderBy(i => i.Rank).Select(i => i.Id)],
        });
    }

    private Goal AddGoal(Guid unit, Guid? parent, GoalKind kind, string title, string measure, string measureUnit, double from, double to,
        DateOnly start, DateOnly deadline, Guid priority, (int Day, double Value)[] readings)
    {
        var now = time.GetUtcNow();
        var goal = new Goal
        {
            Id = Guid.NewGuid(), UnitId = unit, ParentId = parent, Kind = kind, Title = title, MeasureName = measure, MeasureUnit = measureUnit,
            FromValue = from, ToValue = to, StartOn = start, Deadline = deadline, PriorityItemId = priority, Status = GoalStatus.Active,
            CreatedBy = By, CreatedAt = now.AddDays(start.DayNumber - DateOnly.FromDateTime(now.UtcDateTime).DayNumber),
        };
        db.Goals.Add(goal);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        foreach (var (day, value) in readings)
            db.GoalMeasurements.Add(new GoalMeasurement { Id = Guid.NewGuid(), GoalId = goal.Id, On = today.AddDays(day), Value = value, RecordedBy = By, RecordedAt = now.AddDays(day) });
        return goal;
    }

    private void CheckIn(Goal goal, DateOnly day, List<string> commitments, int? kept, int? total) =>
        db.GoalCheckIns.Add(new GoalCheckIn
        {
            Id = Guid.NewGuid(), GoalId = goal.Id, WeekOf = GoalService.MondayOf(day), Commitments = commitments, PreviousKept = kept, PreviousTotal = total,
            By = By, At = time.GetUtcNow().AddDays(day.DayNumber - DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).DayNumber),
        });

    private void Link(Dictionary<string, Guid> features, string key, Guid priority, DateTimeOffset now)
    {
        if (features.TryGetValue(key, out var id))
            db.FeaturePriorities.Add(new FeaturePriority { FeatureId = id, PriorityItemId = priority, LinkedAt = now, LinkedBy = By });
    }
}
