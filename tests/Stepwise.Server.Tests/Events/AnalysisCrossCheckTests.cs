using System.Globalization;
using System.Text.Json.Nodes;
using Stepwise.Server.Tests.Infrastructure;
using Stepwise.Stats;
using Stepwise.Stats.Analysis;
using Xunit;
using static Stepwise.Server.Tests.Delivery.DeliveryTestKit;
using static Stepwise.Server.Tests.Events.EventsTestKit;

namespace Stepwise.Server.Tests.Events;

/// <summary>
/// The generated SQL is checked against the definitions computed in C# from the raw events: per-unit values are
/// built here by hand, turned into co-moments with <see cref="CoMoments.FromValues"/>, analysed by Stepwise.Stats,
/// and every interval and p-value must match what the analysis endpoint computed inside the store.
/// </summary>
public abstract class AnalysisCrossCheckTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private const int Units = 400;
    private StepwiseApp App => database.App;

    private sealed record Raw(string Unit, string Metric, double Value, DateTimeOffset At);

    [Fact]
    public async Task SqlStatistics_MatchStatsComputedFromRawRows()
    {
        var admin = await App.AdminAsync();
        var key = await ClientKeyAsync(admin);
        var experiment = await ExperimentAsync(admin);
        var p = Unique("m");
        // Catalogue: every kind, CUPED on three, a guardrail where lower is better.
        await admin.PostOkAsync("/api/metrics", new { key = $"{p}-conv", name = "Converted", kind = "conversion", eventName = $"{p}-purchase", cupedPrePeriodDays = 7 });
        await admin.PostOkAsync("/api/metrics", new { key = $"{p}-rev", name = "Revenue", kind = "sum", eventName = $"{p}-purchase", cupedPrePeriodDays = 7 });
        await admin.PostOkAsync("/api/metrics", new { key = $"{p}-aov", name = "Order value", kind = "mean", eventName = $"{p}-purchase" });
        await admin.PostOkAsync("/api/metrics", new { key = $"{p}-rpv", name = "Revenue per view", kind = "ratio", eventName = $"{p}-purchase", denominatorEventName = $"{p}-view" });
        await admin.PostOkAsync("/api/metrics", new { key = $"{p}-ret", name = "Day-1 retention", kind = "retention", eventName = $"{p}-view", retentionDays = 1, cupedPrePeriodDays = 7 });
        await admin.PostOkAsync("/api/metrics", new { key = $"{p}-lat", name = "Latency", kind = "sum", eventName = $"{p}-latency", direction = "decrease", guardrailMargin = 0.05 });

        var random = new Random(20261123);
        var now = TimeProvider.System.GetUtcNow();
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero);
        var exposures = new List<JsonNode>();
        var raw = new List<Raw>();
        var first = new Dictionary<string, (int Variation, DateTimeOffset At, bool Both)>();
        for (var i = 0; i < Units; i++)
        {
            var unit = $"{p}-unit-{i}";
            var variation = random.Next(2);
            // Whole days plus three hours: no unit sits on a retention-eligibility boundary at analysis time.
            var seen = start.AddDays(-random.Next(0, 6)).AddHours(-3);
            var both = i % 50 == 7;
            exposures.Add(Exposure(unit, experiment, variation, seen));
            exposures.Add(Exposure(unit, experiment, variation, seen.AddMinutes(30)));   // repeat exposure: first one counts
            if (both) exposures.Add(Exposure(unit, experiment, 1 - variation, seen.AddHours(1)));
            first[unit] = (variation, seen, both);
            var lift = variation == 1 ? 1.3 : 1.0;
            for (var k = random.Next(0, 3); k > 0; k--) raw.Add(new(unit, $"{p}-purchase", Math.Round(random.NextDouble() * 40, 2), seen.AddDays(-random.Next(1, 10))));
            for (var k = random.Next(0, 4); k > 0; k--)
                if (random.NextDouble() < 0.5 * lift) raw.Add(new(unit, $"{p}-purchase", Math.Round(random.NextDouble() * 50 * lift, 2), seen.AddHours(random.Next(1, 60))));
            for (var k = random.Next(0, 6); k > 0; k--) raw.Add(new(unit, $"{p}-view", 1, seen.AddHours(random.Next(-200, 120))));
            raw.Add(new(unit, $"{p}-latency", 100 + random.Next(0, 50), seen.AddMinutes(5)));
        }
        // Only events that have happened: the API stores a time ahead of its clock as the arrival time, which the
        // expectation below could not know exactly.
        raw.RemoveAll(r => r.At > start);
        var events = exposures.Concat(raw.Select(r => (JsonNode)Metric(r.Unit, r.Metric, r.Value, r.At))).ToList();
        foreach (var chunk in events.Chunk(1000)) await PostOkAsync(App, key, chunk);

        string[] success = [$"{p}-conv", $"{p}-rev", $"{p}-aov", $"{p}-rpv", $"{p}-ret"];
        var analysis = await (await admin.GetAsync($"/api/experiments/{experiment}/analysis?metrics={string.Join(',', success)}&guardrails={p}-lat&plannedUnits=1000")).JsonAsync();
        Assert.True(analysis["results"] is JsonArray, analysis.ToJsonString());

        // No metrics chosen (the experiment page's link): exposure health alone, from the same store.
        var healthOnly = await admin.GetAsync($"/api/experiments/{experiment}/analysis");
        var health = await healthOnly.JsonAsync();
        Assert.True(healthOnly.IsSuccessStatusCode, health.ToJsonString());
        Assert.Equal(Units, health["unitsExposed"]!.GetValue<long>());
        Assert.Equal(analysis["srmPValue"]!.GetValue<double>(), health["srmPValue"]!.GetValue<double>(), 12);
        Assert.Empty(health["results"]!.AsArray());

        // Expected, from the raw rows.
        var asOf = analysis["asOf"]!.GetValue<DateTimeOffset>();
        var analysed = first.Where(f => !f.Value.Both).ToList();
        Assert.Equal(Units, analysis["unitsExposed"]!.GetValue<long>());
        Assert.Equal(first.Count(f => f.Value.Both), analysis["unitsInMoreThanOneVariation"]!.GetValue<long>());
        var byUnit = raw.Where(r => r.At < asOf).ToLookup(r => r.Unit);
        (double Y, double X) Value(string metric, string unit, DateTimeOffset seen)
        {
            var e = byUnit[unit].ToList();
            IEnumerable<Raw> After(string name) => e.Where(r => r.Metric == name && r.At >= seen);
            IEnumerable<Raw> Pre(string name, int days) => e.Where(r => r.Metric == name && r.At < seen && r.At >= seen.AddDays(-days));
            return metric[(p.Length + 1)..] switch
            {
                "conv" => (After($"{p}-purchase").Any() ? 1 : 0, Pre($"{p}-purchase", 7).Any() ? 1 : 0),
                "rev" => (After($"{p}-purchase").Sum(r => r.Value), Pre($"{p}-purchase", 7).Sum(r => r.Value)),
                "aov" => (After($"{p}-purchase").Sum(r => r.Value), After($"{p}-purchase").Count()),
                "rpv" => (After($"{p}-purchase").Sum(r => r.Value), After($"{p}-view").Sum(r => r.Value)),
                "ret" => (e.Any(r => r.Metric == $"{p}-view" && r.At >= seen.AddDays(1) && r.At < seen.AddDays(2)) ? 1 : 0, Pre($"{p}-view", 7).Any() ? 1 : 0),
                "lat" => (After($"{p}-latency").Sum(r => r.Value), 0),
                _ => throw new InvalidOperationException(metric),
            };
        }
        var definitions = new List<MetricData>();
        foreach (var metric in success.Append($"{p}-lat"))
        {
            var kind = metric[(p.Length + 1)..];
            var moments = new List<CoMoments>();
            for (var v = 0; v < 2; v++)
            {
                var units = analysed.Where(u => u.Value.Variation == v && (kind != "ret" || u.Value.At.AddDays(2) <= asOf)).ToList();
                var values = units.Select(u => Value(metric, u.Key, u.Value.At)).ToList();
                moments.Add(CoMoments.FromValues(values.Select(x => x.Y).ToArray(), values.Select(x => x.X).ToArray()));
            }
            var definition = new MetricDefinition(metric)
            {
                Type = kind switch { "conv" or "ret" => MetricType.Proportion, "rev" or "lat" => MetricType.Mean, _ => MetricType.Ratio },
                Role = kind == "lat" ? MetricRole.Guardrail : MetricRole.Success,
                PreferredDirection = kind == "lat" ? Direction.Decrease : Direction.Increase,
                HasCovariate = kind is "conv" or "rev" or "ret",
                NonInferiorityMargin = kind == "lat" ? 0.05 : null,
            };
            definitions.Add(new MetricData(definition, moments, kind is "conv" or "ret"));
        }
        var counts = Enumerable.Range(0, 2).Select(v => (long)analysed.Count(u => u.Value.Variation == v)).ToList();
        var expected = ExperimentAnalysis.Analyze(new ExperimentData(["control", "treatment"], counts, definitions), new AnalysisOptions
        {
            Control = "control",
            Weights = new Dictionary<string, double> { ["control"] = 0.5, ["treatment"] = 0.5 },
            AlwaysValidPlannedUnits = 1000,
        });

        var actual = analysis["results"]!.AsArray();
        Assert.Equal(expected.Results.Count, actual.Count);
        foreach (var e in expected.Results)
        {
            var a = actual.Single(r => r!["metric"]!.GetValue<string>() == e.Metric && r!["variation"]!.GetValue<string>() == e.Variant)!;
            Assert.Equal(e.ControlUnits, a["controlUnits"]!.GetValue<long>());
            Assert.Equal(e.VariantUnits, a["variationUnits"]!.GetValue<long>());
            Close(e.ControlMean, a["controlMean"], e.Metric);
            Close(e.AbsoluteEffect, a["absoluteEffect"], e.Metric);
            Close(e.CiLow, a["ciLow"], e.Metric);
            Close(e.CiHigh, a["ciHigh"], e.Metric);
            Close(e.PValue, a["pValue"], e.Metric);
            Assert.Equal(e.Cuped, a["cuped"]!.GetValue<bool>());
            Assert.Equal(e.Outcome.ToString(), a["outcome"]!.GetValue<string>());
        }
        Assert.Equal(expected.Decisions[0].Recommendation.ToString(), analysis["decisions"]![0]!["recommendation"]!.GetValue<string>());
        Close(expected.Srm.PValue, analysis["srmPValue"], "srm");
        Assert.Contains("event_metrics", analysis["statisticsSql"]!.GetValue<string>());
    }

    private static void Close(double expected, JsonNode? actual, string what)
    {
        Assert.True(actual is not null, $"{what}: missing");
        var value = actual!.GetValue<double>();
        Assert.True(Math.Abs(expected - value) <= 1e-9 + 1e-7 * Math.Abs(expected),
            string.Create(CultureInfo.InvariantCulture, $"{what}: expected {expected:R}, got {value:R}"));
    }
}

public sealed class AnalysisCrossCheckTests_Sqlite(SqliteDatabase db) : AnalysisCrossCheckTests<SqliteDatabase>(db);

public sealed class AnalysisCrossCheckTests_Postgres(PostgresDatabase db) : AnalysisCrossCheckTests<PostgresDatabase>(db);
