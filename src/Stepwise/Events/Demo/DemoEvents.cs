using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Delivery.Demo;
using Stepwise.Delivery.Model;
using Stepwise.Events.Ingestion;
using Stepwise.Events.Metrics;
using Stepwise.Events.Storage;
using Stepwise.Stats;

namespace Stepwise.Events.Demo;

/// <summary>
/// Seeds a metrics catalogue and two weeks of simulated events for the demo's running experiments, so their analysis
/// pages have something true to say: the green checkout button wins on conversion, express pay shows a sample-ratio
/// mismatch (its assignment lost units on one side), the search ranking test is flat, and the two-step onboarding tour
/// keeps more new listeners to day seven. Fixed seed: every demo
/// database tells the same story.
/// </summary>
public sealed class DemoEvents(StepwiseDb db, EventStoreProvider stores, TimeProvider time)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!await db.Metrics.AnyAsync(ct))
        {
            db.Metrics.AddRange(
                Metric("checkout-conversion", "Checkout conversion", MetricKind.Conversion, "purchase", Direction.Increase, null, 14, now),
                Metric("order-value", "Order value per unit", MetricKind.Sum, "purchase", Direction.Increase, null, 14, now),
                Metric("payment-errors", "Units with a payment error", MetricKind.Conversion, "payment_error", Direction.Decrease, 0.2, 0, now),
                Metric("search-success-top3", "Search success in the top three", MetricKind.Conversion, "search_success", Direction.Increase, null, 0, now));
            await db.SaveChangesAsync(ct);
        }

        var production = await db.Environments.AsNoTracking().Where(e => e.Key == DeliveryEnvironment.Production).Select(e => e.Id).FirstOrDefaultAsync(ct);
        if (production == Guid.Empty) return;
        var store = stores.Get();
        if (!await HasExposuresAsync(store, DemoDelivery.TwoStepTourTest, ct)) await SimulateTourTestAsync(store, production, now, ct);
        if (await HasExposuresAsync(store, "checkout-button-test", ct)) return;

        var random = new Random(20261123);
        var exposures = new List<ExposureRow>();
        var metrics = new List<MetricRow>();
        var start = now.UtcDateTime.AddDays(-14);
        Simulate("checkout-button-test", "checkout-button-color", 40_000, [0.5, 0.5], [0.10, 0.125], 0.05);
        Simulate("express-pay-test", "express-pay", 8_000, [0.535, 0.465], [0.10, 0.104], 0.05);
        Simulate("search-ranking-v2", "search-ranking", 6_000, [0.34, 0.33, 0.33], [0.30, 0.30, 0.305], 0, "search_success");
        // Events the simulation places after now have not happened yet: the store gets none (as through the API).
        metrics.RemoveAll(m => m.Timestamp >= now.UtcDateTime);
        await store.WriteAsync(exposures, metrics, ct);

        // One experiment's units: a first exposure in the last two weeks, purchases before it (the CUPED pre-period)
        // and after it at the variation's rate, and payment errors at the same rate everywhere.
        void Simulate(string experiment, string feature, int units, double[] split, double[] rate, double errorRate, string goal = "purchase")
        {
            for (var i = 0; i < units; i++)
            {
                var unit = $"{experiment}-u{i:D5}";
                var variation = Pick(split);
                var exposed = start.AddMinutes(random.Next(0, 13 * 24 * 60));
                exposures.Add(new ExposureRow(production, Id(), exposed, unit, experiment, variation, "id", feature));
                var habit = random.NextDouble() < 0.2 ? 3.0 : 0.5; // frequent buyers buy before and after: what CUPED uses
                if (random.NextDouble() < rate[0] * habit) metrics.Add(new MetricRow(production, Id(), exposed.AddDays(-random.Next(1, 14)), unit, goal, Value()));
                if (random.NextDouble() < rate[variation] * habit) metrics.Add(new MetricRow(production, Id(), exposed.AddHours(random.Next(1, 48)), unit, goal, Value()));
                if (errorRate > 0 && random.NextDouble() < errorRate) metrics.Add(new MetricRow(production, Id(), exposed.AddMinutes(random.Next(1, 600)), unit, "payment_error", 1));
            }
        }

        int Pick(double[] split)
        {
            var roll = random.NextDouble();
            for (var v = 0; v < split.Length - 1; v++)
            {
                if ((roll -= split[v]) < 0) return v;
            }
            return split.Length - 1;
        }

        double Value() => Math.Round(15 + 60 * random.NextDouble(), 2);

        Guid Id()
        {
            Span<byte> bytes = stackalloc byte[16];
            random.NextBytes(bytes);
            return new Guid(bytes);
        }
    }

    private static async Task<bool> HasExposuresAsync(IEventStore store, string experiment, CancellationToken ct)
    {
        var seeded = await store.QueryAsync($"SELECT COUNT(*) FROM event_exposures WHERE experiment = '{experiment}'", ct);
        return seeded.Count > 0 && Convert.ToInt64(seeded[0][0], System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>
    /// The demo thread's experiment: new listeners over the last days get the full or the two-step tour; a listener is
    /// "retained" when they start a session on day seven, more often with the two-step tour (43% against 39%), while
    /// first-day listening time is the same on both sides (the guardrail holds).
    /// </summary>
    private static async Task SimulateTourTestAsync(IEventStore store, Guid production, DateTimeOffset now, CancellationToken ct)
    {
        var random = new Random(20261126);
        var exposures = new List<ExposureRow>();
        var metrics = new List<MetricRow>();
        var end = now.UtcDateTime;
        var start = end.AddDays(-DemoDelivery.TwoStepTourDays);
        double[] retained = [0.39, 0.43];
        for (var i = 0; i < 36_000; i++)
        {
            var unit = $"new-listener-{i:D5}";
            var variation = random.NextDouble() < 0.5 ? 0 : 1;
            var exposed = start.AddMinutes(random.Next(0, DemoDelivery.TwoStepTourDays * 24 * 60));
            if (exposed >= end) continue;
            exposures.Add(new ExposureRow(production, Id(random), exposed, unit, DemoDelivery.TwoStepTourTest, variation, "id", "tour-length"));
            metrics.Add(new MetricRow(production, Id(random), exposed.AddMinutes(random.Next(1, 90)), unit, "session_seconds",
                Math.Round(Math.Max(30, 600 + 90 * Gaussian(random)))));
            var daySeven = exposed.AddDays(7).AddHours(random.Next(0, 20));
            if (daySeven < end && random.NextDouble() < retained[variation])
                metrics.Add(new MetricRow(production, Id(random), daySeven, unit, "session_start", 1));
        }
        metrics.RemoveAll(m => m.Timestamp >= end);   // not happened yet
        await store.WriteAsync(exposures, metrics, ct);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static Guid Id(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static ProductMetric Metric(string key, string name, MetricKind kind, string eventName, Direction direction, double? margin, int cupedDays, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), Key = key, Name = name, Kind = kind, EventName = eventName, Direction = direction, GuardrailMargin = margin,
        CupedPrePeriodDays = cupedDays, CreatedAt = now, UpdatedAt = now,
    };
}
