using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;

namespace Stepwise.Server.Tests.Align;

/// <summary>
/// DUHBs: anyone writes one, only the author changes it, others endorse (once, never their own), and a bet becomes a
/// feature in Think it through the feature rules, pre-filled and serving the DUHB's priority, exactly once.
/// </summary>
public abstract class DuhbTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Bet(string title, Guid squad, string? statement = "Shorter onboarding lifts trial-to-paid conversion.", Guid? id = null) => new
    {
        id, title, squadId = squad,
        hypothesis = new
        {
            statement,
            successMetrics = new[] { new { metricKey = "trial-conversion", direction = "increase", minimumEffect = 0.05 } },
            guardrailMetrics = new[] { new { metricKey = "support-tickets", direction = "decrease", margin = 0.1 } },
        },
    };

    private static object Duhb(Guid unit, Guid squad, Guid? priority = null, string understanding = "Most trials stop at step three of onboarding.",
        object[]? bets = null, string[]? links = null) => new
    {
        title = "Trials stall in onboarding", unitId = unit, priorityItemId = priority,
        data = "Funnel of the last quarter.",
        dataPoints = new[] { new { label = "Trials reaching step 3", value = 41.5, unit = "%", source = "https://dash.example/funnel" } },
        links = links ?? ["https://dash.example/funnel"],
        understanding, hypotheses = new[] { "Step three asks for too much before value is shown." },
        bets = bets ?? [Bet("Guided first session", squad)],
    };

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body, ApiJson.Web, Ct);

    private static async Task<JsonNode> GetAsync(HttpClient client, string url) => await (await client.GetAsync(url, Ct)).JsonAsync();

    private static async Task<Guid> PriorityAsync(AlignOrg org)
    {
        await org.TribeLead.PostOkAsync("/api/align/priorities", new { unitId = org.Tribe });
        var stack = await org.TribeLead.PostOkAsync($"/api/align/priorities/{org.TribeKey}/items",
            new { title = "Grow paying listeners", expectedVersion = 0, reason = "Revenue." });
        return stack["items"]![0]!["id"]!.GetValue<Guid>();
    }

    [Fact]
    public async Task Write_Review_Endorse_AndABetBecomesAFeature_ThatTheDuhbFollows()
    {
        var org = await AlignOrg.CreateAsync(database.App);
        var priority = await PriorityAsync(org);
        var id = (await org.MemberOfA.PostOkAsync("/api/align/duhbs", Duhb(org.Tribe, org.SquadA, priority))).Id();
        await org.MemberOfA.PostOkAsync($"/api/align/duhbs/{id}/state", new { state = "inReview" });

        Assert.Equal(1, (await org.MemberOfB.PostOkAsync($"/api/align/duhbs/{id}/endorsements", new { }))["endorsements"]!.GetValue<int>());
        Assert.Equal(2, (await org.TribeLead.PostOkAsync($"/api/align/duhbs/{id}/endorsements", new { }))["endorsements"]!.GetValue<int>());
        var withdrawn = await org.TribeLead.DeleteAsync($"/api/align/duhbs/{id}/endorsements", Ct);
        Assert.Equal(1, (await withdrawn.JsonAsync())["endorsements"]!.GetValue<int>());
        await org.MemberOfB.PostOkAsync($"/api/align/duhbs/{id}/comments", new { text = "Do we know how many come back the next day?" });

        var details = await GetAsync(org.MemberOfB, $"/api/align/duhbs/{id}");
        Assert.Equal("inReview", details["state"]!.GetValue<string>());
        Assert.True(details["endorsedByMe"]!.GetValue<bool>());
        Assert.False(details["canEdit"]!.GetValue<bool>());
        Assert.Single(details["comments"]!.AsArray());
        Assert.Equal(41.5, details["dataPoints"]![0]!["value"]!.GetValue<double>());
        var bet = details["bets"]![0]!["id"]!.GetValue<Guid>();

        var key = $"guided-{org.Suffix}";
        var converted = await org.MemberOfA.PostOkAsync($"/api/align/duhbs/{id}/bets/{bet}/feature", new { key });
        Assert.Equal(key, converted["key"]!.GetValue<string>());
        var feature = await GetAsync(org.MemberOfB, $"/api/lifecycle/features/{key}");
        Assert.Equal("thinkIt", feature["phase"]!.GetValue<string>());
        Assert.Equal("Guided first session", feature["name"]!.GetValue<string>());
        Assert.Equal("Shorter onboarding lifts trial-to-paid conversion.", feature["hypothesis"]!["statement"]!.GetValue<string>());
        Assert.Equal("trial-conversion", feature["hypothesis"]!["successMetrics"]![0]!["metricKey"]!.GetValue<string>());
        Assert.Equal("support-tickets", feature["hypothesis"]!["guardrailMetrics"]![0]!["metricKey"]!.GetValue<string>());

        var twice = await PostAsync(org.MemberOfA, $"/api/align/duhbs/{id}/bets/{bet}/feature", new { key = key + "-2" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        await org.MemberOfA.PostOkAsync($"/api/lifecycle/features/{key}/decisions", new { kind = "advance", rationale = "Prototype tested well.", measuredEffect = 0.04 });
        var fate = (await GetAsync(org.MemberOfB, $"/api/align/duhbs/{id}"))["bets"]![0]!["fate"]!;
        Assert.Equal(key, fate["featureKey"]!.GetValue<string>());
        Assert.Equal("buildIt", fate["phase"]!.GetValue<string>());
        Assert.Equal(0.04, fate["latestMeasuredEffect"]!.GetValue<double>(), 6);

        var work = await GetAsync(org.MemberOfB, "/api/align/work");
        var underPriority = work["priorities"]!.AsArray().Single(p => p!["priorityItemId"]!.GetValue<Guid>() == priority)!["work"]!.AsArray();
        Assert.Contains(underPriority, w => w!["kind"]!.GetValue<string>() == "DUHB" && w["key"]!.GetValue<string>() == id.ToString());
        Assert.Contains(underPriority, w => w!["kind"]!.GetValue<string>() == "feature" && w["key"]!.GetValue<string>() == key);

        var listed = await GetAsync(org.MemberOfB, $"/api/align/duhbs?unitId={org.Tribe}&state=inReview");
        Assert.True(listed is JsonArray, listed.ToJsonString());
        var list = listed.AsArray();
        var summary = Assert.Single(list)!;
        Assert.Equal(1, summary["betsTaken"]!.GetValue<int>());
        Assert.Empty((await GetAsync(org.MemberOfB, $"/api/align/duhbs?unitId={org.Tribe}&state=closed")).AsArray());
    }

    [Fact]
    public async Task BadInput_IsRefusedWithReasons_AndNothingIsWritten()
    {
        var org = await AlignOrg.CreateAsync(database.App);
        var noHypothesis = await PostAsync(org.MemberOfA, "/api/align/duhbs", Duhb(org.Tribe, org.SquadA, bets: [Bet("A bet", org.SquadA, statement: "")]));
        Assert.NotNull((await noHypothesis.JsonAsync())["errors"]!["bets[0].hypothesis.statement"]);
        var unknownSquad = await PostAsync(org.MemberOfA, "/api/align/duhbs", Duhb(org.Tribe, Guid.NewGuid()));
        Assert.NotNull((await unknownSquad.JsonAsync())["errors"]!["bets[0].squadId"]);
        var badLink = await PostAsync(org.MemberOfA, "/api/align/duhbs", Duhb(org.Tribe, org.SquadA, links: ["javascript:alert(1)"]));
        Assert.NotNull((await badLink.JsonAsync())["errors"]!["links[0]"]);
        Assert.Empty((await GetAsync(org.Admin, $"/api/align/duhbs?unitId={org.Tribe}")).AsArray());

        var id = (await org.MemberOfA.PostOkAsync("/api/align/duhbs", Duhb(org.Tribe, org.SquadB, understanding: ""))).Id();
        var early = await PostAsync(org.MemberOfA, $"/api/align/duhbs/{id}/state", new { state = "inReview" });
        Assert.NotNull((await early.JsonAsync())["errors"]!["understanding"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await org.MemberOfB.PutAsJsonAsync($"/api/align/duhbs/{id}", Duhb(org.Tribe, org.SquadB), ApiJson.Web, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(org.MemberOfB, $"/api/align/duhbs/{id}/endorsements", new { })).StatusCode);
        Assert.Equal("draft", (await GetAsync(org.MemberOfA, $"/api/align/duhbs/{id}"))["state"]!.GetValue<string>());

        (await org.MemberOfA.PutAsJsonAsync($"/api/align/duhbs/{id}", Duhb(org.Tribe, org.SquadB), ApiJson.Web, Ct)).EnsureSuccessStatusCode();
        await org.MemberOfA.PostOkAsync($"/api/align/duhbs/{id}/state", new { state = "inReview" });
        var self = await PostAsync(org.MemberOfA, $"/api/align/duhbs/{id}/endorsements", new { });
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        Assert.Contains("someone else", (await self.JsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await org.MemberOfB.PostOkAsync($"/api/align/duhbs/{id}/endorsements", new { });
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(org.MemberOfB, $"/api/align/duhbs/{id}/endorsements", new { })).StatusCode);

        // The bet belongs to squad B: a member of squad A may not start a feature for it, and nothing is written.
        var bet = (await GetAsync(org.MemberOfA, $"/api/align/duhbs/{id}"))["bets"]![0]!["id"]!.GetValue<Guid>();
        var key = $"stolen-{org.Suffix}";
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(org.MemberOfA, $"/api/align/duhbs/{id}/bets/{bet}/feature", new { key })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await org.MemberOfA.GetAsync($"/api/lifecycle/features/{key}", Ct)).StatusCode);
        var after = await GetAsync(org.MemberOfA, $"/api/align/duhbs/{id}");
        Assert.Null(after["bets"]![0]!["fate"]);
        Assert.Single(after["endorsements"]!.AsArray());
        var badKey = await PostAsync(org.MemberOfB, $"/api/align/duhbs/{id}/bets/{bet}/feature", new { key = "Not A Key!" });
        Assert.Equal(HttpStatusCode.BadRequest, badKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(org.MemberOfB, $"/api/align/duhbs/{id}/bets/{Guid.NewGuid()}/feature", new { })).StatusCode);
    }
}

public sealed class DuhbTests_Sqlite(SqliteDatabase database) : DuhbTests<SqliteDatabase>(database);

public sealed class DuhbTests_Postgres(PostgresDatabase database) : DuhbTests<PostgresDatabase>(database);
