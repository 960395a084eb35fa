using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Stepwise.Flags.Evaluation;
using Stepwise.Flags.Experiments;
using Stepwise.Flags.Sticky;

namespace Stepwise.Flags.Tests.Engine;

public sealed class FeatureEvaluationTests
{
    [Fact]
    public void EvalFeature_TargetingMatchesAndUnitInRollout_ForceRuleApplies()
    {
        var evaluator = Payloads.Evaluator(Payloads.TargetedRollout);
        var matching = Enumerable.Range(0, 200)
            .Select(i => evaluator.EvalFeature("dark-mode", Payloads.Context($$"""{ "id": "u{{i}}", "country": "US", "plan": "pro", "age": 30 }""")))
            .ToList();
        Assert.Contains(matching, r => r.Source == FeatureSource.Force && r.On && r.RuleId == "r1");
        Assert.Contains(matching, r => r.Source == FeatureSource.DefaultValue && r.Off);
        var outsideTargeting = evaluator.EvalFeature("dark-mode", Payloads.Context("""{ "id": "u1", "country": "FR", "plan": "pro", "age": 30 }"""));
        Assert.Equal(FeatureSource.DefaultValue, outsideTargeting.Source);
    }

    [Fact]
    public void EvalFeature_TargetedRollout_AllocatesNothing()
    {
        var evaluator = Payloads.Evaluator(Payloads.TargetedRollout);
        var context = Payloads.Context("""{ "id": "user-123", "country": "GB", "plan": "pro", "age": 42, "email": "a@b.c" }""");
        for (var i = 0; i < 1000; i++)
        {
            evaluator.EvalFeature("dark-mode", context);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            evaluator.EvalFeature("dark-mode", context);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Parse_EncryptedFeaturesWithKey_DecryptsAndEvaluates()
    {
        var key = new byte[16];
        RandomNumberGenerator.Fill(key);
        using var aes = Aes.Create();
        aes.Key = key;
        var iv = aes.IV;
        var cipher = aes.EncryptCbc(Encoding.UTF8.GetBytes("""{ "secret-flag": { "defaultValue": "yes" } }"""), iv);
        var payload = $$"""{ "encryptedFeatures": "{{Convert.ToBase64String(iv)}}.{{Convert.ToBase64String(cipher)}}" }""";

        Assert.Equal("yes", Payloads.Evaluator(payload, Convert.ToBase64String(key)).EvalFeature("secret-flag").Value.GetString());
        var wrongKey = Payloads.Evaluator(payload, Convert.ToBase64String(new byte[16]));
        Assert.NotEmpty(wrongKey.Payload.Errors);
        Assert.Equal(FeatureSource.UnknownFeature, wrongKey.EvalFeature("secret-flag").Source);
    }

    [Fact]
    public void EvalFeature_ExperimentRuleEnrollsUnit_TrackingCallbackCalledOnce()
    {
        var evaluator = Payloads.Evaluator("""{ "features": { "cta": { "defaultValue": "blue", "rules": [ { "key": "cta-test", "variations": ["blue", "green"], "hashVersion": 2 } ] } } }""");
        var tracked = new List<(ExperimentDefinition Experiment, ExperimentResult Result)>();
        var context = new EvaluationContext
        {
            Attributes = JsonElement.Parse("""{ "id": "u-7" }"""),
            OnExperimentViewed = (e, r) => tracked.Add((e, r)),
        };
        var result = evaluator.EvalFeature("cta", context);
        Assert.Equal(FeatureSource.Experiment, result.Source);
        var single = Assert.Single(tracked);
        Assert.Equal("cta-test", single.Experiment.Key);
        Assert.Same(result.ExperimentResult, single.Result);
        Assert.Equal("cta", single.Result.FeatureId);
    }

    [Fact]
    public void EvalFeature_StickyStoreThrows_EvaluationStillSucceeds()
    {
        var evaluator = Payloads.Evaluator("""{ "features": { "cta": { "rules": [ { "key": "t", "variations": ["a", "b"], "meta": [{"key": "0"}, {"key": "1"}] } ] } } }""");
        var context = new EvaluationContext { Attributes = JsonElement.Parse("""{ "id": "u-7" }"""), StickyBucketStore = new ThrowingStore() };
        var result = evaluator.EvalFeature("cta", context);
        Assert.Equal(FeatureSource.Experiment, result.Source);
        Assert.Equal(EvaluationErrorCode.None, result.ErrorCode);
    }

    [Fact]
    public void EvalFeature_StickyAssignmentStored_SurvivesWeightChange()
    {
        var store = new InMemoryStickyBucketStore();
        var context = new EvaluationContext { Attributes = JsonElement.Parse("""{ "id": "u-7" }"""), StickyBucketStore = store };
        static string Payload(string weights) => $$"""{ "features": { "cta": { "rules": [ { "key": "t", "variations": ["a", "b"], "weights": {{weights}}, "meta": [{"key": "0"}, {"key": "1"}] } ] } } }""";
        var first = Payloads.Evaluator(Payload("[0.5, 0.5]")).EvalFeature("cta", context);
        var flipped = first.ExperimentResult!.VariationId == 0 ? "[0, 1]" : "[1, 0]";
        var after = Payloads.Evaluator(Payload(flipped)).EvalFeature("cta", context);
        Assert.Equal(first.Value.GetString(), after.Value.GetString());
        Assert.True(after.ExperimentResult!.StickyBucketUsed);
    }

    [Fact]
    public void EvalFeature_ForcedFeature_OverrideSource()
    {
        var evaluator = Payloads.Evaluator(Payloads.TargetedRollout);
        var context = new EvaluationContext { ForcedFeatures = new Dictionary<string, JsonElement> { ["dark-mode"] = JsonElement.Parse("true") } };
        var result = evaluator.EvalFeature("dark-mode", context);
        Assert.Equal(FeatureSource.Override, result.Source);
        Assert.True(result.On);
    }

    private sealed class ThrowingStore : IStickyBucketStore
    {
        public StickyAssignmentDocument? GetAssignments(string attributeName, string attributeValue) => throw new IOException("down");

        public void SaveAssignments(StickyAssignmentDocument document) => throw new IOException("down");
    }
}
