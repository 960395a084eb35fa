using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Delivery.Model;

namespace Stepwise.Delivery.Demo;

/// <summary>
/// Seeds delivery demo data once: flags of every type and state, a rollout mid-way with its holdback, a
/// finished rollout whose holdback is still held, two experiments sharing one exclusive layer and a third in
/// another, the onboarding squad's tour-length test (the demo thread's experiment), a holdout, and segments. The client keys are <c>sdk-demo-{environment}</c>, in demo mode only.
/// </summary>
public sealed class DemoDelivery(StepwiseDb db, TimeProvider time)
{
    public const string KeyPrefix = "sdk-demo-";
    public const string ProductionKey = KeyPrefix + DeliveryEnvironment.Production;

    public static string KeyFor(string environment) => KeyPrefix + environment;

    /// <summary>The demo thread's experiment (guided onboarding): DemoEvents simulates its traffic over these days.</summary>
    public const string TwoStepTourTest = "two-step-tour-test";
    public const int TwoStepTourDays = 14;

    public async Task SeedAsync(CancellationToken ct)
    {
        await DeliverySetup.EnsureEnvironmentsAsync(db, time, KeyFor, ct);
        await EnsureDemoKeysAsync(ct);
        // Payloads compile on first use, and the save below refreshes them (DeliveryChangeInterceptor): no refresh here.
        if (await db.Flags.AnyAsync(ct)) return;
        var now = time.GetUtcNow();
        var environments = await db.Environments.ToDictionaryAsync(e => e.Key, ct);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Key, u => u.Id, ct);
        Guid? Unit(string key) => units.TryGetValue(key, out var id) ? id : null;
        var production = environments[DeliveryEnvironment.Production].Id;
        var staging = environments[DeliveryEnvironment.Staging].Id;

        db.Segments.AddRange(
            new Segment { Id = NewId(now), Key = "beta-testers", Name = "Beta testers", Description = "Listeners who opted into beta features.", Condition = """{"beta":true}""", UpdatedAt = now },
            new Segment { Id = NewId(now), Key = "nordics", Name = "Nordic countries", Condition = """{"country":{"$in":["SE","NO","DK","FI","IS"]}}""", UpdatedAt = now },
            new Segment { Id = NewId(now), Key = "employees", Name = "Employees", Condition = """{"email":{"$regex":"@acme\\.example$"}}""", UpdatedAt = now });
        var checkoutLayer = new Layer { Id = NewId(now), Key = "checkout", Name = "Checkout", Description = "Everything that changes the checkout funnel: one test per unit." };
        var searchLayer = new Layer { Id = NewId(now), Key = "search", Name = "Search ranking", Description = "Ranking and query understanding tests." };
        db.Layers.AddRange(checkoutLayer, searchLayer);
        db.Holdouts.Add(new Holdout { Id = NewId(now), Key = "q4-global", Name = "Q4 global holdout", Share = 0.02, EnvironmentId = production });

