using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stepwise.Data;
using Stepwise.Identity;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;

namespace Stepwise.Server.Tests.Careers.Reports;

public abstract class SimulationApiTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private StepwiseApp App => database.App;

    private static Task<HttpResponseMessage> EstimateAsync(HttpClient client, Guid simulation, Guid person, int? level) =>
        client.PutAsJsonAsync($"/api/careers/simulations/{simulation}/estimates", new { estimates = new[] { new { personId = person, level } } });

    private async Task<string> StepRecordsOfAsync(params Guid[] people)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
        var rows = await db.StepRecords.AsNoTracking().Where(r => people.Contains(r.PersonId)).OrderBy(r => r.Id).ToListAsync(TestContext.Current.CancellationToken);
        return System.Text.Json.JsonSerializer.Serialize(rows);
    }

    [Fact]
    public async Task HrOpens_ManagersEstimateTheirOwnReports_AndStepRecordsNeverChange()
    {
        var org = await CareersOrg.CreateAsync(App);
        await org.Hr.PostOkAsync($"/api/careers/steps/people/{org.Report}", new { level = 2, effectiveOn = "2023-06-01", rationale = "Squad scope." });
        var before = await StepRecordsOfAsync(org.Manager, org.Report, org.Other);

        var opened = await org.Hr.PostAsJsonAsync("/api/careers/simulations", new { name = "Spring what-if", tribeId = org.Tribe });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var summary = await opened.JsonAsync();
        var id = summary.Id();
        Assert.Equal(3, summary["people"]!.GetValue<int>());
        Assert.Equal(3, summary["missing"]!.GetValue<int>());

        var estimated = await EstimateAsync(org.ManagerClient, id, org.Report, 3);
        Assert.Equal(HttpStatusCode.OK, estimated.StatusCode);
        Assert.Equal(2, (await estimated.JsonAsync())["missing"]!.GetValue<int>());
        // Only one's own direct reports, and only steps that exist.
        Assert.Equal(HttpStatusCode.Forbidden, (await EstimateAsync(org.ManagerClient, id, org.Other, 2)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await EstimateAsync(org.ReportClient, id, org.Report, 1)).StatusCode);
        var invalid = await EstimateAsync(org.ManagerClient, id, org.Report, 7);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.NotNull((await invalid.JsonAsync())["errors"]!["estimates[0].level"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await EstimateAsync(org.ManagerClient, id, Guid.NewGuid(), 2)).StatusCode);

        var mine = await (await org.ManagerClient.GetAsync($"/api/careers/simulations/{id}")).JsonAsync();
        var report = Assert.Single(mine["myReports"]!.AsArray())!;
        Assert.Equal(3, report["estimate"]!.GetValue<int>());
        Assert.Equal(2, report["currentLevel"]!.GetValue<int>());
        Assert.True(mine["hidesSmallGroups"]!.GetValue<bool>());
        Assert.Null(mine["overall"]!["estimated"]); // one estimate: too few to show a manager
        Assert.Equal(HttpStatusCode.Forbidden, (await org.OtherClient.GetAsync($"/api/careers/simulations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await org.ReportClient.GetAsync($"/api/careers/simulations/{id}")).StatusCode);
        Assert.DoesNotContain((await (await org.OtherClient.GetAsync("/api/careers/simulations")).JsonAsync()).AsArray(), s => s!["id"]!.GetValue<Guid>() == id);

        var hr = await (await org.Hr.GetAsync($"/api/careers/simulations/{id}")).JsonAsync();
        Assert.Equal(1, Count(hr["overall"]!["estimated"], 3));
        Assert.Equal(1, Count(hr["overall"]!["current"], 2));
        Assert.Equal(2, hr["overall"]!["missing"]!.GetValue<int>());
        Assert.Equal("Tribe", Assert.Single(hr["byTribe"]!.AsArray())!["name"]!.GetValue<string>());

        // HR fills in the person without a manager; clearing an estimate makes it missing again.
        Assert.Equal(HttpStatusCode.OK, (await EstimateAsync(org.Hr, id, org.Other, 1)).StatusCode);
        Assert.Equal(2, (await (await EstimateAsync(org.ManagerClient, id, org.Report, null)).JsonAsync())["missing"]!.GetValue<int>());
        Assert.Equal(before, await StepRecordsOfAsync(org.Manager, org.Report, org.Other));

        Assert.Equal(HttpStatusCode.Forbidden, (await org.ManagerClient.PostAsync($"/api/careers/simulations/{id}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await org.Hr.PostAsync($"/api/careers/simulations/{id}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await EstimateAsync(org.ManagerClient, id, org.Report, 2)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await org.Hr.PostAsync($"/api/careers/simulations/{id}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await org.Hr.PostAsync($"/api/careers/simulations/{id}/archive", null)).StatusCode);
        Assert.DoesNotContain((await (await org.Hr.GetAsync("/api/careers/simulations")).JsonAsync()).AsArray(), s => s!["id"]!.GetValue<Guid>() == id);
        Assert.Contains((await (await org.Hr.GetAsync("/api/careers/simulations?archived=true")).JsonAsync()).AsArray(), s => s!["id"]!.GetValue<Guid>() == id);
        Assert.Equal(before, await StepRecordsOfAsync(org.Manager, org.Report, org.Other));
    }

    [Fact]
    public async Task TribeLead_OpensForTheirOwnTribeOnly_OthersMayNotOpen()
    {
        var org = await CareersOrg.CreateAsync(App);
        var admin = await App.AdminAsync();
        (await admin.PostAsJsonAsync($"/api/people/{org.Manager}/memberships", new { unitId = org.Tribe, role = "lead", effectiveOn = "2023-01-02" })).EnsureSuccessStatusCode();
        var otherOrg = await CareersOrg.CreateAsync(App);

        Assert.Equal(HttpStatusCode.Created, (await org.ManagerClient.PostAsJsonAsync("/api/careers/simulations", new { name = "Ours", tribeId = org.Tribe })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await org.ManagerClient.PostAsJsonAsync("/api/careers/simulations", new { name = "Theirs", tribeId = otherOrg.Tribe })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await org.ManagerClient.PostAsJsonAsync("/api/careers/simulations", new { name = "Everyone" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await org.ReportClient.PostAsJsonAsync("/api/careers/simulations", new { name = "Mine", tribeId = org.Tribe })).StatusCode);
        var bad = await org.Hr.PostAsJsonAsync("/api/careers/simulations", new { name = "", tribeId = org.SquadA });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull((await bad.JsonAsync())["errors"]!["name"]);
        var squad = await org.Hr.PostAsJsonAsync("/api/careers/simulations", new { name = "Squad", tribeId = org.SquadA });
        Assert.NotNull((await squad.JsonAsync())["errors"]!["tribeId"]);
    }

    private static int Count(JsonNode? comparison, int level) =>
        comparison!["steps"]!.AsArray().Single(s => s!["level"]!.GetValue<int>() == level)!["count"]!.GetValue<int>();
}

public sealed class SimulationApiTests_Sqlite(SqliteDatabase database) : SimulationApiTests<SqliteDatabase>(database);

public sealed class SimulationApiTests_Postgres(PostgresDatabase database) : SimulationApiTests<PostgresDatabase>(database);

/// <summary>Who sees which part of the organization in the step reports, by role and by relationship.</summary>
public abstract class CareerReportAccessTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private StepwiseApp App => database.App;

    [Fact]
    public async Task Scope_FollowsRolesTribeLeadsAndReportingChains()
    {
        var org = await CareersOrg.CreateAsync(App);
        var admin = await App.AdminAsync();
        var otherOrg = await CareersOrg.CreateAsync(App);
        await org.Hr.PostOkAsync($"/api/careers/steps/people/{org.Report}", new { level = 2, effectiveOn = "2023-06-01", rationale = "Squad scope." });
        await org.Hr.PostOkAsync($"/api/careers/steps/people/{otherOrg.Report}", new { level = 1, effectiveOn = "2023-06-01", rationale = "Own scope." });

        // A manager: their reporting chain, one person, so hidden.
        var chain = await (await org.ManagerClient.GetAsync("/api/careers/reports/distribution")).JsonAsync();
        Assert.Equal("reportingChain", chain["frame"]!["scope"]!.GetValue<string>());
        Assert.Null(chain["overall"]);
        Assert.Equal(HttpStatusCode.OK, (await org.ManagerClient.GetAsync("/api/careers/reports/time-in-step")).StatusCode);

        // Someone with no reports and no tribe to lead: nothing.
        foreach (var url in new[] { "/api/careers/reports/distribution", "/api/careers/reports/promotions", "/api/careers/reports/time-in-step/csv" })
            Assert.Equal(HttpStatusCode.Forbidden, (await org.ReportClient.GetAsync(url)).StatusCode);
        var compensation = await App.ClientForAsync($"comp-{Guid.NewGuid():N}@test.example", null, Roles.CompensationAdmin);
        Assert.Equal(HttpStatusCode.Forbidden, (await compensation.GetAsync("/api/careers/reports/distribution")).StatusCode);

        // A tribe lead: their tribe only, in every breakdown.
        (await admin.PostAsJsonAsync($"/api/people/{org.Other}/memberships", new { unitId = org.Tribe, role = "lead", effectiveOn = "2023-01-02" })).EnsureSuccessStatusCode();
        var byTribe = await (await org.OtherClient.GetAsync("/api/careers/reports/distribution?by=tribe")).JsonAsync();
        Assert.Equal("tribes", byTribe["frame"]!["scope"]!.GetValue<string>());
        Assert.All(byTribe["groups"]!.AsArray(), g => Assert.Equal(org.Tribe.ToString(), g!["key"]!.GetValue<string>()));

        // Leadership: the organization with small groups hidden; HR: everything.
        var leadership = await App.ClientForAsync($"lead-{Guid.NewGuid():N}@test.example", null, Roles.Leadership);
        var seen = await (await leadership.GetAsync("/api/careers/reports/distribution?by=location")).JsonAsync();
        Assert.Equal("organization", seen["frame"]!["scope"]!.GetValue<string>());
        Assert.True(seen["frame"]!["hidesSmallGroups"]!.GetValue<bool>());
        Assert.True(seen["groups"]!.AsArray().Single(g => g!["name"]!.GetValue<string>() == org.Location)!["hidden"]!.GetValue<bool>());
        var hr = await (await org.Hr.GetAsync("/api/careers/reports/distribution?by=location")).JsonAsync();
        Assert.False(hr["frame"]!["hidesSmallGroups"]!.GetValue<bool>());
        Assert.Equal(1, hr["groups"]!.AsArray().Single(g => g!["name"]!.GetValue<string>() == org.Location)!["people"]!.GetValue<int>());

        var bad = await org.Hr.GetAsync("/api/careers/reports/distribution?by=planet");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull((await bad.JsonAsync())["errors"]!["by"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await org.Hr.GetAsync("/api/careers/reports/promotions?from=2025-01-01&to=2024-01-01")).StatusCode);
    }
}

public sealed class CareerReportAccessTests_Sqlite(SqliteDatabase database) : CareerReportAccessTests<SqliteDatabase>(database);

public sealed class CareerReportAccessTests_Postgres(PostgresDatabase database) : CareerReportAccessTests<PostgresDatabase>(database);
