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