        var specs = new List<FlagSpec>
        {
            new("new-checkout", "New checkout flow", FlagValueType.Boolean, "false", "monetization-checkout", true),
            new("checkout-button-color", "Checkout button colour", FlagValueType.String, "\"blue\"", "monetization-checkout", true),
            new("express-pay", "Express pay", FlagValueType.Boolean, "false", "monetization-checkout", true),
            new("search-ranking", "Search ranking model", FlagValueType.String, "\"bm25\"", "listener-search", true),
            new("dark-mode", "Dark mode", FlagValueType.Boolean, "false", "listener", true,
                [new TargetingRule { Id = "beta", Description = "Beta testers first", Segments = ["beta-testers"], Value = "true" },
                 new TargetingRule { Id = "employees", Segments = ["employees"], Value = "true" }]),
            new("max-upload-mb", "Maximum upload size (MB)", FlagValueType.Number, "25", "creators-upload-pipeline", true,
                [new TargetingRule { Id = "nordics", Segments = ["nordics"], Value = "50" },
                 new TargetingRule { Id = "pro-creators", Condition = """{"plan":"pro"}""", Value = "200" }]),
            new("recommendations-config", "Recommendations tuning", FlagValueType.Json, """{"model":"two-tower-v3","slots":6}""", "platform-recommendations", true,
                [new TargetingRule { Id = "canary", Description = "10% canary of the new model", Value = """{"model":"two-tower-v4","slots":6}""", Coverage = 0.1 }]),
            // Killed in production: the kill switch serves the off value while the team investigates.
            new("legacy-export", "Legacy CSV export", FlagValueType.Boolean, "true", "platform-data-platform", false),
            new("onboarding-tour", "Onboarding tour", FlagValueType.Boolean, "false", "listener-home-feed", true),
            // Which tour new listeners get: the two-step variant is being tested against the full tour.
            new("tour-length", "Onboarding tour length", FlagValueType.String, "\"full\"", "listener-home-feed", true),
            new("lyrics-translation", "Translated lyrics", FlagValueType.Boolean, "false", "listener-lyrics", false),
            new("holiday-banner-2025", "Holiday banner 2025", FlagValueType.Boolean, "false", "listener-home-feed", false, Archived: true),
            // Planned on the checkout surface outside the checkout layer: starting its experiment is blocked by the collision guard.
            new("basket-upsell", "Basket upsell", FlagValueType.Boolean, "false", "monetization-checkout", true),
        };
        var flags = specs.Select(spec =>
        {
            var flag = new Flag
            {
                Id = NewId(now), Key = spec.Key, Name = spec.Name, ValueType = spec.Type, DefaultValue = spec.DefaultValue, OwnerUnitId = Unit(spec.Owner),
                Archived = spec.Archived, CreatedAt = now.AddDays(-60), UpdatedAt = now,
            };
            flag.Environments.AddRange(environments.Values.Select(e => new FlagEnvironment
            {
                FlagId = flag.Id, EnvironmentId = e.Id, Enabled = e.Key != DeliveryEnvironment.Production || spec.OnInProduction, Rules = spec.Rules ?? [],
            }));
            return flag;
        }).ToList();
        var surfaces = new Dictionary<string, string>
        {
            ["new-checkout"] = "checkout", ["checkout-button-color"] = "checkout", ["express-pay"] = "checkout", ["basket-upsell"] = "checkout",
            ["search-ranking"] = "search", ["dark-mode"] = "app-theme", ["onboarding-tour"] = "home-feed", ["lyrics-translation"] = "lyrics",
        };
        foreach (var flag in flags) flag.Surface = surfaces.GetValueOrDefault(flag.Key);
        db.Flags.AddRange(flags);
        var byKey = flags.ToDictionary(f => f.Key);

