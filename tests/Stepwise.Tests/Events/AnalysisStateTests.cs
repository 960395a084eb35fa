using System.Globalization;
using FsCheck.Xunit;
using Stepwise.Events.Analysis;
using Stepwise.Events.Ingestion;
using Stepwise.Events.Metrics;
using Stepwise.Events.Storage;
using Stepwise.Stats;
using Xunit;

namespace Stepwise.Tests.Events;

/// <summary>
/// The per-unit analysis state must give the raw-event analysis's numbers exactly (up to the order of floating-point
/// additions), whatever order events arrive in: events before their unit's exposure, late exposures dated before the
/// recorded first one, units that see several variations, other experiments and environments, several refreshes
/// interleaved with ingestion. Runs against a real DuckDB file.
/// </summary>
public sealed class AnalysisStateTests
{
    internal static readonly Guid Env = Guid.Parse("0191e2a0-0000-7000-8000-00000000000a");
    private static readonly Guid OtherEnv = Guid.Parse("0191e2a0-0000-7000-8000-00000000000b");
    private static readonly DateTime Day0 = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    internal static readonly DateTime End = Day0.AddDays(30);

    internal static List<ProductMetric> Catalogue() =>
    [
        Metric("conv", MetricKind.Conversion, "purchase", cuped: 7),
        Metric("rev", MetricKind.Sum, "purchase", cuped: 7),
        Metric("rev3", MetricKind.Sum, "purchase", cuped: 3),
        Metric("views", MetricKind.Sum, "view"),
        Metric("aov", MetricKind.Mean, "purchase"),
        Metric("rpv", MetricKind.Ratio, "purchase", denominator: "view"),
        Metric("ret1", MetricKind.Retention, "view", cuped: 7, retention: 1),
        Metric("ret3", MetricKind.Retention, "view", retention: 3),
    ];

    private static ProductMetric Metric(string key, MetricKind kind, string eventName, int cuped = 0, string? denominator = null, int? retention = null) => new()
    {
        Key = key, Name = key, Kind = kind, EventName = eventName, CupedPrePeriodDays = cuped, DenominatorEventName = denominator,
        RetentionDays = retention, Direction = Direction.Increase,
    };

