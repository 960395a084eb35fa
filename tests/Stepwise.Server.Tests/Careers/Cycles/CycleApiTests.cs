using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stepwise.Data;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;
using static Stepwise.Server.Tests.Careers.Cycles.CycleOrg;

namespace Stepwise.Server.Tests.Careers.Cycles;

public abstract class CycleApiTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private StepwiseApp App => database.App;

    [Fact]
    public async Task Cycle_WalksFromSelfAssessmentToAStepRecord()
    {
        var org = await CreateAsync(App);
        var cycle = await org.OpenAsync(org.Company);
        var summary = await GetAsync(org.Hr, $"/api/careers/cycles/{cycle}");
        Assert.Equal(9, summary["participants"]!.GetValue<int>());
        Assert.Equal(4, summary["stepCount"]!.GetValue<int>());

        // Self first: the manager does not see it before submitting their own.
        var eve = await MyAssessmentAsync(org.Eve, cycle);
        Assert.Equal(HttpStatusCode.OK, (await org.Eve.Client.PostAsJsonAsync($"/api/careers/assessments/{eve}/self", Assessment(3))).StatusCode);
        var asManager = await GetAsync(org.Mona.Client, $"/api/careers/assessments/{eve}");
        Assert.True(asManager["selfHidden"]!.GetValue<bool>());
        Assert.Empty(asManager["selfRevisions"]!.AsArray());
        var team = await GetAsync(org.Mona.Client, $"/api/careers/cycles/{cycle}/team");
        Assert.Null(team["people"]!.AsArray().Single(p => p!["personId"]!.GetValue<Guid>() == org.Eve.PersonId)!["selfLevel"]);

        Assert.Equal(HttpStatusCode.OK, (await org.Mona.Client.PostAsJsonAsync($"/api/careers/assessments/{eve}/manager", Assessment(2))).StatusCode);
        asManager = await GetAsync(org.Mona.Client, $"/api/careers/assessments/{eve}");
        Assert.False(asManager["selfHidden"]!.GetValue<bool>());
        Assert.Equal("managerSubmitted", asManager["stage"]!.GetValue<string>());
        Assert.All(asManager["comparison"]!.AsArray(), row => Assert.False(row!["agrees"]!.GetValue<bool>()));
        var asSelf = await GetAsync(org.Eve.Client, $"/api/careers/assessments/{eve}");
        Assert.Equal(2, asSelf["managerRevisions"]![0]!["overallStep"]!.GetValue<int>());

        // Discussion: agreed at 3; calibration by the tribe lead moves it to 2 with a reason.
        await org.Mona.Client.PostOkAsync($"/api/careers/assessments/{eve}/discussion", new { agreedStep = 3, note = "Leads the squad's design reviews." });
        var session = await org.LeadOne.Client.PostAsJsonAsync($"/api/careers/assessments/{eve}/calibration", new { step = 2, reason = "Scope is still the squad." });
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);

        // Eric is proposed for step 3: leadership must review before finalizing.
        var erik = await DiscussedAsync(org.Erik, org.Mona, cycle, 3);
        await org.LeadOne.Client.PostOkAsync($"/api/careers/assessments/{erik}/calibration", new { step = 3 });
        var review = await GetAsync(org.Cto.Client, $"/api/careers/cycles/{cycle}/leadership-review");
        Assert.Contains(review["people"]!.AsArray(), p => p!["assessmentId"]!.GetValue<Guid>() == erik);
        await org.Cto.Client.PostOkAsync($"/api/careers/assessments/{erik}/leadership-review", new { });

        Assert.Equal(HttpStatusCode.BadRequest, (await org.Hr.PostAsJsonAsync($"/api/careers/cycles/{cycle}/finalize", new { confirm = false })).StatusCode);
        var result = await org.Hr.PostOkAsync($"/api/careers/cycles/{cycle}/finalize", new { confirm = true });
        Assert.Equal(2, result["finalized"]!.GetValue<int>());
        Assert.False(result["closed"]!.GetValue<bool>());

        var steps = await GetAsync(org.Eve.Client, $"/api/careers/steps/people/{org.Eve.PersonId}");
        Assert.Equal(2, steps["current"]!["level"]!.GetValue<int>());
        Assert.Equal("cycle", steps["current"]!["source"]!.GetValue<string>());
        Assert.Contains("Scope is still the squad.", steps["current"]!["rationale"]!.GetValue<string>(), StringComparison.Ordinal);
        var inbox = await GetAsync(org.Eve.Client, "/api/notifications");
        Assert.Contains(inbox["items"]!.AsArray(), n => n!["topic"]!.GetValue<string>() == "careers.cycle.finalized");
        var erikSteps = await GetAsync(org.Erik.Client, $"/api/careers/steps/people/{org.Erik.PersonId}");
        Assert.Equal(3, erikSteps["current"]!["level"]!.GetValue<int>());
    }

    [Fact]
    public async Task LockedRating_Is409_AndARevisionNeedsAReason_KeepingTheFirst()
    {
        var org = await CreateAsync(App);
        var cycle = await org.OpenAsync(org.SquadA);
        var eve = await MyAssessmentAsync(org.Eve, cycle);
        await org.Eve.Client.PostOkAsync($"/api/careers/assessments/{eve}/self", Assessment(2));

        var again = await org.Eve.Client.PostAsJsonAsync($"/api/careers/assessments/{eve}/self", Assessment(3));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("locked", (await again.JsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var noReason = await org.Eve.Client.PostAsJsonAsync($"/api/careers/assessments/{eve}/self/revisions", Assessment(3));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.NotNull((await noReason.JsonAsync())["errors"]!["reason"]);

        var revised = await org.Eve.Client.PostOkAsync($"/api/careers/assessments/{eve}/self/revisions", Assessment(3, reason: "Forgot the migration I led."));
        var revisions = revised["selfRevisions"]!.AsArray();
        Assert.Equal(2, revisions.Count);
        Assert.Equal(2, revisions[0]!["overallStep"]!.GetValue<int>());
        Assert.Equal(3, revisions[1]!["overallStep"]!.GetValue<int>());
        Assert.Equal("Forgot the migration I led.", revisions[1]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task BadInput_IsRefused_AndNothingIsWritten()
    {
        var org = await CreateAsync(App);
        var cycle = await org.OpenAsync(org.SquadA);
        var eve = await MyAssessmentAsync(org.Eve, cycle);

        // A step outside the framework and an unknown characteristic.
        var bad = await org.Eve.Client.PostAsJsonAsync($"/api/careers/assessments/{eve}/self", new
        {
            ratings = Characteristics.Select(c => new { characteristicId = c == "growth" ? "charisma" : c, step = 5, evidence = "x" }), overallStep = 9,
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.JsonAsync())["errors"]!;
        Assert.NotNull(errors["overallStep"]);
        Assert.NotNull(errors["ratings[0].step"]);
        Assert.NotNull(errors["ratings[3].characteristicId"]);
        Assert.Equal("notStarted", (await GetAsync(org.Eve.Client, $"/api/careers/assessments/{eve}"))["stage"]!.GetValue<string>());

        // Someone else's self-assessment, and the manager assessment by the person.
        Assert.Equal(HttpStatusCode.Forbidden, (await org.Erik.Client.PostAsJsonAsync($"/api/careers/assessments/{eve}/self", Assessment(2))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await org.Eve.Client.PostAsJsonAsync($"/api/careers/assessments/{eve}/manager", Assessment(2))).StatusCode);

        // Calibration before the discussion, then without a reason.
        Assert.Equal(HttpStatusCode.Conflict, (await org.LeadOne.Client.PostAsJsonAsync($"/api/careers/assessments/{eve}/calibration", new { step = 1, reason = "x" })).StatusCode);
        var discussed = await DiscussedAsync(org.Erik, org.Mona, cycle, 2);
        var noReason = await org.LeadOne.Client.PostAsJsonAsync($"/api/careers/assessments/{discussed}/calibration", new { step = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.NotNull((await noReason.JsonAsync())["errors"]!["reason"]);
        var view = await GetAsync(org.Mona.Client, $"/api/careers/assessments/{discussed}");
        Assert.Equal("discussed", view["stage"]!.GetValue<string>());
        Assert.Equal(2, view["proposedLevel"]!.GetValue<int>());
        Assert.Single(view["adjustments"]!.AsArray());

        // Opening: deadlines out of order, an unknown unit.
        var open = await org.Hr.PostAsJsonAsync("/api/careers/cycles", new { name = "", unitId = Guid.NewGuid(), selfDue = "2999-02-01", managerDue = "2999-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, open.StatusCode);
        errors = (await open.JsonAsync())["errors"]!;
        Assert.NotNull(errors["name"]);
        Assert.NotNull(errors["managerDue"]);
        Assert.NotNull(errors["unitId"]);
        Assert.NotNull(errors["finalizeDue"]);
        // The same people cannot be in two open cycles.
        Assert.Equal(HttpStatusCode.Conflict, (await org.Hr.PostAsJsonAsync("/api/careers/cycles", OpenRequest(org.SquadA))).StatusCode);
    }

    [Fact]
    public async Task LeadershipReview_RefusesSelfApproval_AndAClosedCycleRefusesChanges()
    {
        var org = await CreateAsync(App);
        var cycle = await org.OpenAsync(org.TribeOne);
        // Lena leads Tribe One and is proposed for step 4; as a tribe lead she reviews, but never herself.
        var lena = await DiscussedAsync(org.LeadOne, org.Cto, cycle, 4);
        await org.Hr.PostOkAsync($"/api/careers/assessments/{lena}/calibration", new { step = 4 });
        var own = await org.LeadOne.Client.PostAsJsonAsync($"/api/careers/assessments/{lena}/leadership-review", new { });
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Contains("own", (await own.JsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await org.Mona.Client.PostAsJsonAsync($"/api/careers/assessments/{lena}/leadership-review", new { })).StatusCode);
        var adjustNoReason = await org.Cto.Client.PostAsJsonAsync($"/api/careers/assessments/{lena}/leadership-review", new { step = 3 });
        Assert.Equal(HttpStatusCode.BadRequest, adjustNoReason.StatusCode);
        await org.Cto.Client.PostOkAsync($"/api/careers/assessments/{lena}/leadership-review", new { step = 3, reason = "Tribe-wide, not yet company-wide." });

        // Everyone else in the tribe, then finalize: the cycle closes.
        foreach (var (person, manager) in new[] { (org.Mona, org.LeadOne), (org.Max, org.LeadOne), (org.Eve, org.Mona), (org.Erik, org.Mona), (org.Ella, org.Max) })
            await DiscussedAsync(person, manager, cycle, 2);
        await org.LeadOne.Client.PostOkAsync($"/api/careers/cycles/{cycle}/calibration/{org.TribeOne}/complete", new { });
        var result = await org.Hr.PostOkAsync($"/api/careers/cycles/{cycle}/finalize", new { confirm = true });
        Assert.True(result["closed"]!.GetValue<bool>());
        Assert.Equal(6, result["finalized"]!.GetValue<int>());

        var eve = await MyAssessmentAsync(org.Eve, cycle);
        var late = await org.Eve.Client.PostAsJsonAsync($"/api/careers/assessments/{eve}/self/revisions", Assessment(3, reason: "Late thought."));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await org.Hr.PostAsJsonAsync($"/api/careers/cycles/{cycle}/finalize", new { confirm = true })).StatusCode);
        var steps = await GetAsync(org.LeadOne.Client, $"/api/careers/steps/people/{org.LeadOne.PersonId}");
        Assert.Equal(3, steps["current"]!["level"]!.GetValue<int>());
    }

    [Fact]
    public async Task Relationships_DecideWhoSeesAnAssessmentAndASession()
    {
        var org = await CreateAsync(App);
        var cycle = await org.OpenAsync(org.Company);
        var eve = await MyAssessmentAsync(org.Eve, cycle);
        var url = $"/api/careers/assessments/{eve}";
        foreach (var allowed in new[] { org.Eve.Client, org.Mona.Client, org.LeadOne.Client, org.Cto.Client, org.Hr })
            Assert.Equal(HttpStatusCode.OK, (await allowed.GetAsync(url)).StatusCode);
        foreach (var refused in new[] { org.Erik.Client, org.Max.Client, org.LeadTwo.Client, org.Otto.Client })
            Assert.Equal(HttpStatusCode.Forbidden, (await refused.GetAsync(url)).StatusCode);

        var session = $"/api/careers/cycles/{cycle}/calibration/{org.TribeOne}";
        foreach (var allowed in new[] { org.LeadOne.Client, org.Mona.Client, org.Max.Client, org.Hr })
            Assert.Equal(HttpStatusCode.OK, (await allowed.GetAsync(session)).StatusCode);
        foreach (var refused in new[] { org.LeadTwo.Client, org.Eve.Client, org.Otto.Client })
            Assert.Equal(HttpStatusCode.Forbidden, (await refused.GetAsync(session)).StatusCode);
        // Managers take part but only the tribe lead and HR change proposals.
        var discussed = await DiscussedAsync(org.Ella, org.Max, cycle, 2);
        Assert.Equal(HttpStatusCode.Forbidden, (await org.Max.Client.PostAsJsonAsync($"/api/careers/assessments/{discussed}/calibration", new { step = 2 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await org.LeadTwo.Client.PostAsJsonAsync($"/api/careers/assessments/{discussed}/calibration", new { step = 2 })).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await org.Eve.Client.GetAsync($"/api/careers/cycles/{cycle}/progress")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await org.Eve.Client.GetAsync($"/api/careers/cycles/{cycle}/functional-sync")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await org.LeadTwo.Client.GetAsync($"/api/careers/cycles/{cycle}/functional-sync")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await org.Hr.GetAsync($"/api/careers/assessments/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Calibration_ShowsTheDistributionAndFlagsALenientManager_AndFunctionalSyncAdjustsWithAReason()
    {
        var org = await CreateAsync(App);
        var cycle = await org.OpenAsync(org.Company);
        // Mona proposes 4s; Max and Lena propose 1s.
        await DiscussedAsync(org.Eve, org.Mona, cycle, 4);
        await DiscussedAsync(org.Erik, org.Mona, cycle, 4);
        await DiscussedAsync(org.Ella, org.Max, cycle, 1);
        await DiscussedAsync(org.Mona, org.LeadOne, cycle, 1);
        await DiscussedAsync(org.Max, org.LeadOne, cycle, 1);
        var session = await GetAsync(org.LeadOne.Client, $"/api/careers/cycles/{cycle}/calibration/{org.TribeOne}");
        Assert.Equal(5, session["distribution"]!["total"]!.GetValue<int>());
        Assert.True(session["distribution"]!["deviationPoints"]!.GetValue<double>() > 0);
        var mona = session["managers"]!.AsArray().Single(m => m!["managerId"]!.GetValue<Guid>() == org.Mona.PersonId)!;
        Assert.Equal("lenient", mona["leaning"]!.GetValue<string>());
        var lena = session["managers"]!.AsArray().Single(m => m!["managerId"]!.GetValue<Guid>() == org.LeadOne.PersonId)!;
        // Lena's two 1s sit below the tribe mean, but not far enough (|z| ≈ 1.2) to be flagged.
        Assert.True(lena["differenceFromTribe"]!.GetValue<double>() < 0);
        Assert.Equal("inLine", lena["leaning"]!.GetValue<string>());

        await org.LeadOne.Client.PostOkAsync($"/api/careers/cycles/{cycle}/calibration/{org.TribeOne}/complete", new { });
        var eve = await MyAssessmentAsync(org.Eve, cycle);
        var noReason = await org.LeadTwo.Client.PostAsJsonAsync($"/api/careers/assessments/{eve}/functional-sync", new { step = 3 });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var sync = await org.LeadTwo.Client.PostOkAsync($"/api/careers/assessments/{eve}/functional-sync",
            new { step = 3, reason = "Backend 4s elsewhere lead across tribes." });
        var backend = sync["disciplines"]!.AsArray().SingleOrDefault(d => d!["discipline"]!.GetValue<string>() == "backend");
        Assert.True(backend is not null, sync.ToJsonString());
        var row = backend["people"]!.AsArray().SingleOrDefault(p => p!["assessmentId"]!.GetValue<Guid>() == eve);
        Assert.True(row is not null, $"{eve}: {sync.ToJsonString()}");
        Assert.Equal(3, row["proposedLevel"]!.GetValue<int>());
        var log = (await GetAsync(org.Eve.Client, $"/api/careers/assessments/{eve}"))["adjustments"]!.AsArray();
        Assert.Equal("functionalSync", log[^1]!["stage"]!.GetValue<string>());
    }

    [Fact]
    public async Task Progress_CountsStages_RanksTeams_AndListsOverduePeople()
    {
        var org = await CreateAsync(App);
        var cycle = await org.OpenAsync(org.Company);
        await DiscussedAsync(org.Eve, org.Mona, cycle, 2);
        var progress = await GetAsync(org.Hr, $"/api/careers/cycles/{cycle}/progress");
        var stages = progress["stages"]!.AsArray();
        Assert.Equal(1, stages.Single(s => s!["stage"]!.GetValue<string>() == "discussed")!["count"]!.GetValue<int>());
        Assert.Equal(8, stages.Single(s => s!["stage"]!.GetValue<string>() == "notStarted")!["count"]!.GetValue<int>());
        Assert.Empty(progress["overdue"]!.AsArray());
        Assert.Contains(progress["teams"]!.AsArray(), t => t!["unitName"]!.GetValue<string>() == "Squad A" && t["participants"]!.GetValue<int>() == 5);

        // The self-assessment deadline passes: everyone who has not submitted is overdue; Squad A, where Eve is done, ranks last.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
            var stored = await db.AssessmentCycles.SingleAsync(c => c.Id == cycle, TestContext.Current.CancellationToken);
            stored.SelfDue = stored.SelfDue.AddDays(-30);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        progress = await GetAsync(org.Hr, $"/api/careers/cycles/{cycle}/progress");
        Assert.Equal(8, progress["overdue"]!.AsArray().Count);
        Assert.Equal("Self-assessment", progress["overdue"]![0]!["waitingOn"]!.GetValue<string>());
        Assert.Equal("Squad A", progress["teams"]!.AsArray()[^1]!["unitName"]!.GetValue<string>());
        Assert.Equal(1.0, progress["teams"]![0]!["behindShare"]!.GetValue<double>());
        var reminders = await org.Hr.PostOkAsync($"/api/careers/cycles/{cycle}/reminders", new { });
        Assert.Equal(8, reminders["people"]!.GetValue<int>());
        Assert.Equal(8, reminders["notified"]!.GetValue<int>());
        var inbox = await GetAsync(org.Otto.Client, "/api/notifications");
        Assert.Contains(inbox["items"]!.AsArray(), n => n!["topic"]!.GetValue<string>() == "careers.cycle.reminder");
        Assert.Equal(HttpStatusCode.Forbidden, (await org.LeadOne.Client.PostAsJsonAsync($"/api/careers/cycles/{cycle}/reminders", new { })).StatusCode);
    }
}

public sealed class CycleApiTests_Sqlite(SqliteDatabase database) : CycleApiTests<SqliteDatabase>(database);

public sealed class CycleApiTests_Postgres(PostgresDatabase database) : CycleApiTests<PostgresDatabase>(database);
