using System.Net;
using System.Net.Http.Json;
using Stepwise.Flags.Evaluation;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;
using static Stepwise.Server.Tests.Delivery.DeliveryTestKit;

namespace Stepwise.Server.Tests.Delivery;

/// <summary>Rollout plans and experiments in layers, checked on the payload an SDK receives.</summary>
public abstract class RolloutAndExperimentTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private const int Units = 20_000;
    private StepwiseApp App => database.App;

    [Fact]
    public async Task Rollout_WidensMonotonically_KeepsTheHoldbackOut_UntilReleased()
    {
        var admin = await App.AdminAsync();
        var flag = await CreateFlagAsync(admin);
        await EnableAsync(admin, flag);
        var clientKey = await ClientKeyAsync(admin);
        var plan = await admin.PostOkAsync($"/api/flags/{flag}/rollouts", new { environment = "production", minimumStageHours = 0 });
        var id = plan.Id();
        Assert.Equal([0.01, 0.05, 0.10, 0.25, 0.50, 0.99], plan["stages"]!.AsArray().Select(s => s!.GetValue<double>()));

        await admin.PostOkAsync($"/api/rollouts/{id}/start", new { expectedStage = -1 });
        var previous = new HashSet<string>();
        var stages = new[] { 0.01, 0.05, 0.10, 0.25, 0.50, 0.99 };
        for (var stage = 0; stage < stages.Length; stage++)
        {
            if (stage > 0) await admin.PostOkAsync($"/api/rollouts/{id}/advance", new { expectedStage = stage - 1 });
            var on = UnitsOn(await PayloadAsync(App.Anonymous(), clientKey), flag, Units);
            Assert.True(previous.IsSubsetOf(on), $"Stage {stage + 1}: a unit lost the feature");
            Assert.InRange(on.Count / (double)Units, stages[stage] - 0.015, stages[stage] + 0.015);
            previous = on;
        }
        var held = Enumerable.Range(0, Units).Select(i => $"unit-{i}").Where(u => !previous.Contains(u)).ToHashSet();
        Assert.InRange(held.Count / (double)Units, 0.005, 0.015);

        var released = await admin.PostOkAsync($"/api/rollouts/{id}/release-holdback", new { expectedStage = 5, reason = "long-term readout done" });
        Assert.True(released["holdbackReleased"]!.GetValue<bool>());
        Assert.Equal(Units, UnitsOn(await PayloadAsync(App.Anonymous(), clientKey), flag, Units).Count);
    }

    [Fact]
    public async Task RolloutSteps_RefuseStaleOrOutOfOrderActions_AndRollBackTakesTheValueAway()
    {
        var admin = await App.AdminAsync();
        var flag = await CreateFlagAsync(admin);
        await EnableAsync(admin, flag);
        var clientKey = await ClientKeyAsync(admin);
        var id = (await admin.PostOkAsync($"/api/flags/{flag}/rollouts", new { environment = "production", stages = new[] { 0.2, 0.6, 0.9 }, holdback = 0.1, minimumStageHours = 48 })).Id();
        await admin.PostOkAsync($"/api/rollouts/{id}/start", new { expectedStage = -1 });

        var early = await admin.PostAsJsonAsync($"/api/rollouts/{id}/advance", new { expectedStage = 0 });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("minimum stage duration", (await early.JsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var noReason = await admin.PostAsJsonAsync($"/api/rollouts/{id}/advance", new { expectedStage = 0, @override = true });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        await admin.PostOkAsync($"/api/rollouts/{id}/advance", new { expectedStage = 0, @override = true, reason = "metrics are clear" });
        var stale = await admin.PostAsJsonAsync($"/api/rollouts/{id}/advance", new { expectedStage = 0, @override = true, reason = "double click" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        await admin.PostOkAsync($"/api/rollouts/{id}/pause", new { expectedStage = 1, reason = "error rate" });
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/rollouts/{id}/advance", new { expectedStage = 1, @override = true, reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/rollouts/{id}/release-holdback", new { })).StatusCode);
        Assert.InRange(UnitsOn(await PayloadAsync(App.Anonymous(), clientKey), flag, Units).Count / (double)Units, 0.57, 0.63);

        var rolledBack = await admin.PostOkAsync($"/api/rollouts/{id}/rollback", new { reason = "checkout errors" });
        Assert.Equal("rolledBack", rolledBack["status"]!.GetValue<string>());
        Assert.Empty(UnitsOn(await PayloadAsync(App.Anonymous(), clientKey), flag, Units));
        var history = rolledBack["history"]!.AsArray().Select(h => h!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(["started", "advanced", "paused", "rolledBack"], history);
    }

    [Fact]
    public async Task BadRolloutPlans_AreRejected_AndNothingIsSaved()
    {
        var admin = await App.AdminAsync();
        var flag = await CreateFlagAsync(admin);
        var decreasing = await admin.PostAsJsonAsync($"/api/flags/{flag}/rollouts", new { environment = "production", stages = new[] { 0.1, 0.05, 0.5 } });
        Assert.Equal(HttpStatusCode.BadRequest, decreasing.StatusCode);
        Assert.NotNull((await decreasing.JsonAsync())["errors"]!["stages[1]"]);
        var tooWide = await admin.PostAsJsonAsync($"/api/flags/{flag}/rollouts", new { environment = "production", stages = new[] { 0.5, 1.0 }, holdback = 0.05 });
        Assert.Equal(HttpStatusCode.BadRequest, tooWide.StatusCode);
        var outOfRange = await admin.PostAsJsonAsync($"/api/flags/{flag}/rollouts", new { environment = "production", stages = new[] { -0.1, 2.0 } });
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        var details = await (await admin.GetAsync($"/api/flags/{flag}")).JsonAsync();
        Assert.All(details["environments"]!.AsArray(), e => Assert.Empty(e!["rollouts"]!.AsArray()));
    }

    [Fact]
    public async Task ExperimentsInOneLayer_GetDisjointRanges_AndNeverShareAUnit()
    {
        var admin = await App.AdminAsync();
        var layer = Unique("layer");
        await admin.PostOkAsync("/api/layers", new { key = layer, name = "Checkout" });
        var (flagA, flagB, flagC) = (await CreateFlagAsync(admin), await CreateFlagAsync(admin), await CreateFlagAsync(admin));
        foreach (var f in new[] { flagA, flagB, flagC }) await EnableAsync(admin, f);
        async Task<string> Experiment(string flag, double share)
        {
            var key = Unique("exp");
            await admin.PostOkAsync("/api/experiments", new
            {
                key, name = key, flag, environment = "production", layer, layerShare = share,
                variations = new object[] { new { key = "control", value = false, weight = 0.5 }, new { key = "treatment", value = true, weight = 0.5 } },
            });
            return key;
        }
        var a = await Experiment(flagA, 0.5);
        var b = await Experiment(flagB, 0.4);
        var c = await Experiment(flagC, 0.2);
        var startedA = await admin.PostOkAsync($"/api/experiments/{a}/start", new { });
        var startedB = await admin.PostOkAsync($"/api/experiments/{b}/start", new { });
        Assert.Equal(0.0, startedA["rangeStart"]!.GetValue<double>(), 9);
        Assert.Equal(0.5, startedB["rangeStart"]!.GetValue<double>(), 9);
        var full = await admin.PostAsJsonAsync($"/api/experiments/{c}/start", new { });
        Assert.Equal(HttpStatusCode.Conflict, full.StatusCode);
        Assert.Contains("no free range", (await full.JsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var overlapping = await admin.PostAsJsonAsync("/api/experiments", new
        {
            key = Unique("exp"), name = "x", flag = flagC, environment = "production", layer, layerShare = 0.2, rangeStart = 0.4,
            variations = new object[] { new { key = "control", value = false }, new { key = "treatment", value = true } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, overlapping.StatusCode);
        Assert.NotNull((await overlapping.JsonAsync())["errors"]!["rangeStart"]);

        var evaluator = new FlagEvaluator(await PayloadAsync(App.Anonymous(), await ClientKeyAsync(admin)));
        int inA = 0, inB = 0;
        for (var i = 0; i < Units; i++)
        {
            var context = new EvaluationContext { Attributes = Unit($"unit-{i}") };
            var ra = evaluator.EvalFeature(flagA, context).Source == FeatureSource.Experiment;
            var rb = evaluator.EvalFeature(flagB, context).Source == FeatureSource.Experiment;
            Assert.False(ra && rb, $"unit-{i} is in both experiments of one layer");
            inA += ra ? 1 : 0;
            inB += rb ? 1 : 0;
        }
        Assert.InRange(inA / (double)Units, 0.47, 0.53);
        Assert.InRange(inB / (double)Units, 0.37, 0.43);

        var overlap = await (await admin.GetAsync("/api/environments/production/overlap")).JsonAsync();
        var pair = overlap["pairs"]!.AsArray().First(p => p!["first"]!.GetValue<string>() == a && p["second"]!.GetValue<string>() == b
            || p!["first"]!.GetValue<string>() == b && p["second"]!.GetValue<string>() == a)!;
        Assert.Equal(0, pair["sharedUnits"]!.GetValue<double>());
    }

    [Fact]
    public async Task BadExperiments_AreRejected_WithFieldErrors()
    {
        var admin = await App.AdminAsync();
        var flag = await CreateFlagAsync(admin);
        var key = Unique("exp");
        var response = await admin.PostAsJsonAsync("/api/experiments", new
        {
            key, name = "x", flag, environment = "production", coverage = 1.2, layer = "no-such-layer",
            variations = new object[] { new { key = "control", value = false, weight = 0.7 }, new { key = "control", value = "yes", weight = 0.7 } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync())["errors"]!;
        Assert.Contains("sum to 1", errors["variations"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(errors["coverage"]);
        Assert.NotNull(errors["layer"]);
        Assert.NotNull(errors["variations[1].key"]);
        Assert.NotNull(errors["variations[1].value"]);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/experiments/{key}")).StatusCode);
    }

    [Fact]
    public async Task Holdout_KeepsItsUnitsOutOfEveryExperimentInScope()
    {
        var admin = await App.AdminAsync();
        var holdout = Unique("hold");
        var layer = Unique("layer");
        await admin.PostOkAsync("/api/layers", new { key = layer, name = "L" });
        await admin.PostOkAsync("/api/holdouts", new { key = holdout, name = "H", share = 0.1, environment = "production", layers = new[] { layer } });
        var flag = await CreateFlagAsync(admin);
        await EnableAsync(admin, flag);
        var exp = Unique("exp");
        await admin.PostOkAsync("/api/experiments", new
        {
            key = exp, name = "x", flag, environment = "production", layer,
            variations = new object[] { new { key = "control", value = false }, new { key = "treatment", value = true } },
        });
        var started = await admin.PostOkAsync($"/api/experiments/{exp}/start", new { });
        Assert.Contains(holdout, started["holdouts"]!.AsArray().Select(h => h!.GetValue<string>()));
        var evaluator = new FlagEvaluator(await PayloadAsync(App.Anonymous(), await ClientKeyAsync(admin)));
        var enrolled = Enumerable.Range(0, Units).Count(i => evaluator.EvalFeature(flag, new EvaluationContext { Attributes = Unit($"unit-{i}") }).Source == FeatureSource.Experiment);
        Assert.InRange(enrolled / (double)Units, 0.87, 0.93);
    }
}

public sealed class RolloutAndExperimentTests_Sqlite(SqliteDatabase db) : RolloutAndExperimentTests<SqliteDatabase>(db);

public sealed class RolloutAndExperimentTests_Postgres(PostgresDatabase db) : RolloutAndExperimentTests<PostgresDatabase>(db);
