using System.Globalization;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Stepwise.Flags.Evaluation;
using Stepwise.Flags.Features;

namespace Stepwise.Flags.Tests.Properties;

public sealed class RolloutProperties
{
    private static FlagEvaluator Rollout(double coverage, string extraRuleJson = "") => new(FeaturePayload.Parse($$"""
        { "features": { "new-checkout": { "defaultValue": false, "rules": [
            { "id": "rollout", "force": true, "coverage": {{coverage.ToString("R", CultureInfo.InvariantCulture)}},
              "hashVersion": 2 {{extraRuleJson}} } ] } } }
        """));

    private static EvaluationContext Unit(string id) =>
        new() { Attributes = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["id"] = id }) };

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public bool IsOn_CoverageGrows_UnitNeverLosesFeature(NonEmptyString id, PositiveInt a, PositiveInt b)
    {
        var low = Math.Min(a.Get, b.Get) % 101 / 100d;
        var high = Math.Max(low, Math.Max(a.Get, b.Get) % 101 / 100d);
        var unit = Unit(id.Get);
        return !Rollout(low).IsOn("new-checkout", unit) || Rollout(high).IsOn("new-checkout", unit);
    }

    [Fact]
    public void IsOn_StagedRollout_InclusionIsMonotoneAndNearCoverage()
    {
        double[] stages = [0.01, 0.05, 0.10, 0.25, 0.50, 0.99, 1.0];
        var evaluators = stages.Select(s => Rollout(s)).ToArray();
        var included = new int[stages.Length];
        const int Units = 50_000;
        for (var i = 0; i < Units; i++)
        {
            var unit = Unit("u" + i.ToString(CultureInfo.InvariantCulture));
            var wasOn = false;
            for (var s = 0; s < stages.Length; s++)
            {
                var on = evaluators[s].IsOn("new-checkout", unit);
                Assert.False(wasOn && !on, $"unit u{i} lost the feature when coverage grew to {stages[s]}");
                wasOn = on;
                included[s] += on ? 1 : 0;
            }
        }
        for (var s = 0; s < stages.Length; s++)
        {
            Assert.InRange(included[s] / (double)Units, stages[s] - 0.01, stages[s] + 0.01);
        }
    }

    /// <summary>
    /// A rollout with a 1% holdback: the holdback is a filter on its own seed, so whatever the coverage, units
    /// hashing into [0, 0.01) of that seed never get the feature, and the holdback keeps its ~1% size.
    /// </summary>
    [Fact]
    public void IsOn_UnitInHoldback_NeverGetsFeatureAtAnyStage()
    {
        const string Holdback = """, "filters": [ { "seed": "new-checkout-holdback", "ranges": [[0.01, 1]] } ]""";
        double[] stages = [0.01, 0.25, 0.99, 1.0];
        var evaluators = stages.Select(s => Rollout(s, Holdback)).ToArray();
        const int Units = 100_000;
        var heldBack = 0;
        for (var i = 0; i < Units; i++)
        {
            var id = "u" + i.ToString(CultureInfo.InvariantCulture);
            if (Stepwise.Flags.Hashing.GrowthBookHash.Hash("new-checkout-holdback", id, 2) >= 0.01)
            {
                continue;
            }
            heldBack++;
            foreach (var evaluator in evaluators)
            {
                Assert.False(evaluator.IsOn("new-checkout", Unit(id)), $"held-back unit {id} got the feature");
            }
        }
        Assert.InRange(heldBack / (double)Units, 0.008, 0.012);
        var full = evaluators[^1];
        Assert.True(full.IsOn("new-checkout", Unit(FirstUnitOutsideHoldback())));
    }

    private static string FirstUnitOutsideHoldback() =>
        Enumerable.Range(0, 1000).Select(i => "u" + i.ToString(CultureInfo.InvariantCulture))
            .First(id => Stepwise.Flags.Hashing.GrowthBookHash.Hash("new-checkout-holdback", id, 2) >= 0.01);
}
