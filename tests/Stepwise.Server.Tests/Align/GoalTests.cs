using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;

namespace Stepwise.Server.Tests.Align;

/// <summary>
/// WIGs and sWIGs: "from X to Y by when", at most two WIGs per unit, every sWIG aligned to exactly one parent, no cycles,
/// a scoreboard of readings against the line to target, and weekly check-ins with commitments.
/// </summary>
public abstract class GoalTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);

    private static object Wig(Guid unit, string title, Guid? parentId = null) => new
    {
        unitId = unit, kind = "wig", title, measureName = "Weekly active listeners", measureUnit = "k", fromValue = 100, toValue = 150,
        startOn = Today.AddDays(-30).ToString("yyyy-MM-dd"), deadline = Today.AddDays(150).ToString("yyyy-MM-dd"), parentId,
    };

    private static object Swig(Guid unit, Guid? parentId, string title = "Ship two playlist experiments a week", Guid[]? parentIds = null) => new
    {
        unitId = unit, kind = "swig", title, measureName = "Experiments shipped", fromValue = 0, toValue = 24,
        startOn = Today.AddDays(-7).ToString("yyyy-MM-dd"), deadline = Today.AddDays(84).ToString("yyyy-MM-dd"), parentId, parentIds,
    };

    private static async Task<Guid> CreateAsync(HttpClient client, object body) => (await client.PostOkAsync("/api/align/goals", body)).Id();

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body) =>
        await client.PostAsJsonAsync(url, body, ApiJson.Web, TestContext.Current.CancellationToken);

    [Fact]
    public async Task TheTree_CompanyWigTribeWigAndSquadSwig_WithScoreboardAndCheckIns()
    {
        var org = await AlignOrg.CreateAsync(database.App);
        var companyWig = await CreateAsync(org.Admin, Wig(org.Company, "Grow listening"));
        var tribeWig = await CreateAsync(org.TribeLead, Wig(org.Tribe, "Grow playlist listening", companyWig));
        var swig = await CreateAsync(org.MemberOfA, Swig(org.SquadA, tribeWig));

        var tree = (await (await org.MemberOfB.GetAsync("/api/align/goals")).JsonAsync()).AsArray();
        var root = tree.Single(g => g!["id"]!.GetValue<Guid>() == companyWig)!;
        var child = root["children"]!.AsArray().Single()!;
        Assert.Equal(tribeWig, child.Id());
        Assert.Equal(swig, child["children"]!.AsArray().Single()!.Id());
        Assert.StartsWith("From 100k to 150k by ", root["statement"]!.GetValue<string>(), StringComparison.Ordinal);

        await org.TribeLead.PostOkAsync($"/api/align/goals/{tribeWig}/measurements", new { on = Today.AddDays(-20).ToString("yyyy-MM-dd"), value = 101 });
        await org.TribeLead.PostOkAsync($"/api/align/goals/{tribeWig}/measurements", new { on = Today.ToString("yyyy-MM-dd"), value = 111 });
        await org.MemberOfA.PostOkAsync($"/api/align/goals/{swig}/check-ins", new
        {
            weekOf = Today.AddDays(-7).ToString("yyyy-MM-dd"), commitments = new[] { "Ship shuffle test", "Review radio results" },
        });
        await org.MemberOfA.PostOkAsync($"/api/align/goals/{swig}/check-ins", new { commitments = new[] { "Ship mix test" }, previousKept = 1, value = 3 });

        var board = await (await org.MemberOfB.GetAsync($"/api/align/goals/{tribeWig}")).JsonAsync();
        var readings = board["measurements"]!.AsArray();
        Assert.Equal(2, readings.Count);
        // The line runs from 100 (30 days ago) to 150 (in 150 days): 180 days for 50k, so today it asks for 108.33.
        Assert.Equal(108.333, readings[1]!["target"]!.GetValue<double>(), 2);
        Assert.True(board["goal"]!["onTrack"]!.GetValue<bool>());
        Assert.Equal("lag", board["measure"]!.GetValue<string>());

        var swigBoard = await (await org.MemberOfA.GetAsync($"/api/align/goals/{swig}")).JsonAsync();
        var checkIns = swigBoard["checkIns"]!.AsArray();
        Assert.Equal(2, checkIns.Count);
        Assert.Equal(1, checkIns[0]!["previousKept"]!.GetValue<int>());
        Assert.Equal(2, checkIns[0]!["previousTotal"]!.GetValue<int>());
        Assert.Equal(3, swigBoard["goal"]!["latest"]!.GetValue<double>());
        Assert.Equal("lead", swigBoard["measure"]!.GetValue<string>());
    }

    [Fact]
    public async Task BadGoals_AreRefusedWithReasons_AndNothingIsWritten()
    {
        var org = await AlignOrg.CreateAsync(database.App);
        var companyWig = await CreateAsync(org.Admin, Wig(org.Company, "Grow listening"));
        var tribeWig = await CreateAsync(org.TribeLead, Wig(org.Tribe, "Grow playlists", companyWig));
        await CreateAsync(org.TribeLead, Wig(org.Tribe, "Cut churn"));
        var before = (await (await org.Admin.GetAsync("/api/align/goals")).JsonAsync()).ToJsonString();

        // A third WIG for the tribe: focus is the point.
        var third = await PostAsync(org.TribeLead, "/api/align/goals", Wig(org.Tribe, "Everything else"));
        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        // A sWIG with no parent, or with two.
        var orphan = await PostAsync(org.MemberOfA, "/api/align/goals", Swig(org.SquadA, null));
        Assert.NotNull((await orphan.JsonAsync())["errors"]!["parentId"]);
        var twoParents = await PostAsync(org.MemberOfA, "/api/align/goals", Swig(org.SquadA, null, parentIds: [tribeWig, companyWig]));
        Assert.Equal(HttpStatusCode.BadRequest, twoParents.StatusCode);
        Assert.NotNull((await twoParents.JsonAsync())["errors"]!["parentIds"]);
        // A member cannot set a WIG; a squad B member cannot add squad A's sWIGs.
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(org.MemberOfA, "/api/align/goals", Wig(org.SquadA, "Mine"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(org.MemberOfB, "/api/align/goals", Swig(org.SquadA, tribeWig))).StatusCode);
        // From X to X, and a deadline before the start.
        var flat = await PostAsync(org.TribeLead, "/api/align/goals", new
        {
            unitId = org.SquadA, kind = "wig", title = "Flat", measureName = "m", fromValue = 5, toValue = 5, deadline = Today.AddDays(-1).ToString("yyyy-MM-dd"),
        });
        var flatErrors = (await flat.JsonAsync())["errors"]!;
        Assert.NotNull(flatErrors["toValue"]);
        Assert.NotNull(flatErrors["deadline"]);
        // The company WIG under the tribe WIG would make a cycle.
        var cycle = await org.Admin.PutAsJsonAsync($"/api/align/goals/{companyWig}/parent", new { parentId = tribeWig }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, cycle.StatusCode);
        Assert.Contains("cycles", (await cycle.JsonAsync())["errors"]!["parentId"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal(before, (await (await org.Admin.GetAsync("/api/align/goals")).JsonAsync()).ToJsonString());
    }

    [Fact]
    public async Task CheckIns_OnePerWeek_KeptCannotExceedLastWeeksCommitments_NoFutureReadings()
    {
        var org = await AlignOrg.CreateAsync(database.App);
        var tribeWig = await CreateAsync(org.TribeLead, Wig(org.Tribe, "Grow playlists"));
        var swig = await CreateAsync(org.MemberOfA, Swig(org.SquadA, tribeWig));
        await org.MemberOfA.PostOkAsync($"/api/align/goals/{swig}/check-ins", new { weekOf = Today.AddDays(-7).ToString("yyyy-MM-dd"), commitments = new[] { "One" } });

        var tooMany = await PostAsync(org.MemberOfA, $"/api/align/goals/{swig}/check-ins", new { commitments = new[] { "Two" }, previousKept = 2 });
        Assert.NotNull((await tooMany.JsonAsync())["errors"]!["previousKept"]);
        var empty = await PostAsync(org.MemberOfA, $"/api/align/goals/{swig}/check-ins", new { commitments = Array.Empty<string>() });
        Assert.NotNull((await empty.JsonAsync())["errors"]!["commitments"]);
        await org.MemberOfA.PostOkAsync($"/api/align/goals/{swig}/check-ins", new { commitments = new[] { "Two" }, previousKept = 1 });
        var again = await PostAsync(org.MemberOfA, $"/api/align/goals/{swig}/check-ins", new { commitments = new[] { "Three" } });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var future = await PostAsync(org.TribeLead, $"/api/align/goals/{tribeWig}/measurements", new { on = Today.AddDays(3).ToString("yyyy-MM-dd"), value = 120 });
        Assert.NotNull((await future.JsonAsync())["errors"]!["on"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(org.MemberOfB, $"/api/align/goals/{swig}/check-ins", new { commitments = new[] { "x" } })).StatusCode);

        var board = await (await org.MemberOfA.GetAsync($"/api/align/goals/{swig}")).JsonAsync();
        Assert.Equal(2, board["checkIns"]!.AsArray().Count);
        Assert.Empty((await (await org.MemberOfA.GetAsync($"/api/align/goals/{tribeWig}")).JsonAsync())["measurements"]!.AsArray());
    }
}

public sealed class GoalTests_Sqlite(SqliteDatabase database) : GoalTests<SqliteDatabase>(database);

public sealed class GoalTests_Postgres(PostgresDatabase database) : GoalTests<PostgresDatabase>(database);
