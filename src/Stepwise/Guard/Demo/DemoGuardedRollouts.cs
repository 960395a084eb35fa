using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stepwise.Data;
using Stepwise.Delivery;
using Stepwise.Delivery.Model;
using Stepwise.Delivery.Rollouts;
using Stepwise.Events.Analysis;
using Stepwise.Events.Ingestion;
using Stepwise.Events.Metrics;
using Stepwise.Events.Storage;
using Stepwise.Identity;
using Stepwise.Stats;

namespace Stepwise.Guard.Demo;

/// <summary>
/// Two guarded rollouts whose history the real guard wrote. Days of simulated traffic are replayed on a demo clock, and
/// after each day the guard checks the rollout exactly as the schedule would: translated lyrics looked fine at 1% and 5%,
/// but at 10% the translation service slowed playback start and the guard rolled it back on its own; the larger upload
/// limit advanced by itself stage after stage and now keeps its holdback. The experiments' daily analyses are replayed
/// too, so their pages show the cumulative effect over time. Fixed seed: every demo database tells the same story.
/// </summary>
public sealed class DemoGuardedRollouts(IServiceProvider services, StepwiseDb db, EventStoreProvider stores, TimeProvider time)
{
    private const int Users = 6000;

    /// <summary>A person's name on the demo rollouts' start, with the rights to start them.</summary>
    private static readonly ClaimsPrincipal Starter = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "giulia.andersson@acme.example"), new Claim(ClaimTypes.Role, Roles.Admin)], "demo"));

    public async Task SeedAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await EnsureMetricsAsync(now, ct);
        var production = await db.Environments.AsNoTracking().FirstOrDefaultAsync(e => e.Key == DeliveryEnvironment.Production, ct);
        if (production is null || await db.AnalysisSnapshots.AnyAsync(ct)) return;
        var day0 = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);

        await ReplayRolloutAsync(production, "lyrics-translation", day0.AddDays(-17), days: 5, [0.01, 0.05, 0.10, 0.25, 0.50, 0.99],
            new RolloutGuard
            {
                Guardrails = [new GuardMetric("playback-start-ms")], SuccessMetrics = ["lyrics-opens"], AutoAdvance = true,
                OnHarm = GuardHarmAction.RollBack, Completion = StageCompletion.Duration, HoldbackDays = 14,
            },
            (share, treated) => treated && share >= 0.10 ? 1.06 : 1.0, 20261124, ct);
        await ReplayRolloutAsync(production, "max-upload-mb", day0.AddDays(-6), days: 6, [0.05, 0.25, 0.50, 0.99],
            new RolloutGuard
            {
                Guardrails = [new GuardMetric("upload-failures")], SuccessMetrics = ["uploads-completed"], AutoAdvance = true,
                OnHarm = GuardHarmAction.Pause, Completion = StageCompletion.Duration, HoldbackDays = 14,
            },
            (_, _) => 1.0, 20261125, ct);
        await ReplayExperimentAsync("checkout-button-test", ["checkout-conversion", "order-value"], ["payment-errors"], day0, ct);
        // Day-seven retention needs eight days after a first exposure: the tour test has something to say from its ninth day on.
        await ReplayExperimentAsync(Stepwise.Delivery.Demo.DemoDelivery.TwoStepTourTest, ["retention-d7"], ["session-length"], day0, ct,
            days: Stepwise.Delivery.Demo.DemoDelivery.TwoStepTourDays - 9);
    }

    /// <summary>
    /// Creates and starts the rollout at <paramref name="start"/>, then for each day writes that day's exposures and events
    /// and runs the guard at the end of the day on a clock set there.
    /// </summary>
    private async Task ReplayRolloutAsync(DeliveryEnvironment environment, string flagKey, DateTimeOffset start, int days, List<double> stages,
        RolloutGuard guard, Func<double, bool, double> slowdown, int seed, CancellationToken ct)
    {
        var flag = await db.Flags.AsNoTracking().FirstOrDefaultAsync(f => f.Key == flagKey, ct);
        if (flag is null || await db.RolloutPlans.AnyAsync(p => p.FlagId == flag.Id && p.EnvironmentId == environment.Id, ct)) return;
        var clock = new DemoClock(start.AddHours(-2));
        var rollouts = ActivatorUtilities.CreateInstance<RolloutService>(services, clock);
        var guardService = ActivatorUtilities.CreateInstance<RolloutGuardService>(services, clock, rollouts);
        var value = flag.ValueType == FlagValueType.Number ? System.Text.Json.JsonElement.Parse("100") : System.Text.Json.JsonElement.Parse("true");
        var created = await rollouts.CreateAsync(Starter, flag.Key, new CreateRolloutRequest(environment.Key, value, stages, 0.01, 20, "id", null), ct);
        if (!created.Succeeded) return;
        var id = created.Value!.Id;
        var request = new GuardRequest(guard.SuccessMetrics, guard.Guardrails, null, null, guard.AutoAdvance, guard.OnHarm, guard.Completion, guard.HoldbackDays, false);
        await guardService.SetGuardAsync(Starter, id, request, ct);
        clock.Now = start;
        await rollouts.StartAsync(Starter, id, new RolloutActionRequest(-1, "Guarded rollout: the guard advances it daily while the guardrails hold.", null, true), ct);

        var random = new Random(seed);
        var positions = Enumerable.Range(0, Users).Select(_ => random.NextDouble()).ToArray();
        var store = stores.Get();
        for (var day = 0; day < days; day++)
        {
            var plan = await db.RolloutPlans.AsNoTracking().FirstAsync(p => p.Id == id, ct);
            if (!plan.IsLive || plan.Status == RolloutStatus.Paused) break;
            var (from, to) = plan.IncludedRange;
            var exposures = new List<ExposureRow>();
            var metrics = new List<MetricRow>();
            var dayStart = start.AddDays(day).UtcDateTime;
            for (var u = 0; u < Users; u++)
            {
                if (random.NextDouble() >= 0.5) continue;
                var unit = $"{flagKey}-listener-{u:D5}";
                var treated = positions[u] >= from && positions[u] < to;
                var seen = dayStart.AddMinutes(5 + random.Next(0, 20 * 60));
                exposures.Add(new ExposureRow(environment.Id, Id(random), seen, unit, plan.AnalysisKey, treated ? 1 : 0, "id", flagKey));
                Events(random, metrics, environment.Id, unit, seen, slowdown(to - from, treated), treated, flagKey);
            }
            await store.WriteAsync(exposures, metrics, ct);
            clock.Now = start.AddDays(day + 1).AddMinutes(-1);
            db.ChangeTracker.Clear();
            await guardService.GuardAsync(id, ct);
        }
    }

    /// <summary>One active unit's day: playback starts (latency in ms) and lyrics opens, or uploads and their failures.</summary>
    private static void Events(Random random, List<MetricRow> metrics, Guid environment, string unit, DateTime seen, double slowdown, bool treated, string flag)
    {
        var count = 1 + random.Next(0, 4);
        for (var i = 0; i < count; i++)
        {
            var at = seen.AddMinutes(1 + random.Next(0, 200));
            if (flag == "lyrics-translation")
            {
                metrics.Add(new MetricRow(environment, Id(random), at, unit, "playback_start", Math.Max(50, (800 + 200 * Gaussian(random)) * slowdown)));
                if (random.NextDouble() < (treated ? 0.13 : 0.12)) metrics.Add(new MetricRow(environment, Id(random), at.AddSeconds(30), unit, "lyrics_open", 1));
            }
            else
            {
                if (random.NextDouble() < 0.3) metrics.Add(new MetricRow(environment, Id(random), at, unit, "upload_completed", 1));
                if (random.NextDouble() < 0.02) metrics.Add(new MetricRow(environment, Id(random), at, unit, "upload_failed", 1));
            }
        }
    }

    /// <summary>The experiment's daily analyses over its two weeks, stored as the schedule would have.</summary>
    private async Task ReplayExperimentAsync(string key, List<string> success, List<string> guardrails, DateTimeOffset today, CancellationToken ct, int days = 12)
    {
        var experiment = await db.Experiments.AsNoTracking().FirstOrDefaultAsync(e => e.Key == key && e.Status == ExperimentStatus.Running, ct);
        if (experiment is null) return;
        var clock = new DemoClock(today);
        var analysis = ActivatorUtilities.CreateInstance<ExperimentAnalysisService>(services, clock);
        var snapshots = ActivatorUtilities.CreateInstance<ExperimentSnapshots>(services, clock, analysis);
        for (var day = days; day >= 1; day--)
        {
            clock.Now = today.AddDays(-day);
            await snapshots.SnapshotAsync(experiment, success, guardrails, ct);
        }
    }

    /// <summary>Catalogue entries for every metric the demo features and rollouts name, so their hypotheses are valid.</summary>
    private async Task EnsureMetricsAsync(DateTimeOffset now, CancellationToken ct)
    {
        (string Key, string Name, MetricKind Kind, string Event, Direction Direction, double? Margin, int? Days)[] wanted =
        [
            ("page-load-ms", "Page load time (ms, mean per load)", MetricKind.Mean, "page_load", Direction.Decrease, 0.05, null),
            ("retention-d7", "Seven-day retention", MetricKind.Retention, "session_start", Direction.Increase, 0.02, 7),
            ("session-length", "Listening time per unit (s)", MetricKind.Sum, "session_seconds", Direction.Increase, 0.02, null),
            ("checkout-conversion-returning", "Checkout conversion of returning buyers", MetricKind.Conversion, "purchase_returning", Direction.Increase, null, null),
            ("refund-rate", "Units with a refund", MetricKind.Conversion, "refund", Direction.Decrease, 0.05, null),
            ("search-latency-p95", "Search latency (ms, mean per search)", MetricKind.Mean, "search_latency_ms", Direction.Decrease, 0.1, null),
            ("evening-session-length", "Evening listening time per unit (s)", MetricKind.Sum, "evening_session_seconds", Direction.Increase, null, null),
            ("crash-rate", "Units with a crash", MetricKind.Conversion, "crash", Direction.Decrease, 0.1, null),
            ("lyrics-opens", "Units opening lyrics", MetricKind.Conversion, "lyrics_open", Direction.Increase, null, null),
            ("playback-start-ms", "Playback start time (ms, mean per start)", MetricKind.Mean, "playback_start", Direction.Decrease, 0.02, null),
            ("uploads-completed", "Units completing an upload", MetricKind.Conversion, "upload_completed", Direction.Increase, null, null),
            ("upload-failures", "Units with a failed upload", MetricKind.Conversion, "upload_failed", Direction.Decrease, 0.25, null),
        ];
        var existing = await db.Metrics.Select(m => m.Key).ToListAsync(ct);
        foreach (var m in wanted.Where(m => !existing.Contains(m.Key)))
        {
            db.Metrics.Add(new ProductMetric
            {
                Id = Guid.CreateVersion7(now), Key = m.Key, Name = m.Name, Kind = m.Kind, EventName = m.Event, Direction = m.Direction,
                GuardrailMargin = m.Margin, RetentionDays = m.Days, CreatedAt = now, UpdatedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static Guid Id(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    /// <summary>The demo's replay clock: the services read "now" from it while past days are replayed.</summary>
    private sealed class DemoClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
