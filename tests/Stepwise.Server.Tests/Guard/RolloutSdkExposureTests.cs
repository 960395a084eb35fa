using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stepwise.Client;
using Stepwise.Data;
using Stepwise.Delivery.Payload;
using Stepwise.Flags.Evaluation;
using Stepwise.Flags.Hashing;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;
using static Stepwise.Server.Tests.Delivery.DeliveryTestKit;

namespace Stepwise.Server.Tests.Guard;

/// <summary>
/// The real .NET SDK against the real server: a guarded rollout at 20% (NL only) is evaluated for many units, the SDK
/// sends the rollout exposures itself, and the stage analysis sees both arms with exactly the units the SDK put there.
/// The server's engine and its plan agree with the SDK, unit by unit.
/// </summary>
public abstract class RolloutSdkExposureTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private const int Units = 2000;

    [Fact]
    public async Task SdkEvaluatesAGuardedRollout_TheStageAnalysisSeesBothArms()
    {
        var app = database.App;
        var admin = await app.AdminAsync();
        var ct = TestContext.Current.CancellationToken;
        var errors = Unique("errors");
        await admin.PostOkAsync("/api/metrics", new { key = errors, name = "Units with an error", kind = "conversion", eventName = errors, direction = "decrease", guardrailMargin = 0.1 });
        var flag = await CreateFlagAsync(admin);
        await EnableAsync(admin, flag);
        var created = await admin.PostOkAsync($"/api/flags/{flag}/rollouts", new
        {
            environment = "production", value = true, stages = new[] { 0.2, 0.5, 0.99 }, holdback = 0.01, minimumStageHours = 0,
            condition = new { country = "NL" },
        });
        var id = created["id"]!.GetValue<Guid>();
        var guard = await admin.PutAsJsonAsync($"/api/rollouts/{id}/guard", new { guardrails = new[] { new { metricKey = errors } }, autoAdvance = false }, ct);
        Assert.Equal(HttpStatusCode.OK, guard.StatusCode);
        await admin.PostOkAsync($"/api/rollouts/{id}/start", new { expectedStage = -1, acknowledgeCollisions = true, reason = "test" });

        var options = new StepwiseOptions
        {
            BaseUrl = app.Server.BaseAddress, ClientKey = await ClientKeyAsync(admin), Streaming = false,
            EventFlushInterval = TimeSpan.FromMilliseconds(50), EventBatchSize = 200,
        };
        var inRollout = new Dictionary<string, bool>();
        var rolloutKey = $"rollout-{id:N}";
        await using (var client = new StepwiseClient(options, app.CreateClient()))
        {
            await client.StartAsync(ct);
            for (var i = 0; i < Units; i++)
            {
                var unitId = $"{flag}-u{i}";
                var result = client.EvalFeature(flag, new EvaluationContext { Attributes = Unit(unitId, new { country = "NL" }) });
                Assert.Equal(rolloutKey, result.Rollout?.Key);
                Assert.Equal(result.On, result.Rollout!.InRollout);
                inRollout[unitId] = result.On;
                client.EvalFeature(flag, new EvaluationContext { Attributes = Unit(unitId, new { country = "NL" }) }); // a second look
                Assert.Null(client.EvalFeature(flag, new EvaluationContext { Attributes = Unit($"{flag}-de{i}", new { country = "DE" }) }).Rollout);
                if (i % 7 == 0) client.Track(unitId, errors);
            }
            await client.StopAsync(ct);
            var stats = client.EventStatistics;
            Assert.Equal(Units + (Units + 6) / 7, stats.Delivered);
            Assert.Equal(Units, stats.DuplicateExposuresSkipped);
            Assert.Equal(0, stats.RejectedByServer + stats.DroppedAfterRetries + stats.DroppedAtShutdown + stats.DroppedBufferFull);
        }
        var treated = inRollout.Count(u => u.Value);
        Assert.InRange(treated, 330, 470); // 20% of 2,000 is 400

        // The server decides the same for every unit: its engine on the compiled payload, and its plan's range and seed.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var plan = await scope.ServiceProvider.GetRequiredService<StepwiseDb>().RolloutPlans.AsNoTracking().FirstAsync(p => p.Id == id, ct);
            Assert.Equal(rolloutKey, plan.AnalysisKey);
            var state = await app.Services.GetRequiredService<PayloadCache>().CurrentAsync(ct);
            var engine = state.ByEnvironment[plan.EnvironmentId].Evaluator;
            var (start, end) = plan.IncludedRange;
            foreach (var (unitId, inside) in inRollout)
            {
                var server = engine.EvalFeature(flag, new EvaluationContext { Attributes = Unit(unitId, new { country = "NL" }) });
                Assert.Equal(inside, server.On);
                Assert.Equal(inside, server.Rollout!.InRollout);
                var bucket = GrowthBookHash.Hash(plan.Seed, unitId, 2)!.Value;
                Assert.Equal(inside, bucket >= start && bucket < end);
            }
        }

        var analysis = await (await admin.GetAsync($"/api/rollouts/{id}/analysis", ct)).JsonAsync();
        var exposures = analysis["analysis"]!["exposures"]!.AsArray();
        Assert.Equal(2, exposures.Count);
        Assert.Equal(Units - treated, exposures[0]!["units"]!.GetValue<long>());
        Assert.Equal(treated, exposures[1]!["units"]!.GetValue<long>());
        Assert.All(exposures, e => Assert.Equal(0, e!["multipleVariations"]!.GetValue<long>()));
        Assert.Equal(Units, exposures.Sum(e => e!["analysed"]!.GetValue<long>()));
        Assert.False(analysis["analysis"]!["srmMismatch"]!.GetValue<bool>(), "the arms are the planned 79/21 split of a 20% stage");
    }
}

public sealed class RolloutSdkExposureTests_Sqlite(SqliteDatabase db) : RolloutSdkExposureTests<SqliteDatabase>(db);

public sealed class RolloutSdkExposureTests_Postgres(PostgresDatabase db) : RolloutSdkExposureTests<PostgresDatabase>(db);
