using System.Net;
using System.Net.Http.Json;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;
using static Stepwise.Server.Tests.Delivery.DeliveryTestKit;

namespace Stepwise.Server.Tests.Delivery;

/// <summary>
/// The collision guard: a start that shares units with a running trial on the same surface, or judged on a shared metric,
/// is refused unless acknowledged with a reason, and the acknowledgement is kept. An exclusive layer keeps trials apart.
/// Each test uses its own surface and metric names, so trials from other tests in the class never collide with it.
/// </summary>
public abstract class CollisionGuardTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private StepwiseApp App => database.App;

    private static async Task<string> FlagOnAsync(HttpClient admin, string? surface)
    {
        var key = Unique("flag");
        await admin.PostOkAsync("/api/flags", new { key, name = key, valueType = "boolean", defaultValue = false, surface });
        return key;
    }

    private static async Task<string> DraftExperimentAsync(HttpClient admin, string flag, string? layer = null)
    {
        var key = Unique("exp");
        await admin.PostOkAsync("/api/experiments", new
        {
            key, name = key, flag, environment = "production", layer, layerShare = layer is null ? (double?)null : 0.3,
            variations = new object[] { new { key = "control", value = false, weight = 0.5 }, new { key = "treatment", value = true, weight = 0.5 } },
        });
        return key;
    }

    private static async Task<Guid> RunningRolloutAsync(HttpClient admin, string flag)
    {
        var id = (await admin.PostOkAsync($"/api/flags/{flag}/rollouts", new { environment = "production", minimumStageHours = 0 })).Id();
        await admin.PostOkAsync($"/api/rollouts/{id}/start", new { expectedStage = -1 });
        return id;
    }

    [Fact]
    public async Task AnExperimentOnTheSurfaceOfARunningRollout_IsBlocked_UntilAcknowledgedWithAReason()
    {
        var admin = await App.AdminAsync();
        var surface = Unique("surface");
        var rolloutFlag = await FlagOnAsync(admin, surface);
        await RunningRolloutAsync(admin, rolloutFlag);
        var experiment = await DraftExperimentAsync(admin, await FlagOnAsync(admin, surface));

        var preview = (await (await admin.GetAsync($"/api/experiments/{experiment}/collisions")).JsonAsync()).AsArray();
        var collision = Assert.Single(preview);
        Assert.Equal($"{rolloutFlag} rollout", collision!["key"]!.GetValue<string>());
        Assert.Equal(0.99, collision["sharedUnits"]!.GetValue<double>(), 6); // the rollout will reach 99%, the experiment covers everyone
        Assert.Contains($"both change surface '{surface}'", collision["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));

        var refused = await admin.PostAsJsonAsync($"/api/experiments/{experiment}/start", new { });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("acknowledge", (await refused.JsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var noReason = await admin.PostAsJsonAsync($"/api/experiments/{experiment}/start", new { acknowledgeCollisions = true });
        Assert.Equal(HttpStatusCode.Conflict, noReason.StatusCode);
        Assert.Equal("draft", (await (await admin.GetAsync($"/api/experiments/{experiment}")).JsonAsync())["status"]!.GetValue<string>());

        var started = await admin.PostOkAsync($"/api/experiments/{experiment}/start", new { acknowledgeCollisions = true, reason = "The rollout only touches the header; checked with its team" });
        Assert.Equal("running", started["status"]!.GetValue<string>());
        var acknowledgements = (await (await admin.GetAsync("/api/collision-acknowledgements")).JsonAsync()).AsArray();
        var recorded = acknowledgements.First(a => a!["subjectKey"]!.GetValue<string>() == experiment)!;
        Assert.Equal("The rollout only touches the header; checked with its team", recorded["reason"]!.GetValue<string>());
        Assert.Equal(StepwiseApp.AdminEmail, recorded["acknowledgedBy"]!.GetValue<string>());
        Assert.Contains(rolloutFlag, recorded["collisions"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARolloutSharingAMetricWithARunningExperiment_IsBlocked_EvenOnAnotherSurface()
    {
        var admin = await App.AdminAsync();
        var metric = Unique("metric");
        await admin.PostOkAsync("/api/metrics", new { key = metric, name = "Shared metric", kind = "conversion", eventName = metric });
        var experimentFlag = await FlagOnAsync(admin, Unique("surface"));
        var rolloutFlag = await FlagOnAsync(admin, Unique("surface"));
        var unit = (await admin.PostOkAsync("/api/units", new { key = Unique("co"), name = "Co", kind = "company" })).Id();
        foreach (var flag in new[] { experimentFlag, rolloutFlag })
        {
            await admin.PostOkAsync("/api/lifecycle/features", new
            {
                key = Unique("feat"), name = flag, ownerUnitId = unit, flagKeys = new[] { flag },
                hypothesis = new { statement = "x", successMetrics = new[] { new { metricKey = metric, direction = "increase", minimumEffect = 0.01 } } },
            });
        }
        var experiment = await DraftExperimentAsync(admin, experimentFlag);
        await admin.PostOkAsync($"/api/experiments/{experiment}/start", new { });
        var plan = (await admin.PostOkAsync($"/api/flags/{rolloutFlag}/rollouts", new { environment = "production", minimumStageHours = 0 })).Id();

        var refused = await admin.PostAsJsonAsync($"/api/rollouts/{plan}/start", new { expectedStage = -1 });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains($"shared metric {metric}", (await refused.JsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var started = await admin.PostOkAsync($"/api/rollouts/{plan}/start", new { expectedStage = -1, acknowledgeCollisions = true, reason = "Different funnels; metric is segmented" });
        Assert.Equal("running", started["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task OneExclusiveLayer_OrUnrelatedSurfaces_DoNotCollide()
    {
        var admin = await App.AdminAsync();
        var surface = Unique("surface");
        var layer = Unique("layer");
        await admin.PostOkAsync("/api/layers", new { key = layer, name = layer });
        var first = await DraftExperimentAsync(admin, await FlagOnAsync(admin, surface), layer);
        await admin.PostOkAsync($"/api/experiments/{first}/start", new { });
        var second = await DraftExperimentAsync(admin, await FlagOnAsync(admin, surface), layer);
        Assert.Empty((await (await admin.GetAsync($"/api/experiments/{second}/collisions")).JsonAsync()).AsArray());
        await admin.PostOkAsync($"/api/experiments/{second}/start", new { });

        var elsewhere = await DraftExperimentAsync(admin, await FlagOnAsync(admin, Unique("surface")));
        Assert.Empty((await (await admin.GetAsync($"/api/experiments/{elsewhere}/collisions")).JsonAsync()).AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/experiments/no-such-experiment/collisions")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/flags", new { key = Unique("flag"), name = "x", valueType = "boolean", surface = "Not A Surface" })).StatusCode);
    }
}

public sealed class CollisionGuardTests_Sqlite(SqliteDatabase db) : CollisionGuardTests<SqliteDatabase>(db);

public sealed class CollisionGuardTests_Postgres(PostgresDatabase db) : CollisionGuardTests<PostgresDatabase>(db);