        db.RolloutPlans.Add(MidwayRollout(byKey["new-checkout"].Id, production, now));
        db.RolloutPlans.Add(ReleasedRollout(byKey["onboarding-tour"].Id, production, now));
        db.RolloutPlans.Add(new RolloutPlan
        {
            Id = NewId(now), FlagId = byKey["new-checkout"].Id, EnvironmentId = staging, Value = "true", Seed = "new-checkout/staging/demo",
            Stages = [0.5, 0.99], Holdback = 0.01, Status = RolloutStatus.Draft, CreatedAt = now.AddDays(-20), MinimumStageDuration = TimeSpan.FromHours(4),
        });
        db.Experiments.AddRange(
            NewExperiment("checkout-button-test", "Green checkout button", byKey["checkout-button-color"].Id, production, checkoutLayer.Id, 0, 0.5, now,
                "A green button reads as 'go' and lifts checkout conversion by at least 1%.",
                [new("control", "Blue (control)", "\"blue\"", 0.5), new("green", "Green", "\"green\"", 0.5)]),
            NewExperiment("express-pay-test", "Express pay in checkout", byKey["express-pay"].Id, production, checkoutLayer.Id, 0.5, 0.9, now,
                "One-tap payment cuts checkout abandonment without raising refunds.",
                [new("control", "Off", "false", 0.5), new("express", "Express pay", "true", 0.5)]),
            NewExperiment("search-ranking-v2", "Learned ranking for search", byKey["search-ranking"].Id, production, searchLayer.Id, 0, 0.6, now,
                "Learned ranking raises search-to-play rate; latency p95 stays within 20 ms of today.",
                [new("control", "BM25", "\"bm25\"", 0.34), new("ltr", "Learning to rank", "\"ltr-v1\"", 0.33), new("hybrid", "Hybrid", "\"hybrid-v1\"", 0.33)]));
        // The cheaper tour the onboarding squad went looking for: two steps (find your library, save a first playlist) against the full tour.
        db.Experiments.Add(new Experiment
        {
            Id = NewId(now), Key = TwoStepTourTest, Name = "Two-step onboarding tour", FlagId = byKey["tour-length"].Id, EnvironmentId = production,
            Hypothesis = "A tour that stops once new listeners have found their library and saved a first playlist keeps more of them to day seven than the full tour.",
            Variations = [new("control", "Full tour", "\"full\"", 0.5), new("two-step", "Two-step tour", "\"two-step\"", 0.5)],
            Status = ExperimentStatus.Running, CreatedAt = now.AddDays(-TwoStepTourDays - 1), StartedAt = now.AddDays(-TwoStepTourDays),
        });
        // A draft outside the checkout layer on the checkout surface: the collision guard blocks its start (demo of the guard).
        db.Experiments.Add(new Experiment
        {
            Id = NewId(now), Key = "basket-upsell-test", Name = "Upsell in the basket", FlagId = byKey["basket-upsell"].Id, EnvironmentId = production,
            Hypothesis = "Suggesting one accessory in the basket raises order value without hurting checkout conversion.",
            Variations = [new("control", "No upsell", "false", 0.5), new("upsell", "Upsell", "true", 0.5)], Coverage = 0.5,
            Status = ExperimentStatus.Draft, CreatedAt = now.AddDays(-2),
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Demo keys exist even when the environments were created outside demo mode.</summary>
    private async Task EnsureDemoKeysAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        foreach (var environment in await db.Environments.ToListAsync(ct))
        {
            var key = KeyFor(environment.Key);
            if (await db.SdkKeys.AnyAsync(k => k.Key == key, ct)) continue;
            db.SdkKeys.Add(new SdkKey { Id = NewId(now), EnvironmentId = environment.Id, Key = key, Name = "Demo key", CreatedAt = now });
        }
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
    }

    private static RolloutPlan MidwayRollout(Guid flag, Guid environment, DateTimeOffset now)
    {
        var plan = new RolloutPlan
        {
            Id = NewId(now), FlagId = flag, EnvironmentId = environment, Value = "true", Seed = "new-checkout/production/demo",
            Status = RolloutStatus.Running, CurrentStage = 3, StageStartedAt = now.AddHours(-30), CreatedAt = now.AddDays(-12),
        };
        plan.History =
        [
            new(now.AddDays(-10), RolloutAction.Started, -1, 0, "giulia.andersson@acme.example", "Checkout squad sign-off"),
            new(now.AddDays(-8), RolloutAction.Advanced, 0, 1, "giulia.andersson@acme.example", null),
            new(now.AddDays(-6), RolloutAction.Advanced, 1, 2, "giulia.andersson@acme.example", "Conversion flat, errors flat"),
            new(now.AddDays(-5), RolloutAction.Paused, 2, 2, "giulia.andersson@acme.example", "p95 latency alert in checkout-api"),
            new(now.AddDays(-4), RolloutAction.Resumed, 2, 2, "giulia.andersson@acme.example", "Alert was a cache cold start"),
            new(now.AddHours(-30), RolloutAction.Advanced, 2, 3, "giulia.andersson@acme.example", null),
        ];
        return plan;
    }

    private static RolloutPlan ReleasedRollout(Guid flag, Guid environment, DateTimeOffset now) => new()
    {
        Id = NewId(now), FlagId = flag, EnvironmentId = environment, Value = "true", Seed = "onboarding-tour/production/demo", Stages = [0.1, 0.5, 0.99],
        Status = RolloutStatus.Released, CurrentStage = 2, StageStartedAt = now.AddDays(-60), CreatedAt = now.AddDays(-95),
        History =
        [
            new(now.AddDays(-90), RolloutAction.Started, -1, 0, "admin@acme.example", null),
            new(now.AddDays(-75), RolloutAction.Advanced, 0, 1, "admin@acme.example", null),
            new(now.AddDays(-60), RolloutAction.Advanced, 1, 2, "admin@acme.example", "Released; holdback kept to measure long-term retention"),
        ],
    };

    private sealed record FlagSpec(string Key, string Name, FlagValueType Type, string DefaultValue, string Owner, bool OnInProduction,
        List<TargetingRule>? Rules = null, bool Archived = false);

    private static Experiment NewExperiment(string key, string name, Guid flag, Guid environment, Guid layer, double start, double end, DateTimeOffset now,
        string hypothesis, List<ExperimentVariation> variations) => new()
    {
        Id = NewId(now), Key = key, Name = name, Hypothesis = hypothesis, FlagId = flag, EnvironmentId = environment, Variations = variations,
        LayerId = layer, LayerShare = end - start, RangeStart = start, RangeEnd = end, Status = ExperimentStatus.Running,
        CreatedAt = now.AddDays(-15), StartedAt = now.AddDays(-14),
    };

    private static Guid NewId(DateTimeOffset now) => Guid.CreateVersion7(now);
}
