using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;

namespace Stepwise.Server.Tests.Lifecycle;

/// <summary>
/// Features through the API: every gate is a recorded decision, the hypothesis is fixed once users have the feature,
/// two deciders cannot both move it, investment comes from the squad allocation unless a week is entered, and bad
/// input is refused with field errors and nothing saved.
/// </summary>
public abstract class FeatureLifecycleTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private StepwiseApp App => database.App;

    private sealed record Org(HttpClient Admin, Guid Tribe, Guid SquadA, Guid SquadB, HttpClient MemberOfA, HttpClient MemberOfB, HttpClient TribeLead);

    private async Task<Org> OrgAsync()
    {
        // Hypothesis metrics must be in the catalogue.
        var steward = await App.AdminAsync();
        foreach (var metric in new[] { "conversion", "errors", "revenue" })
            await steward.PostAsJsonAsync("/api/metrics", new { key = metric, name = metric, kind = "conversion", eventName = metric });
        var admin = await App.AdminAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var company = (await admin.PostOkAsync("/api/units", new { key = $"co-{suffix}", name = "Co", kind = "company" })).Id();
        var tribe = (await admin.PostOkAsync("/api/units", new { key = $"tribe-{suffix}", name = $"Tribe {suffix}", kind = "tribe", parentId = company })).Id();
        var a = (await admin.PostOkAsync("/api/units", new { key = $"a-{suffix}", name = "Squad A", kind = "squad", parentId = tribe })).Id();
        var b = (await admin.PostOkAsync("/api/units", new { key = $"b-{suffix}", name = "Squad B", kind = "squad", parentId = tribe })).Id();
        var ann = await HireAsync(admin, "ann", a);
        await HireAsync(admin, "ben", a);
        var cat = await HireAsync(admin, "cat", b);
        var lead = await HireAsync(admin, "lea", null);
        await admin.PostOkAsync($"/api/people/{lead}/memberships", new { unitId = tribe, role = "lead", effectiveOn = "2024-01-01" });
        return new Org(admin, tribe, a, b,
            await App.ClientForAsync($"ann-{suffix}@test.example", ann),
            await App.ClientForAsync($"cat-{suffix}@test.example", cat),
            await App.ClientForAsync($"lea-{suffix}@test.example", lead));
    }

    private static async Task<Guid> HireAsync(HttpClient hr, string name, Guid? unit) =>
        (await hr.PostOkAsync("/api/people", new
        {
            email = $"{name}-{Guid.NewGuid():N}@test.example", name, title = "Engineer", discipline = "backend", location = "Oslo",
            track = "individualContributor", employmentStart = "2024-01-01", unitId = unit,
        })).Id();

    private static string NewKey() => $"feat-{Guid.NewGuid():N}"[..17];

    private static object Hypothesis(string metric = "conversion") => new
    {
        statement = "One page will convert better.",
        successMetrics = new[] { new { metricKey = metric, direction = "increase", minimumEffect = 0.02 } },
        guardrailMetrics = new[] { new { metricKey = "errors", direction = "decrease", margin = 0.01 } },
    };

    private static async Task<JsonNode> CreateAsync(HttpClient client, Guid owner, string key, object? hypothesis = null) =>
        await client.PostOkAsync("/api/lifecycle/features", new { key, name = "One-page checkout", ownerUnitId = owner, hypothesis = hypothesis ?? Hypothesis(), flagKeys = new[] { "new-checkout" } });

    private static Task<HttpResponseMessage> DecideAsync(HttpClient client, string key, string kind, object? extra = null)
    {
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra ?? new { }))!.AsObject();
        body["kind"] = kind;
        body["rationale"] ??= $"{kind} because the evidence says so";
        return client.PostAsJsonAsync($"/api/lifecycle/features/{key}/decisions", body);
    }

    private static async Task<JsonNode> DecideOkAsync(HttpClient client, string key, string kind, object? extra = null)
    {
        var response = await DecideAsync(client, key, kind, extra);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    [Fact]
    public async Task AFeature_MovesThroughEveryPhase_ByRecordedDecisions()
    {
        var org = await OrgAsync();
        var key = NewKey();
        var created = await CreateAsync(org.MemberOfA, org.SquadA, key);
        Assert.Equal("thinkIt", created["phase"]!.GetValue<string>());

        await DecideOkAsync(org.MemberOfA, key, "advance", new { evidence = new[] { new { kind = "userTest", title = "Five users", url = "https://example.com/report" } } });
        var shipped = await DecideOkAsync(org.MemberOfA, key, "advance");
        Assert.Equal("shipIt", shipped["phase"]!.GetValue<string>());
        Assert.NotNull(shipped["investment"]!["timeToFirstValueDays"]);
        Assert.NotNull(shipped["firstValueAt"]);
        Assert.Null(shipped["fullReleaseAt"]);
        await DecideOkAsync(org.MemberOfA, key, "iterate", new { rationale = "Guardrail noisy at 5%; keep the stage" });
        await DecideOkAsync(org.MemberOfA, key, "advance", new { measuredEffect = 0.031 });
        var maintained = await DecideOkAsync(org.MemberOfA, key, "advance", new { measuredEffect = 0.025 });
        Assert.Equal("maintainIt", maintained["phase"]!.GetValue<string>());
        Assert.NotNull(maintained["fullReleaseAt"]);
        Assert.Equal(HttpStatusCode.Conflict, (await DecideAsync(org.MemberOfA, key, "advance")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await DecideAsync(org.MemberOfA, key, "stop")).StatusCode);

        var removed = await DecideOkAsync(org.MemberOfA, key, "remove", new { rationale = "Folded into the new basket" });
        Assert.Equal("removed", removed["phase"]!.GetValue<string>());
        var decisions = removed["decisions"]!.AsArray();
        Assert.Equal(["advance", "advance", "iterate", "advance", "advance", "remove"], decisions.Select(d => d!["kind"]!.GetValue<string>()));
        Assert.Equal("userTest", decisions[0]!["evidence"]![0]!["kind"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await DecideAsync(org.MemberOfA, key, "iterate")).StatusCode);
    }

    [Fact]
    public async Task LeavingThinkIt_NeedsAHypothesisAndASuccessMetric()
    {
        var org = await OrgAsync();
        var key = NewKey();
        await CreateAsync(org.MemberOfA, org.SquadA, key, new { statement = "" });
        var refused = await DecideAsync(org.MemberOfA, key, "advance");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("success metric", (await refused.JsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var put = await org.MemberOfA.PutAsJsonAsync($"/api/lifecycle/features/{key}", new { name = "One-page checkout", ownerUnitId = org.SquadA, hypothesis = Hypothesis() });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        await DecideOkAsync(org.MemberOfA, key, "advance");
    }

    [Fact]
    public async Task TheHypothesis_IsFixedOnceUsersHaveTheFeature_UntilAnIterationGoesBack()
    {
        var org = await OrgAsync();
        var key = NewKey();
        await CreateAsync(org.MemberOfA, org.SquadA, key);
        for (var i = 0; i < 2; i++) await DecideOkAsync(org.MemberOfA, key, "advance");
        var moved = new { name = "One-page checkout", ownerUnitId = org.SquadA, hypothesis = Hypothesis("revenue"), flagKeys = new[] { "new-checkout" } };

        var refused = await org.MemberOfA.PutAsJsonAsync($"/api/lifecycle/features/{key}", moved);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var unchanged = await (await org.MemberOfA.GetAsync($"/api/lifecycle/features/{key}")).JsonAsync();
        Assert.Equal("conversion", unchanged["hypothesis"]!["successMetrics"]![0]!["metricKey"]!.GetValue<string>());

        var renamed = await org.MemberOfA.PutAsJsonAsync($"/api/lifecycle/features/{key}", new { name = "Renamed", ownerUnitId = org.SquadA, hypothesis = Hypothesis(), flagKeys = new[] { "new-checkout" } });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);

        await DecideOkAsync(org.MemberOfA, key, "iterate", new { toPhase = "buildIt", rationale = "The metric we chose cannot see the effect" });
        Assert.Equal(HttpStatusCode.OK, (await org.MemberOfA.PutAsJsonAsync($"/api/lifecycle/features/{key}", moved)).StatusCode);
    }

    [Fact]
    public async Task TwoPeopleDeciding_OnlyTheFirstMovesTheFeature()
    {
        var org = await OrgAsync();
        var key = NewKey();
        await CreateAsync(org.MemberOfA, org.SquadA, key);
        await DecideOkAsync(org.MemberOfA, key, "advance", new { expectedPhase = "thinkIt" });
        var second = await DecideAsync(org.TribeLead, key, "advance", new { expectedPhase = "thinkIt" });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var feature = await (await org.Admin.GetAsync($"/api/lifecycle/features/{key}")).JsonAsync();
        Assert.Equal("buildIt", feature["phase"]!.GetValue<string>());
        Assert.Single(feature["decisions"]!.AsArray());
    }

    [Fact]
    public async Task DecisionsOutOfPlace_AreRefused()
    {
        var org = await OrgAsync();
        var key = NewKey();
        await CreateAsync(org.MemberOfA, org.SquadA, key);
        await DecideOkAsync(org.MemberOfA, key, "advance");
        Assert.Equal(HttpStatusCode.Conflict, (await DecideAsync(org.MemberOfA, key, "remove")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await DecideAsync(org.MemberOfA, key, "iterate", new { toPhase = "shipIt" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await DecideAsync(org.MemberOfA, key, "jump")).StatusCode);
        var stopped = await DecideOkAsync(org.MemberOfA, key, "stop", new { rationale = "Prototype showed nobody needs it" });
        Assert.Equal("removed", stopped["phase"]!.GetValue<string>());
        Assert.Null(stopped["fullReleaseAt"]);
    }

    [Fact]
    public async Task BadInput_GetsFieldErrors_AndNothingIsSaved()
    {
        var org = await OrgAsync();
        var key = NewKey();
        var response = await org.MemberOfA.PostAsJsonAsync("/api/lifecycle/features", new
        {
            key,
            name = "",
            ownerUnitId = Guid.NewGuid(),
            hypothesis = new
            {
                statement = "x",
                successMetrics = new[] { new { metricKey = "Bad Key!", direction = "increase", minimumEffect = -1.0 } },
                guardrailMetrics = new[] { new { metricKey = "errors", direction = "decrease", margin = 2.0 } },
            },
            flagKeys = new[] { "no spaces allowed" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        foreach (var field in new[] { "name", "ownerUnitId", "hypothesis.successMetrics[0].metricKey", "hypothesis.successMetrics[0].minimumEffect", "hypothesis.guardrailMetrics[0].margin", "flagKeys[0]" })
            Assert.True(errors.ContainsKey(field), $"no error for {field}: {errors}");
        Assert.Equal(HttpStatusCode.NotFound, (await org.Admin.GetAsync($"/api/lifecycle/features/{key}")).StatusCode);

        await CreateAsync(org.MemberOfA, org.SquadA, key);
        var badEvidence = await DecideAsync(org.MemberOfA, key, "advance", new { evidence = new[] { new { kind = "userTest", title = "x", url = "javascript:alert(1)" } } });
        Assert.Equal(HttpStatusCode.BadRequest, badEvidence.StatusCode);
        Assert.True((await badEvidence.JsonAsync())["errors"]!.AsObject().ContainsKey("evidence[0].url"));
        var duplicate = await org.MemberOfA.PutAsJsonAsync($"/api/lifecycle/features/{key}", new
        {
            name = "x", ownerUnitId = org.SquadA,
            hypothesis = new { statement = "x", successMetrics = new[] { new { metricKey = "errors", direction = "increase", minimumEffect = 0.1 } }, guardrailMetrics = new[] { new { metricKey = "errors", direction = "decrease", margin = 0.1 } } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        var feature = await (await org.Admin.GetAsync($"/api/lifecycle/features/{key}")).JsonAsync();
        Assert.Equal("thinkIt", feature["phase"]!.GetValue<string>());
        Assert.Empty(feature["decisions"]!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await org.Admin.GetAsync("/api/lifecycle/features?phase=someday")).StatusCode);
    }

    [Fact]
    public async Task OnlyTheOwningSquad_ItsTribeLead_AndStewards_ChangeAFeature()
    {
        var org = await OrgAsync();
        var key = NewKey();
        Assert.Equal(HttpStatusCode.Forbidden, (await org.MemberOfB.PostAsJsonAsync("/api/lifecycle/features", new { key, name = "x", ownerUnitId = org.SquadA })).StatusCode);
        await CreateAsync(org.MemberOfA, org.SquadA, key);

        Assert.Equal(HttpStatusCode.Forbidden, (await DecideAsync(org.MemberOfB, key, "advance")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await org.MemberOfB.PostAsJsonAsync($"/api/lifecycle/features/{key}/investment", new { weekStart = Today, personWeeks = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await org.MemberOfB.GetAsync($"/api/lifecycle/features/{key}")).StatusCode);
        var stranger = await App.ClientForAsync($"stranger-{Guid.NewGuid():N}@test.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await DecideAsync(stranger, key, "advance")).StatusCode);

        await DecideOkAsync(org.TribeLead, key, "advance");
        var leadership = await App.ClientForAsync($"cto-{Guid.NewGuid():N}@test.example", null, "Leadership");
        await DecideOkAsync(leadership, key, "advance");
        var feature = await (await org.Admin.GetAsync($"/api/lifecycle/features/{key}")).JsonAsync();
        Assert.Equal("shipIt", feature["phase"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.Anonymous().GetAsync($"/api/lifecycle/features/{key}")).StatusCode);
    }

    [Fact]
    public async Task Investment_ComesFromTheSquadAllocation_UnlessTheWeekWasEntered()
    {
        var org = await OrgAsync();
        var key = NewKey();
        await CreateAsync(org.MemberOfA, org.SquadA, key);
        var allocated = await org.MemberOfA.PostOkAsync($"/api/lifecycle/features/{key}/allocations", new { share = 0.5, from = Today });
        var week = allocated["investment"]!["weeks"]!.AsArray().Last()!;
        Assert.Equal(1.0, week["personWeeks"]!.GetValue<double>()); // two people in squad A × 50%
        Assert.Equal("allocation", week["source"]!.GetValue<string>());

        var entered = await org.MemberOfA.PostOkAsync($"/api/lifecycle/features/{key}/investment", new { weekStart = Today, personWeeks = 3.5 });
        var enteredWeek = entered["investment"]!["weeks"]!.AsArray().Last()!;
        Assert.Equal(3.5, enteredWeek["personWeeks"]!.GetValue<double>());
        Assert.Equal("entered", enteredWeek["source"]!.GetValue<string>());
        Assert.Equal(3.5, entered["investment"]!["totalPersonWeeks"]!.GetValue<double>());

        var future = await org.MemberOfA.PostAsJsonAsync($"/api/lifecycle/features/{key}/investment", new { weekStart = DateOnly.FromDateTime(DateTime.UnixEpoch).AddYears(100).ToString("yyyy-MM-dd"), personWeeks = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        var negative = await org.MemberOfA.PostAsJsonAsync($"/api/lifecycle/features/{key}/investment", new { weekStart = Today, personWeeks = -1 });
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);

        var byPhase = await (await org.Admin.GetAsync("/api/lifecycle/investment")).JsonAsync();
        var tribeRow = byPhase["units"]!.AsArray().Single(u => u!["unitId"]!.GetValue<Guid>() == org.Tribe)!;
        Assert.Equal(3.5, tribeRow["personWeeks"]!["thinkIt"]!.GetValue<double>());
    }

    [Fact]
    public async Task Maintenance_ListsMaintainedFeaturesWhoseValueFallsShort()
    {
        var org = await OrgAsync();
        var weak = NewKey();
        var strong = NewKey();
        foreach (var (key, effect) in new[] { (weak, 0.004), (strong, 0.05) })
        {
            await CreateAsync(org.MemberOfA, org.SquadA, key);
            for (var i = 0; i < 2; i++) await DecideOkAsync(org.MemberOfA, key, "advance");
            await DecideOkAsync(org.MemberOfA, key, "advance", new { measuredEffect = effect });
        }
        await DecideOkAsync(org.MemberOfA, weak, "advance");
        await DecideOkAsync(org.MemberOfA, strong, "advance");

        var view = await (await org.Admin.GetAsync("/api/lifecycle/maintenance")).JsonAsync();
        var keys = view["unjustified"]!.AsArray().Select(u => u!["featureKey"]!.GetValue<string>()).ToList();
        Assert.Contains(weak, keys);
        Assert.DoesNotContain(strong, keys);
        Assert.Equal(HttpStatusCode.BadRequest, (await org.Admin.GetAsync("/api/lifecycle/maintenance?staleAfterDays=0")).StatusCode);
    }

    private static string Today => DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd");
}

public sealed class FeatureLifecycleTests_Sqlite(SqliteDatabase db) : FeatureLifecycleTests<SqliteDatabase>(db);

public sealed class FeatureLifecycleTests_Postgres(PostgresDatabase db) : FeatureLifecycleTests<PostgresDatabase>(db);
