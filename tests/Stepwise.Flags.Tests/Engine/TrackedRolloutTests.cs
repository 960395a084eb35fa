using Stepwise.Flags.Evaluation;
using Stepwise.Flags.Hashing;

namespace Stepwise.Flags.Tests.Engine;

/// <summary>
/// A force rule with an <c>exposureKey</c> (a guarded rollout stage) reports where it placed every unit of its audience,
/// inside or outside the range, whatever rule finally gave the value.
/// </summary>
public sealed class TrackedRolloutTests
{
    private const string Tracked = """
        { "features": { "checkout": { "defaultValue": "old", "rules": [
            { "id": "staff", "condition": { "staff": true }, "force": "staff" },
            { "id": "rollout-abc", "condition": { "country": "NL" }, "force": "new", "range": [0.01, 0.21],
              "hashAttribute": "id", "seed": "seed-1", "hashVersion": 2, "exposureKey": "rollout-abc" } ] } } }
        """;

    [Fact]
    public void EvalFeature_UnitsOfTheAudience_ReportedInsideIffTheyGetTheValue_AndAsTheHashSays()
    {
        var evaluator = Payloads.Evaluator(Tracked);
        var inside = 0;
        for (var i = 0; i < 2000; i++)
        {
            var id = $"u{i}";
            var result = evaluator.EvalFeature("checkout", Payloads.Context($$"""{ "id": "{{id}}", "country": "NL" }"""));
            var rollout = Assert.IsType<RolloutExposure>(result.Rollout);
            Assert.Equal("rollout-abc", rollout.Key);
            Assert.Equal("checkout", rollout.FeatureId);
            Assert.Equal("id", rollout.HashAttribute);
            Assert.Equal(id, rollout.HashValue);
            var bucket = GrowthBookHash.Hash("seed-1", id, 2)!.Value;
            Assert.Equal(bucket is >= 0.01 and < 0.21, rollout.InRollout);
            Assert.Equal(result.Value.GetString() == "new", rollout.InRollout);
            Assert.Equal(rollout.InRollout ? 1 : 0, rollout.VariationId);
            Assert.Equal(rollout.InRollout ? "rollout-abc" : "", result.RuleId);
            inside += rollout.VariationId;
        }
        Assert.InRange(inside, 330, 470); // 20% of 2,000 is 400
    }

    [Fact]
    public void EvalFeature_UnitsThatNeverReachOrDoNotMatchTheRule_AreNotReported()
    {
        var evaluator = Payloads.Evaluator(Tracked);
        Assert.Null(evaluator.EvalFeature("checkout", Payloads.Context("""{ "id": "u1", "country": "DE" }""")).Rollout);
        Assert.Null(evaluator.EvalFeature("checkout", Payloads.Context("""{ "id": "u1", "country": "NL", "staff": true }""")).Rollout);
        Assert.Null(evaluator.EvalFeature("checkout", Payloads.Context("""{ "country": "NL" }""")).Rollout);
        Assert.Null(evaluator.EvalFeature("checkout", Payloads.Context("""{ "id": "", "country": "NL" }""")).Rollout);
    }

    [Fact]
    public void EvalFeature_SharedResultsStayUnitFree_AfterAReportedEvaluation()
    {
        var evaluator = Payloads.Evaluator(Tracked);
        for (var i = 0; i < 50; i++)
        {
            Assert.NotNull(evaluator.EvalFeature("checkout", Payloads.Context($$"""{ "id": "u{{i}}", "country": "NL" }""")).Rollout);
            Assert.Null(evaluator.EvalFeature("checkout", Payloads.Context($$"""{ "id": "u{{i}}", "country": "FR" }""")).Rollout);
            Assert.Null(evaluator.EvalFeature("checkout", Payloads.Context($$"""{ "id": "u{{i}}", "staff": true }""")).Rollout);
        }
    }

    [Fact]
    public void EvalFeature_ExposureKeyOnAForceRuleWithoutASplit_IsIgnored()
    {
        var evaluator = Payloads.Evaluator("""
            { "features": { "f": { "defaultValue": false, "rules": [ { "id": "all", "force": true, "exposureKey": "rollout-x" } ] } } }
            """);
        var result = evaluator.EvalFeature("f", Payloads.Context("""{ "id": "u1" }"""));
        Assert.True(result.On);
        Assert.Null(result.Rollout);
    }

    [Fact]
    public void EvalFeature_UntrackedPercentageRule_ReportsNothing()
    {
        var evaluator = Payloads.Evaluator(Payloads.TargetedRollout);
        for (var i = 0; i < 100; i++)
        {
            Assert.Null(evaluator.EvalFeature("dark-mode", Payloads.Context($$"""{ "id": "u{{i}}", "country": "US", "plan": "pro", "age": 30 }""")).Rollout);
        }
    }
}
