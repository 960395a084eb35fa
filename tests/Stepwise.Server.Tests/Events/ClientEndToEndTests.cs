using Stepwise.Client;
using Stepwise.Flags.Evaluation;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;
using static Stepwise.Server.Tests.Delivery.DeliveryTestKit;
using static Stepwise.Server.Tests.Events.EventsTestKit;

namespace Stepwise.Server.Tests.Events;

/// <summary>The real .NET SDK evaluates a running experiment, sends its exposures and Track events, and the analysis sees them.</summary>
public abstract class ClientEndToEndTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private const int Units = 300;

    [Fact]
    public async Task SdkExposuresAndTrackEvents_ReachTheAnalysis()
    {
        var app = database.App;
        var admin = await app.AdminAsync();
        var experiment = await ExperimentAsync(admin, start: true);
        var flag = (await (await admin.GetAsync($"/api/experiments/{experiment}")).JsonAsync())["flag"]!.GetValue<string>();
        var metric = Unique("buy");
        await admin.PostOkAsync("/api/metrics", new { key = metric, name = "Bought", kind = "conversion", eventName = metric });
        var options = new StepwiseOptions
        {
            BaseUrl = app.Server.BaseAddress, ClientKey = await ClientKeyAsync(admin), Streaming = false,
            EventFlushInterval = TimeSpan.FromMilliseconds(50), EventBatchSize = 64,
        };

        var enrolled = new int[2];
        var bought = new int[2];
        await using (var client = new StepwiseClient(options, app.CreateClient()))
        {
            await client.StartAsync(TestContext.Current.CancellationToken);
            for (var i = 0; i < Units; i++)
            {
                var unit = new EvaluationContext { Attributes = Unit($"{experiment}-u{i}") };
                var result = client.EvalFeature(flag, unit);
                Assert.NotNull(result.ExperimentResult);
                var variation = result.ExperimentResult!.VariationId;
                enrolled[variation]++;
                client.EvalFeature(flag, unit);   // a second look: still one exposure
                if (i % (variation == 1 ? 2 : 3) == 0)
                {
                    client.Track($"{experiment}-u{i}", metric, 1);
                    bought[variation]++;
                }
            }
            await client.StopAsync(TestContext.Current.CancellationToken);
            var stats = client.EventStatistics;
            Assert.Equal(Units + bought.Sum(), stats.Delivered);
            Assert.Equal(0, stats.RejectedByServer + stats.DroppedAfterRetries + stats.DroppedAtShutdown + stats.DroppedBufferFull);
        }

        var analysis = await (await admin.GetAsync($"/api/experiments/{experiment}/analysis?metrics={metric}")).JsonAsync();
        Assert.Equal(Units, analysis["unitsExposed"]!.GetValue<long>());
        Assert.Equal(0, analysis["unitsInMoreThanOneVariation"]!.GetValue<long>());
        var exposures = analysis["exposures"]!.AsArray();
        Assert.Equal(enrolled[0], exposures[0]!["units"]!.GetValue<long>());
        Assert.Equal(enrolled[1], exposures[1]!["units"]!.GetValue<long>());
        var result0 = analysis["results"]![0]!;
        Assert.Equal(bought[0] / (double)enrolled[0], result0["controlMean"]!.GetValue<double>(), 12);
        Assert.Equal(bought[1] / (double)enrolled[1], result0["variationMean"]!.GetValue<double>(), 12);

        // The result page shows the same analysis: intervals as an inline SVG chart and the SQL that ran.
        var page = await admin.GetAsync($"/delivery/experiments/{experiment}/analysis?metric={metric}");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<svg", html);
        Assert.Contains("How this was computed", html);
        Assert.Contains("FROM event_metrics", html);
        Assert.Contains($"n = {enrolled[0]}", html);
        Assert.Contains(metric, await admin.GetStringAsync("/metrics"));
    }
}

public sealed class ClientEndToEndTests_Sqlite(SqliteDatabase db) : ClientEndToEndTests<SqliteDatabase>(db);

public sealed class ClientEndToEndTests_Postgres(PostgresDatabase db) : ClientEndToEndTests<PostgresDatabase>(db);
