using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stepwise.Data;
using Stepwise.Delivery.Model;
using Stepwise.Events.Ingestion;
using Stepwise.Events.Storage;
using Stepwise.Guard;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;
using static Stepwise.Server.Tests.Delivery.DeliveryTestKit;

namespace Stepwise.Server.Tests.Guard;

/// <summary>
/// Guarded rollouts end to end on the real event store: simulated exposures and metric events for the current stage make
/// the guard roll back (a harmed guardrail), pause (a broken split), advance on its own, or wait for approval.
/// </summary>
public abstract class GuardedRolloutTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private StepwiseApp App => database.App;

    [Fact]
    public async Task HarmedGuardrail_RollsBack_WithReasonInHistory_AndSnapshot()
    {
        var admin = await App.AdminAsync();
        var (id, errors, eventName) = await GuardedRolloutAsync(admin, new { autoAdvance = true, onHarm = "RollBack", completion = "Duration" });
        await SimulateAsync(id, eventName, units: 4000, controlRate: 0.05, treatmentRate: 0.15);

        var check = await admin.PostAsync($"/api/rollouts/{id}/guard/check", null);
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        var snapshot = await check.JsonAsync();
        Assert.Equal("RollBack", snapshot["guardAction"]!.GetValue<string>());
        Assert.Contains(errors, snapshot["guardReason"]!.GetValue<string>(), StringComparison.Ordinal);

        var rollout = await (await admin.GetAsync($"/api/rollouts/{id}")).JsonAsync();
        Assert.Equal("rolledBack", rollout["status"]!.GetValue<string>());
        var last = rollout["history"]!.AsArray()[^1]!;
        Assert.Equal("rolledBack", last["action"]!.GetValue<string>());
        Assert.Equal(RolloutGuardService.ActorName, last["by"]!.GetValue<string>());
        Assert.StartsWith("Guard: Guardrail significantly harmed", last["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        var snapshots = (await (await admin.GetAsync($"/api/rollouts/{id}/snapshots")).JsonAsync()).AsArray();
        var stored = Assert.Single(snapshots)!;
        var guardrail = stored["metrics"]!.AsArray().Single(m => m!["metric"]!.GetValue<string>() == errors)!;
        Assert.Equal("Worse", guardrail["outcome"]!.GetValue<string>());
        Assert.True(guardrail["relativeCiLow"]!.GetValue<double>() > 0, "the interval excludes no harm");

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
        // The flag has no owning unit, so the administrators are told.
        Assert.True(await db.Notifications.AnyAsync(n => n.Topic == GuardNotifications.RolledBackTopic && n.Link == $"/delivery/rollouts/{id}"));
        var audited = await db.AuditLog.AsNoTracking().Where(a => a.EntityType == nameof(RolloutPlan) && a.After!.Contains("Guardrail significantly harmed")).ToListAsync();
        Assert.Contains(audited, a => a.EntityId.Contains(id.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task HealthyStage_AdvancesAutomatically_OnTheScheduledRun()
    {
        var admin = await App.AdminAsync();
        var (id, _, eventName) = await GuardedRolloutAsync(admin, new { autoAdvance = true, completion = "Duration" });
        await SimulateAsync(id, eventName, units: 2000, controlRate: 0.05, treatmentRate: 0.05);

        var result = await App.Services.GetRequiredService<GuardScheduler>().RunOnceAsync(CancellationToken.None);
        Assert.Contains(result.Actions, a => a.StartsWith($"rollout-{id:N}: Advance", StringComparison.Ordinal));

        var rollout = await (await admin.GetAsync($"/api/rollouts/{id}")).JsonAsync();
        Assert.Equal(1, rollout["currentStage"]!.GetValue<int>());
        var last = rollout["history"]!.AsArray()[^1]!;
        Assert.Equal("advanced", last["action"]!.GetValue<string>());
        Assert.Equal(RolloutGuardService.ActorName, last["by"]!.GetValue<string>());
    }

    [Fact]
    public async Task HealthyStage_WithApprovalRequired_WaitsForAPerson()
    {
        var admin = await App.AdminAsync();
        var (id, _, eventName) = await GuardedRolloutAsync(admin, new { autoAdvance = false, completion = "Duration" });
        await SimulateAsync(id, eventName, units: 2000, controlRate: 0.05, treatmentRate: 0.05);

        var snapshot = await (await admin.PostAsync($"/api/rollouts/{id}/guard/check", null)).JsonAsync();
        Assert.Equal("AwaitApproval", snapshot["guardAction"]!.GetValue<string>());
        var rollout = await (await admin.GetAsync($"/api/rollouts/{id}")).JsonAsync();
        Assert.Equal(0, rollout["currentStage"]!.GetValue<int>());
        Assert.Contains("Awaiting approval", rollout["awaitingApproval"]!.GetValue<string>(), StringComparison.Ordinal);

        // A person approves by advancing; the request for approval is answered.
        var advanced = await admin.PostOkAsync($"/api/rollouts/{id}/advance", new { expectedStage = 0 });
        Assert.Equal(1, advanced["currentStage"]!.GetValue<int>());
        Assert.Null(advanced["awaitingApproval"]);
    }

    [Fact]
    public async Task SampleRatioMismatch_Pauses_WhenThePlanSaysPause()
    {
        var admin = await App.AdminAsync();
        var (id, _, eventName) = await GuardedRolloutAsync(admin, new { autoAdvance = true, onHarm = "Pause", completion = "Duration" });
        await SimulateAsync(id, eventName, units: 4000, controlRate: 0.05, treatmentRate: 0.05, treatmentShare: 0.6);

        var snapshot = await (await admin.PostAsync($"/api/rollouts/{id}/guard/check", null)).JsonAsync();
        Assert.Equal("Pause", snapshot["guardAction"]!.GetValue<string>());
        Assert.Contains("Sample ratio mismatch", snapshot["guardReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("paused", (await (await admin.GetAsync($"/api/rollouts/{id}")).JsonAsync())["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task StageAnalysis_ReportsRequiredSample_AndTheVerdict_WithoutActing()
    {
        var admin = await App.AdminAsync();
        var (id, _, eventName) = await GuardedRolloutAsync(admin, new { autoAdvance = true, completion = "Sample" });
        await SimulateAsync(id, eventName, units: 1000, controlRate: 0.05, treatmentRate: 0.05);

        var analysis = await (await admin.GetAsync($"/api/rollouts/{id}/analysis")).JsonAsync();
        var required = analysis["requiredUnits"]!.GetValue<long>();
        Assert.True(required > 1000, $"a 10% relative margin on a 5% rate needs far more than 1000 units, got {required}");
        Assert.Equal("hold", analysis["verdict"]!["kind"]!.GetValue<string>());
        Assert.Equal(1000, analysis["analysis"]!["exposures"]!.AsArray().Sum(e => e!["analysed"]!.GetValue<long>()));
        Assert.Equal(0, (await (await admin.GetAsync($"/api/rollouts/{id}")).JsonAsync())["currentStage"]!.GetValue<int>());
    }

    [Fact]
    public async Task GuardPlan_IsValidated_WithFieldNames_AndOwnersOnly()
    {
        var admin = await App.AdminAsync();
        var flag = await CreateFlagAsync(admin);
        var rollout = await admin.PostOkAsync($"/api/flags/{flag}/rollouts", new { environment = "production" });
        var id = rollout["id"]!.GetValue<Guid>();
        var bad = await admin.PutAsJsonAsync($"/api/rollouts/{id}/guard", new
        {
            successMetrics = new[] { "no-such-metric" }, guardrails = new[] { new { metricKey = "nope", margin = (double?)null } }, alpha = 0.9, holdbackDays = 999,
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.JsonAsync())["errors"]!.AsObject();
        foreach (var field in new[] { "successMetrics", "guardrails[0].metricKey", "alpha", "holdbackDays" })
            Assert.True(errors.ContainsKey(field), $"no error for {field}: {errors.ToJsonString()}");
        Assert.Null((await (await admin.GetAsync($"/api/rollouts/{id}")).JsonAsync())["guard"]);

        var stranger = await App.ClientForAsync("guard-stranger@test.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PutAsJsonAsync($"/api/rollouts/{id}/guard", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsync($"/api/rollouts/{id}/guard/check", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/rollouts/{Guid.NewGuid()}/analysis")).StatusCode);
    }

    [Fact]
    public async Task GateDecision_CitesTheLatestAnalysis_AndCopiesItsEffect()
    {
        var admin = await App.AdminAsync();
        var (id, guardrail, eventName) = await GuardedRolloutAsync(admin, new { autoAdvance = false, completion = "Duration" });
        await SimulateAsync(id, eventName, units: 2000, controlRate: 0.05, treatmentRate: 0.05);
        var snapshot = await (await admin.PostAsync($"/api/rollouts/{id}/guard/check", null)).JsonAsync();
        var flag = (await (await admin.GetAsync($"/api/rollouts/{id}")).JsonAsync())["flag"]!.GetValue<string>();
        var unit = (await admin.PostOkAsync("/api/units", new { key = Unique("co"), name = "Company", kind = "company" })).Id();
        var feature = Unique("feat");
        var hypothesis = new
        {
            statement = "Fewer errors.", successMetrics = new[] { new { metricKey = guardrail, direction = "decrease", minimumEffect = 0.05 } },
            guardrailMetrics = Array.Empty<object>(),
        };
        await admin.PostOkAsync("/api/lifecycle/features", new { key = feature, name = "F", ownerUnitId = unit, hypothesis, flagKeys = new[] { flag } });

        var options = (await (await admin.GetAsync($"/api/lifecycle/features/{feature}/evidence")).JsonAsync()).AsArray();
        var option = Assert.Single(options)!;
        Assert.Equal(snapshot["id"]!.GetValue<Guid>(), option["snapshotId"]!.GetValue<Guid>());

        var typedToo = await admin.PostAsJsonAsync($"/api/lifecycle/features/{feature}/decisions",
            new { kind = "advance", rationale = "measured", analysisId = option["snapshotId"]!.GetValue<Guid>(), measuredEffect = 0.5 });
        Assert.Equal(HttpStatusCode.BadRequest, typedToo.StatusCode);
        Assert.True((await typedToo.JsonAsync())["errors"]!.AsObject().ContainsKey("measuredEffect"));
        var unknown = await admin.PostAsJsonAsync($"/api/lifecycle/features/{feature}/decisions", new { kind = "advance", rationale = "x", analysisId = Guid.NewGuid() });
        Assert.True((await unknown.JsonAsync())["errors"]!.AsObject().ContainsKey("analysisId"));

        var decided = await admin.PostOkAsync($"/api/lifecycle/features/{feature}/decisions",
            new { kind = "advance", rationale = "The stage analysis says errors are flat.", analysisId = option["snapshotId"]!.GetValue<Guid>() });
        var decision = decided["decisions"]!.AsArray()[^1]!;
        Assert.Equal(option["measuredEffect"]!.GetValue<double>(), decision["measuredEffect"]!.GetValue<double>(), 12);
        Assert.Contains(decision["evidence"]!.AsArray(), e => e!["url"]!.GetValue<string>() == $"/delivery/rollouts/{id}");
    }

    [Fact]
    public async Task HypothesisMetrics_MustBeInTheCatalogue()
    {
        var admin = await App.AdminAsync();
        var unit = (await admin.PostOkAsync("/api/units", new { key = Unique("co"), name = "Company", kind = "company" })).Id();
        var response = await admin.PostAsJsonAsync("/api/lifecycle/features", new
        {
            key = Unique("feat"), name = "F", ownerUnitId = unit,
            hypothesis = new
            {
                statement = "x", successMetrics = new[] { new { metricKey = "not-in-catalogue", direction = "increase", minimumEffect = 0.02 } },
                guardrailMetrics = new[] { new { metricKey = "also-missing", direction = "decrease", margin = 0.01 } },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("hypothesis.successMetrics[0].metricKey"));
        Assert.True(errors.ContainsKey("hypothesis.guardrailMetrics[0].metricKey"));
    }

    [Fact]
    public async Task ScheduledRun_SnapshotsRunningExperiments_AndOverlapIsMeasuredFromExposures()
    {
        var admin = await App.AdminAsync();
        var experiment = await Events.EventsTestKit.ExperimentAsync(admin, start: true);
        var other = await Events.EventsTestKit.ExperimentAsync(admin, start: true);
        var metric = Unique("conv");
        await admin.PostOkAsync("/api/metrics", new { key = metric, name = "Conversion", kind = "conversion", eventName = metric });
        var now = TimeProvider.System.GetUtcNow().AddMinutes(-5);
        var events = new List<JsonNode>();
        for (var i = 0; i < 40; i++)
        {
            events.Add(Events.EventsTestKit.Exposure($"{experiment}-u{i}", experiment, i % 2, now));
            if (i < 10) events.Add(Events.EventsTestKit.Exposure($"{experiment}-u{i}", other, 0, now));
            if (i % 3 == 0) events.Add(Events.EventsTestKit.Metric($"{experiment}-u{i}", metric, 1, now.AddMinutes(1)));
        }
        await Events.EventsTestKit.PostOkAsync(App, await ClientKeyAsync(admin), events);
        // Someone analysed it once; the schedule keeps analysing it with the same metrics.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/experiments/{experiment}/analysis?metrics={metric}")).StatusCode);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
            var running = await db.Experiments.AsNoTracking().FirstAsync(e => e.Key == experiment);
            await scope.ServiceProvider.GetRequiredService<ExperimentSnapshots>().SnapshotAsync(running, [metric], [], CancellationToken.None);
        }
        await App.Services.GetRequiredService<GuardScheduler>().RunOnceAsync(CancellationToken.None);

        var snapshots = (await (await admin.GetAsync($"/api/experiments/{experiment}/snapshots")).JsonAsync()).AsArray();
        Assert.Equal(2, snapshots.Count);
        Assert.All(snapshots, s => Assert.Equal(40, s!["units"]!.GetValue<long>()));

        var overlap = await (await admin.GetAsync($"/api/experiments/{experiment}/overlap")).JsonAsync();
        Assert.Equal(40, overlap["units"]!.GetValue<long>());
        var shared = Assert.Single(overlap["others"]!.AsArray())!;
        Assert.Equal(other, shared["key"]!.GetValue<string>());
        Assert.Equal(10, shared["sharedUnits"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/experiments/no-such-exp/overlap")).StatusCode);
    }

    /// <summary>A started two-stage rollout (50%, then 99%) with a guard on a fresh error-rate guardrail (10% relative margin).</summary>
    private async Task<(Guid Id, string Guardrail, string EventName)> GuardedRolloutAsync(HttpClient admin, object rules)
    {
        var guardrail = Unique("errors");
        var eventName = Unique("error");
        await admin.PostOkAsync("/api/metrics", new { key = guardrail, name = "Units with an error", kind = "conversion", eventName, direction = "decrease", guardrailMargin = 0.1 });
        var flag = await CreateFlagAsync(admin);
        await EnableAsync(admin, flag);
        var rollout = await admin.PostOkAsync($"/api/flags/{flag}/rollouts", new { environment = "production", stages = new[] { 0.5, 0.99 }, holdback = 0.01, minimumStageHours = 0 });
        var id = rollout["id"]!.GetValue<Guid>();
        var guard = JsonSerializer(rules);
        guard["guardrails"] = new JsonArray(new JsonObject { ["metricKey"] = guardrail });
        var set = await admin.PutAsJsonAsync($"/api/rollouts/{id}/guard", guard);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        await admin.PostOkAsync($"/api/rollouts/{id}/start", new { expectedStage = -1, acknowledgeCollisions = true, reason = "test" });
        return (id, guardrail, eventName);
    }

    private static JsonObject JsonSerializer(object value) => System.Text.Json.JsonSerializer.SerializeToNode(value, ApiJson.Web)!.AsObject();

    /// <summary>
    /// Exposures of the stage (variation 1 = in the rollout) just after it started, and error events at each arm's rate.
    /// A fixed seed keeps the outcome the same on every run.
    /// </summary>
    private async Task SimulateAsync(Guid id, string eventName, int units, double controlRate, double treatmentRate, double treatmentShare = 0.5)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
        var plan = await db.RolloutPlans.AsNoTracking().FirstAsync(p => p.Id == id);
        var started = plan.StageStartedAt!.Value.UtcDateTime;
        var random = new Random(7);
        var exposures = new List<ExposureRow>();
        var metrics = new List<MetricRow>();
        for (var i = 0; i < units; i++)
        {
            var unit = $"{plan.AnalysisKey}-u{i}";
            var variation = random.NextDouble() < treatmentShare ? 1 : 0;
            var at = started.AddMilliseconds(1 + random.Next(0, 20));
            exposures.Add(new ExposureRow(plan.EnvironmentId, Guid.NewGuid(), at, unit, plan.AnalysisKey, variation, "id", null));
            if (random.NextDouble() < (variation == 1 ? treatmentRate : controlRate))
                metrics.Add(new MetricRow(plan.EnvironmentId, Guid.NewGuid(), at.AddMilliseconds(5), unit, eventName, 1));
        }
        await scope.ServiceProvider.GetRequiredService<EventStoreProvider>().Get().WriteAsync(exposures, metrics, CancellationToken.None);
        // The events must be in the past when the guard looks.
        while (TimeProvider.System.GetUtcNow().UtcDateTime <= started.AddMilliseconds(50)) await Task.Delay(10);
    }
}

public sealed class GuardedRolloutTests_Sqlite(SqliteDatabase db) : GuardedRolloutTests<SqliteDatabase>(db);

public sealed class GuardedRolloutTests_Postgres(PostgresDatabase db) : GuardedRolloutTests<PostgresDatabase>(db);