    [Property(MaxTest = 12)]
    public async Task StateAnalysis_EqualsRawAnalysis_AfterEveryRefresh(int seed)
    {
        var random = new Random(seed);
        var (exposures, metrics) = Generate(random);
        // Arrival order is random: events before exposures, late exposures after later ones.
        var rows = exposures.Select(e => (object)e).Concat(metrics.Select(m => (object)m)).OrderBy(_ => random.Next()).ToList();
        var chunks = rows.Chunk(Math.Max(1, rows.Count / random.Next(2, 6))).ToList();

        var directory = Directory.CreateTempSubdirectory("stepwise-state-");
        try
        {
            await using var store = new DuckDbEventStore(Path.Combine(directory.FullName, "events.duckdb"));
            var catalogue = Catalogue();
            var scopes = new[]
            {
                new AnalysisScope(Env, "exp", catalogue, End),
                new AnalysisScope(Env, "exp", catalogue.Take(3).ToList(), End),                       // another definition: its own state
                new AnalysisScope(Env, "exp", catalogue, End, Day0.AddDays(4).AddHours(random.Next(0, 48))),   // a rollout stage's window
            };
            foreach (var chunk in chunks)
            {
                await store.WriteAsync([ParsedBatch.Of(chunk.OfType<ExposureRow>(), chunk.OfType<MetricRow>())], CancellationToken.None);
                // Not every scope is refreshed after every chunk: a state may be several chunks behind.
                foreach (var scope in scopes.Where(_ => random.Next(3) > 0)) await AssertSameAsync(store, scope);
            }
            foreach (var scope in scopes) await AssertSameAsync(store, scope);
            // Nothing new: the refresh is a no-op and the answer unchanged.
            Assert.Equal(new StateRefresh(false, 0, 0, 0), await store.RefreshStateAsync(new AnalysisState(store.Dialect, scopes[0]), CancellationToken.None));
            await AssertSameAsync(store, scopes[0]);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task CutoffBeforeTheLatestEvent_FallsBackToTheRawEvents()
    {
        var directory = Directory.CreateTempSubdirectory("stepwise-state-");
        try
        {
            await using var store = new DuckDbEventStore(Path.Combine(directory.FullName, "events.duckdb"));
            var (exposures, metrics) = Generate(new Random(7));
            await store.WriteAsync([ParsedBatch.Of(exposures, metrics)], CancellationToken.None);
            var latest = metrics.Max(m => m.Timestamp);
            var early = new AnalysisScope(Env, "exp", Catalogue(), latest);   // the latest event is not before the cutoff
            var state = new AnalysisState(store.Dialect, early);
            Assert.Null(await store.QueryStateAsync(state, early.End, ["SELECT 1"], CancellationToken.None));
            Assert.NotNull(await store.QueryStateAsync(state, latest.AddTicks(10), ["SELECT 1"], CancellationToken.None));
            // The service's path picks the raw events for the early cutoff and still agrees with them.
            await AssertSameAsync(store, early, fromState: false);
            await AssertSameAsync(store, early with { End = Day0.AddDays(12) }, fromState: false);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void ChangedDefinition_GetsItsOwnState()
    {
        var week = new AnalysisState(DuckDbDialect.Instance, new AnalysisScope(Env, "exp", [Metric("rev", MetricKind.Sum, "purchase", cuped: 7)], End));
        var twoWeeks = new AnalysisState(DuckDbDialect.Instance, new AnalysisScope(Env, "exp", [Metric("rev", MetricKind.Sum, "purchase", cuped: 14)], End));
        var otherEvent = new AnalysisState(DuckDbDialect.Instance, new AnalysisScope(Env, "exp", [Metric("rev", MetricKind.Sum, "order", cuped: 7)], End));
        var sameSources = new AnalysisState(DuckDbDialect.Instance, new AnalysisScope(Env, "exp",
            [Metric("conv", MetricKind.Conversion, "purchase", cuped: 7), Metric("rev", MetricKind.Sum, "purchase", cuped: 7)], End.AddDays(1)));
        Assert.Equal(3, new[] { week.UnitsTable, twoWeeks.UnitsTable, otherEvent.UnitsTable }.Distinct().Count());
        Assert.Equal(week.UnitsTable, sameSources.UnitsTable);   // same source events and windows: the state is shared
    }

    internal static async Task AssertSameAsync(DuckDbEventStore store, AnalysisScope scope, bool fromState = true)
    {
        var ct = CancellationToken.None;
        var raw = new AnalysisQuery(store.Dialect, scope);
        var rawHealth = await store.QueryAsync(AnalysisQuery.ExposureHealth(store.Dialect, scope), ct);
        var rawSums = raw.Read(await store.QueryAsync(raw.Sql, ct), 2);
        var (query, health, statistics, healthSql) = await ExperimentAnalysisService.QueryAsync(store, store, scope, ct);
        Assert.Equal(fromState, healthSql.Contains("analysis_state_", StringComparison.Ordinal));
        var stateSums = query.Read(statistics, 2);
        Assert.Equal(Text(rawHealth), Text(health));
        Assert.Equal(rawSums.Units, stateSums.Units);
        for (var v = 0; v < 2; v++)
        {
            for (var m = 0; m < scope.Metrics.Count; m++)
            {
                var (a, b) = (rawSums.Metrics[v][m], stateSums.Metrics[v][m]);
                var label = $"{scope.Metrics[m].Key} variation {v}: raw {a}, state {b}";
                Assert.True(a.Units == b.Units && Close(a.SumY, b.SumY) && Close(a.SumYY, b.SumYY) && Close(a.SumX, b.SumX)
                    && Close(a.SumXX, b.SumXX) && Close(a.SumXY, b.SumXY), label);
            }
        }
    }

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    private static string Text(IReadOnlyList<object?[]> rows) =>
        string.Join("\n", rows.Select(r => string.Join("|", r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))));

    internal static (List<ExposureRow> Exposures, List<MetricRow> Metrics) Generate(Random random)
    {
        var exposures = new List<ExposureRow>();
        var metrics = new List<MetricRow>();
        Guid Id() => new(random.NextInt64().ToString("x16", CultureInfo.InvariantCulture) + random.NextInt64().ToString("x16", CultureInfo.InvariantCulture));
        DateTime At(double fromDay, double toDay) => Day0.AddMinutes(Math.Round((fromDay + random.NextDouble() * (toDay - fromDay)) * 1440));
        var units = random.Next(20, 80);
        for (var i = 0; i < units; i++)
        {
            var unit = $"u{i}";
            var variation = random.Next(2);
            var seen = At(3, 12);
            if (random.Next(6) > 0) exposures.Add(new(Env, Id(), seen, unit, "exp", variation, "id", null));
            // Repeats, late exposures dated earlier, another variation, other experiments and environments.
            for (var k = random.Next(0, 3); k > 0; k--) exposures.Add(new(Env, Id(), seen.AddHours(random.Next(-72, 72)), unit, "exp", variation, "id", null));
            if (random.Next(12) == 0) exposures.Add(new(Env, Id(), seen.AddHours(random.Next(0, 48)), unit, "exp", 1 - variation, "id", null));
            if (random.Next(4) == 0) exposures.Add(new(Env, Id(), seen, unit, "other", random.Next(2), "id", null));
            if (random.Next(4) == 0) exposures.Add(new(OtherEnv, Id(), seen, unit, "exp", random.Next(2), "id", null));
            foreach (var name in new[] { "purchase", "view", "noise" })
            {
                for (var k = random.Next(0, 6); k > 0; k--)
                {
                    var at = random.Next(3) switch { 0 => At(-2, 14), 1 => seen.AddHours(random.Next(-24 * 8, 24 * 5)), _ => seen.AddDays(random.Next(0, 5)) };
                    metrics.Add(new(random.Next(8) == 0 ? OtherEnv : Env, Id(), at, unit, name, name == "view" ? 1 : Math.Round(random.NextDouble() * 50, 2)));
                }
            }
        }
        // Units that only ever send events.
        for (var k = random.Next(0, 10); k > 0; k--) metrics.Add(new(Env, Id(), At(0, 15), $"x{k}", "purchase", 3.5));
        return (exposures, metrics);
    }
}
