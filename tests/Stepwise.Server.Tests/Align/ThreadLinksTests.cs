using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stepwise.Align.Duhbs;
using Stepwise.Align.Goals;
using Stepwise.Align.Rfcs;
using Stepwise.Data;
using Stepwise.Learn.Model;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;

namespace Stepwise.Server.Tests.Align;

/// <summary>
/// The links that make the thread walkable: a goal shows the DUHBs serving its priority in, under or above its unit (not a
/// sibling squad's, not another priority's), and a retrospective's lesson shows the RFCs it prompted.
/// </summary>
public abstract class ThreadLinksTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AGoal_ListsTheDuhbsServingItsPriority_InItsUnitOrAbove_AndALesson_ItsRfcs()
    {
        var org = await AlignOrg.CreateAsync(database.App);
        await org.TribeLead.PostOkAsync("/api/align/priorities", new { unitId = org.Tribe });
        var stack = await org.TribeLead.PostOkAsync($"/api/align/priorities/{org.TribeKey}/items", new { title = "Keep new members", expectedVersion = 0, reason = "Churn." });
        var priority = stack["items"]![0]!["id"]!.GetValue<Guid>();
        stack = await org.TribeLead.PostOkAsync($"/api/align/priorities/{org.TribeKey}/items", new { title = "Faster search", expectedVersion = 1, reason = "Complaints." });
        var other = stack["items"]!.AsArray().Single(i => i!["title"]!.GetValue<string>() == "Faster search")!["id"]!.GetValue<Guid>();

        async Task<Guid> DuhbAsync(string title, Guid unit, Guid? serves) => (await org.MemberOfA.PostOkAsync("/api/align/duhbs", new
        {
            title, unitId = unit, priorityItemId = serves, data = "Funnel.", dataPoints = Array.Empty<object>(), links = Array.Empty<string>(),
            understanding = "People get lost.", hypotheses = new[] { "A tour helps." }, bets = Array.Empty<object>(),
        })).Id();
        var tribeWide = await DuhbAsync("Tribe reading", org.Tribe, priority);
        var ownSquad = await DuhbAsync("Squad A reading", org.SquadA, priority);
        await DuhbAsync("Squad B reading", org.SquadB, priority);
        await DuhbAsync("Other priority", org.Tribe, other);
        await DuhbAsync("No priority", org.SquadA, null);

        await using var scope = database.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
        var now = DateTimeOffset.UnixEpoch.AddYears(56);
        Goal Goal(Guid unit, Guid? serves) => new()
        {
            Id = Guid.NewGuid(), UnitId = unit, Kind = GoalKind.Swig, Title = "Onboarding experiments", MeasureName = "Experiments", FromValue = 0, ToValue = 10,
            StartOn = new DateOnly(2026, 1, 5), Deadline = new DateOnly(2026, 6, 1), PriorityItemId = serves, Status = GoalStatus.Active, CreatedBy = "test", CreatedAt = now,
        };
        var squadGoal = Goal(org.SquadA, priority);
        var unprioritized = Goal(org.SquadA, null);
        db.Goals.AddRange(squadGoal, unprioritized);
        var retro = new Retrospective
        {
            Id = Guid.NewGuid(), Title = "Tour look-back", SubjectKind = SubjectKind.Project, OwnerUnitId = org.SquadA, Outcome = RetroOutcome.Succeeded,
            Summary = "It worked.", Tags = [], Status = RetroStatus.Closed, HeldOn = new DateOnly(2026, 3, 1), CreatedAt = now,
        };
        var lesson = new Lesson { Id = Guid.NewGuid(), RetrospectiveId = retro.Id, Source = LessonSource.Team, Text = "Pair early.", CreatedAt = now };
        var quiet = new Lesson { Id = Guid.NewGuid(), RetrospectiveId = retro.Id, Source = LessonSource.Process, Text = "Nothing to propose.", CreatedAt = now };
        db.Retrospectives.Add(retro);
        db.Lessons.AddRange(lesson, quiet);
        await db.SaveChangesAsync(Ct);

        var duhbs = scope.ServiceProvider.GetRequiredService<DuhbReader>();
        var behind = await duhbs.ForGoalAsync(squadGoal.Id, Ct);
        Assert.Equal(new[] { ownSquad, tribeWide }.Order(), behind.Select(d => d.Id).Order());
        Assert.All(behind, d => Assert.Equal("Keep new members", d.PriorityTitle));
        Assert.Empty(await duhbs.ForGoalAsync(unprioritized.Id, Ct));
        Assert.Empty(await duhbs.ForGoalAsync(Guid.NewGuid(), Ct));

        var number = (await org.MemberOfB.PostOkAsync("/api/align/rfcs", new
        {
            title = "Pair design and data from the start", markdown = "Every bet gets a data scientist.", unitId = org.Tribe, promptedByLessonId = lesson.Id,
        }))["number"]!.GetValue<int>();
        var rfcs = scope.ServiceProvider.GetRequiredService<RfcReader>();
        var prompted = Assert.Single(await rfcs.PromptedByAsync([lesson.Id, quiet.Id], Ct));
        Assert.Equal(lesson.Id, prompted.LessonId);
        Assert.Equal(number, prompted.Number);
        Assert.Equal($"RFC-{number:0000}", prompted.Key);
        Assert.Equal("Pair design and data from the start", prompted.Title);
        Assert.Equal(RfcState.Draft, prompted.State);
        Assert.Empty(await rfcs.PromptedByAsync([quiet.Id], Ct));
        Assert.Empty(await rfcs.PromptedByAsync([], Ct));
        Assert.True(await db.Rfcs.AnyAsync(r => r.Number == number && r.PromptedByLessonId == lesson.Id, Ct));
    }
}

public sealed class ThreadLinksTests_Sqlite(SqliteDatabase database) : ThreadLinksTests<SqliteDatabase>(database);

public sealed class ThreadLinksTests_Postgres(PostgresDatabase database) : ThreadLinksTests<PostgresDatabase>(database);
