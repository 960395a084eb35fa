using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;

namespace Stepwise.Server.Tests.Align;

/// <summary>
/// Priority stacks: leads rank their unit's priorities, every change carries a reason and lands in a replayable history,
/// and an editor working from a stale version gets 409 with nothing written.
/// </summary>
public abstract class PriorityStackTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private static async Task<JsonNode> AddAsync(HttpClient client, string unit, string title, int version) =>
        await client.PostOkAsync($"/api/align/priorities/{unit}/items", new { title, expectedVersion = version, reason = $"We need {title}." });

    private static List<string> Titles(JsonNode stack) => [.. stack["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>())];

    [Fact]
    public async Task Lead_RanksTheTribesPriorities_AndTheHistoryReplaysAnyMoment()
    {
        var org = await AlignOrg.CreateAsync(database.App);
        await org.TribeLead.PostOkAsync("/api/align/priorities", new { unitId = org.Tribe });
        await AddAsync(org.TribeLead, org.TribeKey, "Reliability", 0);
        await AddAsync(org.TribeLead, org.TribeKey, "Checkout speed", 1);
        var stack = await AddAsync(org.TribeLead, org.TribeKey, "Onboarding", 2);
        Assert.Equal(["Reliability", "Checkout speed", "Onboarding"], Titles(stack));
        var between = TimeProvider.System.GetUtcNow();
        await Task.Delay(20, TestContext.Current.CancellationToken);

        var onboarding = stack["items"]![2]!["id"]!.GetValue<Guid>();
        var moved = await org.TribeLead.PostOkAsync($"/api/align/priorities/{org.TribeKey}/items/{onboarding}/move",
            new { toRank = 1, expectedVersion = 3, reason = "Activation fell for three months." });
        Assert.Equal(["Onboarding", "Reliability", "Checkout speed"], Titles(moved));
        Assert.Equal(4, moved["version"]!.GetValue<int>());

        var then = await (await org.MemberOfA.GetAsync($"/api/align/priorities/{org.TribeKey}?asOf={Uri.EscapeDataString(between.ToString("O"))}")).JsonAsync();
        Assert.Equal(["Reliability", "Checkout speed", "Onboarding"], Titles(then));
        Assert.Equal(3, then["version"]!.GetValue<int>());

        var history = (await (await org.MemberOfB.GetAsync($"/api/align/priorities/{org.TribeKey}/history")).JsonAsync()).AsArray();
        Assert.Equal(4, history.Count);
        var last = history[0]!;
        Assert.Equal("moved", last["kind"]!.GetValue<string>());
        Assert.Equal(3, last["fromRank"]!.GetValue<int>());
        Assert.Equal(1, last["toRank"]!.GetValue<int>());
        Assert.Equal("Activation fell for three months.", last["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task StaleVersion_MissingReason_AndNonLeads_AreRefused_AndNothingChanges()
    {
        var org = await AlignOrg.CreateAsync(database.App);
        await org.TribeLead.PostOkAsync("/api/align/priorities", new { unitId = org.Tribe });
        await AddAsync(org.TribeLead, org.TribeKey, "Reliability", 0);
        var stack = await AddAsync(org.TribeLead, org.TribeKey, "Speed", 1);
        var speed = stack["items"]![1]!["id"]!.GetValue<Guid>();

        // Someone else moved it meanwhile: this editor still holds version 1.
        var stale = await org.TribeLead.PostAsJsonAsync($"/api/align/priorities/{org.TribeKey}/items/{speed}/move",
            new { toRank = 1, expectedVersion = 1, reason = "Speed first." }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("version 1", (await stale.JsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var noReason = await org.TribeLead.PostAsJsonAsync($"/api/align/priorities/{org.TribeKey}/items/{speed}/move",
            new { toRank = 1, expectedVersion = 2, reason = " " }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.NotNull((await noReason.JsonAsync())["errors"]!["reason"]);

        var member = await org.MemberOfA.PostAsJsonAsync($"/api/align/priorities/{org.TribeKey}/items/{speed}/move",
            new { toRank = 1, expectedVersion = 2, reason = "I think so." }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, member.StatusCode);
        var companyByLead = await org.TribeLead.PostAsJsonAsync("/api/align/priorities", new { unitId = org.Company }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, companyByLead.StatusCode);

        var now = await (await org.MemberOfA.GetAsync($"/api/align/priorities/{org.TribeKey}")).JsonAsync();
        Assert.Equal(["Reliability", "Speed"], Titles(now));
        Assert.Equal(2, now["version"]!.GetValue<int>());
        Assert.Equal(2, (await (await org.MemberOfA.GetAsync($"/api/align/priorities/{org.TribeKey}/history")).JsonAsync()).AsArray().Count);
    }

    [Fact]
    public async Task WorkUnderEachPriority_AndWorkThatServesNone()
    {
        var org = await AlignOrg.CreateAsync(database.App);
        await org.Admin.PostOkAsync("/api/align/priorities", new { unitId = org.Company });
        var stack = await AddAsync(org.Admin, org.CompanyKey, $"Grow paid users {org.Suffix}", 0);
        var priority = stack["items"]![0]!["id"]!.GetValue<Guid>();
        var served = $"served-{org.Suffix}";
        var orphan = $"orphan-{org.Suffix}";
        await org.MemberOfA.PostOkAsync("/api/lifecycle/features", new { key = served, name = "Family plan", ownerUnitId = org.SquadA });
        await org.MemberOfA.PostOkAsync("/api/lifecycle/features", new { key = orphan, name = "Dark mode", ownerUnitId = org.SquadA });

        Assert.Equal(HttpStatusCode.Forbidden, (await org.MemberOfB.PutAsJsonAsync($"/api/align/features/{served}/priority",
            new { priorityItemId = priority }, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await org.MemberOfA.PutAsJsonAsync($"/api/align/features/{served}/priority",
            new { priorityItemId = priority }, TestContext.Current.CancellationToken)).StatusCode);

        var work = await (await org.MemberOfB.GetAsync("/api/align/work")).JsonAsync();
        var under = work["priorities"]!.AsArray().Single(p => p!["priorityItemId"]!.GetValue<Guid>() == priority)!;
        Assert.Contains(under["work"]!.AsArray(), w => w!["key"]!.GetValue<string>() == served);
        Assert.Contains(work["unaligned"]!.AsArray(), w => w!["key"]!.GetValue<string>() == orphan);
        Assert.DoesNotContain(work["unaligned"]!.AsArray(), w => w!["key"]!.GetValue<string>() == served);
    }
}

public sealed class PriorityStackTests_Sqlite(SqliteDatabase database) : PriorityStackTests<SqliteDatabase>(database);

public sealed class PriorityStackTests_Postgres(PostgresDatabase database) : PriorityStackTests<PostgresDatabase>(database);
