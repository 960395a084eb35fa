using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Delivery.Lifecycle;

namespace Stepwise.Delivery.Demo;

/// <summary>
/// Seeds features in every phase of the loop, tied to the demo flags: one being thought about, one being built, a
/// rollout in Ship it, one released and being tweaked, one maintained whose measured value fell short (so the
/// maintenance view has something to say), and one stopped after it hurt a guardrail.
/// </summary>
public sealed class DemoLifecycle(StepwiseDb db, TimeProvider time)
{
    private const string Lead = "admin@acme.example";

    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Features.AnyAsync(ct)) return;
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Key, u => u.Id, ct);
        var now = time.GetUtcNow();
        var specs = new[]
        {
            new Spec("one-page-checkout", "One-page checkout", "monetization-checkout", 120, ["new-checkout"],
                "Putting delivery, payment and review on one page will lift checkout conversion, because most drop-off happens between steps.",
                [new("checkout-conversion", MetricDirection.Increase, 0.02)],
                [new("payment-errors", MetricDirection.Decrease, 0.01), new("page-load-ms", MetricDirection.Decrease, 0.05)],
                [(100, GateDecisionKind.Advance, "Five of six users in moderated tests finished the prototype without help; the old flow lost three.", EvidenceKind.UserTest, null),
                 (45, GateDecisionKind.Advance, "The build passes the payment provider's certification; start the progressive rollout.", EvidenceKind.PrototypeTest, null)],
                0.5),
            new("guided-onboarding", "Guided onboarding tour", "listener-home-feed", 200, ["onboarding-tour", "tour-length"],
                "A short guided tour in the first session will raise seven-day retention of new listeners.",
                [new("retention-d7", MetricDirection.Increase, 0.03)], [new("session-length", MetricDirection.Increase, 0.02)],
                [(180, GateDecisionKind.Advance, "Interviews: new listeners could not find their library or downloads.", EvidenceKind.Research, null),
                 (95, GateDecisionKind.Advance, "Tour built behind onboarding-tour; ready for 10% of new listeners.", EvidenceKind.PrototypeTest, null),
                 (60, GateDecisionKind.Advance, "Seven-day retention up 4.1% at 50% with no guardrail harmed; released with a 1% holdback.", EvidenceKind.Analysis, 0.041),
                 (30, GateDecisionKind.Advance, "The holdback shows the effect fading to +0.8% after a month; keep it while we look for a cheaper variant.", EvidenceKind.Analysis, 0.008)],
                0.4),
            new("express-pay", "Express pay", "monetization-checkout", 40, ["express-pay"],
                "Returning buyers who can pay in one tap will complete more purchases.",
                [new("checkout-conversion-returning", MetricDirection.Increase, 0.015)], [new("refund-rate", MetricDirection.Decrease, 0.005)],
                [(20, GateDecisionKind.Advance, "Wallet tokens tested with the provider's sandbox; building the real flow.", EvidenceKind.PrototypeTest, null)],
                0.3),
            new("basket-upsell", "Basket upsell", "monetization-checkout", 30, ["basket-upsell"],
                "One well-chosen accessory suggested in the basket will raise order value.",
                [new("order-value", MetricDirection.Increase, 0.03)], [new("checkout-conversion", MetricDirection.Increase, 0.01)],
                [(12, GateDecisionKind.Advance, "Merchandising picked accessories for the top 50 products.", EvidenceKind.Research, null)],
                0.2),
            new("learned-ranking", "Learned search ranking", "listener-search", 10, ["search-ranking"],
                "A learned ranking model will put the result people play within the top three more often than keyword ranking.",
                [new("search-success-top3", MetricDirection.Increase, 0.02)], [new("search-latency-p95", MetricDirection.Decrease, 0.1)],
                [], 0.2),
            new("night-theme", "Dark mode", "listener", 150, ["dark-mode"],
                "A dark theme will lengthen evening sessions.",
                [new("evening-session-length", MetricDirection.Increase, 0.02)], [new("crash-rate", MetricDirection.Decrease, 0.002)],
                [(130, GateDecisionKind.Advance, "Most requested feature in the last two surveys.", EvidenceKind.Research, null),
                 (70, GateDecisionKind.Advance, "Contrast checked against accessibility guidelines.", EvidenceKind.UserTest, null),
                 (20, GateDecisionKind.Advance, "Evening sessions up 3.2% at 99%; released to everyone.", EvidenceKind.Analysis, 0.032),
                 (6, GateDecisionKind.Iterate, "Album art looks washed out on the dark background; tweak the palette.", EvidenceKind.UserTest, null)],
                0.25),
            new("lyrics-translation", "Translated lyrics", "listener-lyrics", 110, ["lyrics-translation"],
                "Showing lyrics in the listener's language will raise lyrics engagement outside English-speaking markets.",
                [new("lyrics-opens", MetricDirection.Increase, 0.05)], [new("playback-start-ms", MetricDirection.Decrease, 0.02)],
                [(90, GateDecisionKind.Advance, "Translation quality rated good by native speakers in four languages.", EvidenceKind.UserTest, null),
                 (40, GateDecisionKind.Advance, "Translation service in place; start with 1%.", EvidenceKind.PrototypeTest, null),
                 (15, GateDecisionKind.Stop, "At 10% playback start time rose 6%, far past the 2% margin; caching would cost more than the feature is worth.", EvidenceKind.Analysis, -0.01)],
                0.5),
        };
        foreach (var spec in specs)
        {
            if (!units.TryGetValue(spec.Owner, out var owner)) continue;
            db.Features.Add(Build(spec, owner, now));
        }
        await db.SaveChangesAsync(ct);
    }

    private static Feature Build(Spec spec, Guid owner, DateTimeOffset now)
    {
        var created = now.AddDays(-spec.AgeDays);
        var feature = new Feature
        {
            Id = Guid.CreateVersion7(created), Key = spec.Key, Name = spec.Name, OwnerUnitId = owner, Phase = FeaturePhase.ThinkIt, PhaseSince = created,
            CreatedAt = created, HypothesisStatement = spec.Hypothesis, SuccessMetrics = [.. spec.Success], GuardrailMetrics = [.. spec.Guardrails], FlagKeys = [.. spec.Flags],
        };
        foreach (var (daysAgo, kind, rationale, evidence, effect) in spec.Gates)
        {
            var at = now.AddDays(-daysAgo);
            var target = FeatureService.Target(feature, kind, null, out _) ?? feature.Phase;
            feature.Decisions.Add(new GateDecision
            {
                Id = Guid.CreateVersion7(at), FeatureId = feature.Id, Kind = kind, FromPhase = feature.Phase, ToPhase = target, Rationale = rationale,
                Evidence = [new EvidenceLink(evidence, EvidenceTitle(evidence), null)], MeasuredEffect = effect, DecidedBy = Lead, DecidedAt = at,
            });
            feature.MoveTo(target, at);
        }
        var start = DateOnly.FromDateTime(created.UtcDateTime);
        feature.Allocations.Add(new SquadAllocation { Id = Guid.CreateVersion7(created), FeatureId = feature.Id, Share = spec.Share, From = start });
        // The team corrected two busy weeks by hand; entered weeks win over the allocation's estimate.
        var busy = InvestmentCalculator.WeekOf(start.AddDays(Math.Max(7, spec.AgeDays / 3)));
        if (busy <= DateOnly.FromDateTime(now.UtcDateTime))
        {
            feature.Investments.Add(new InvestmentEntry { Id = Guid.CreateVersion7(created), FeatureId = feature.Id, WeekStart = busy, PersonWeeks = 4, Note = "Whole squad on the push before the first rollout" });
        }
        return feature;
    }

    private static string EvidenceTitle(EvidenceKind kind) => kind switch
    {
        EvidenceKind.UserTest => "Moderated user tests",
        EvidenceKind.PrototypeTest => "Prototype test report",
        EvidenceKind.Analysis => "Experiment analysis",
        EvidenceKind.Research => "Research summary",
        _ => "Notes",
    };

    private sealed record Spec(
        string Key, string Name, string Owner, int AgeDays, string[] Flags, string Hypothesis, SuccessMetric[] Success, GuardrailMetric[] Guardrails,
        (int DaysAgo, GateDecisionKind Kind, string Rationale, EvidenceKind Evidence, double? Effect)[] Gates, double Share);
}
