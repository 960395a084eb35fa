using System.Text.Json;
using Stepwise.Flags.Evaluation;
using Stepwise.Flags.Experiments;
using Stepwise.Flags.Features;

namespace Stepwise.Flags.Tests.Engine;

public sealed class NeverThrowsTests
{
    [Theory]
    [InlineData("{ not json")]
    [InlineData("")]
    [InlineData("[1, 2]")]
    [InlineData("{\"features\": 42}")]
    public void Parse_MalformedPayload_EmptyPayloadWithErrors(string json)
    {
        var payload = FeaturePayload.Parse(json);
        Assert.NotEmpty(payload.Errors);
        var result = new FlagEvaluator(payload).EvalFeature("anything");
        Assert.Equal(FeatureSource.UnknownFeature, result.Source);
        Assert.Equal(EvaluationErrorCode.FlagNotFound, result.ErrorCode);
        Assert.Equal(JsonValueKind.Null, result.Value.ValueKind);
    }

    [Theory]
    [InlineData("""{ "defaultValue": "safe", "rules": 7 }""")]
    [InlineData("""{ "defaultValue": "safe", "rules": [ { "force": "risky", "condition": { "age": { "$between": [1, 2] } } } ] }""")]
    [InlineData("""{ "defaultValue": "safe", "rules": [ { "force": "risky", "condition": { "name": { "$regex": "([" } } } ] }""")]
    [InlineData("""{ "defaultValue": "safe", "rules": [ { "force": "risky", "condition": { "$or": { "a": 1 } } } ] }""")]
    [InlineData("""{ "defaultValue": "safe", "rules": [ { "force": "risky", "coverage": "most" } ] }""")]
    [InlineData("""{ "defaultValue": "safe", "rules": [ { "variations": ["risky", "x"], "weights": ["a"] } ] }""")]
    public void EvalFeature_MalformedRule_DefaultValueWithParseError(string feature)
    {
        var evaluator = Payloads.Evaluator($$"""{ "features": { "f": {{feature}} } }""");
        var result = evaluator.EvalFeature("f", Payloads.Context("""{ "id": "u1", "age": 30, "name": "x" }"""));
        Assert.Equal("safe", result.Value.GetString());
        Assert.Equal(FeatureSource.DefaultValue, result.Source);
        Assert.Equal(EvaluationErrorCode.ParseError, result.ErrorCode);
        Assert.False(string.IsNullOrEmpty(result.ErrorMessage));
    }

    [Fact]
    public void EvalFeature_MalformedFeatureNextToValidOne_OnlyMalformedFailsClosed()
    {
        var evaluator = Payloads.Evaluator("""{ "features": { "bad": 12, "good": { "defaultValue": true } } }""");
        Assert.Equal(EvaluationErrorCode.ParseError, evaluator.EvalFeature("bad").ErrorCode);
        Assert.True(evaluator.IsOn("good"));
    }

    [Theory]
    [InlineData("[1, 2, 3]")]
    [InlineData("\"user-1\"")]
    [InlineData("null")]
    public void EvalFeature_AttributesNotAnObject_DefaultValueWithInvalidContext(string attributes)
    {
        var evaluator = Payloads.Evaluator(Payloads.TargetedRollout);
        var result = evaluator.EvalFeature("dark-mode", Payloads.Context(attributes));
        Assert.Equal(EvaluationErrorCode.InvalidContext, result.ErrorCode);
        Assert.False(result.Value.GetBoolean());
    }

    [Fact]
    public void EvalFeature_NullKeyAndContext_UnknownFeature()
    {
        var result = Payloads.Evaluator(Payloads.TargetedRollout).EvalFeature(null!, null);
        Assert.Equal(FeatureSource.UnknownFeature, result.Source);
    }

    [Fact]
    public void EvalFeature_OddAttributeTypes_NoMatchNoThrow()
    {
        var evaluator = Payloads.Evaluator(Payloads.TargetedRollout);
        var context = Payloads.Context("""{ "id": {"nested": true}, "country": ["US"], "plan": 1e308, "age": "x\u0000" }""");
        Assert.False(evaluator.IsOn("dark-mode", context));
    }

    [Fact]
    public void Run_MalformedExperiment_NotInExperiment()
    {
        var experiment = ExperimentDefinition.Parse(JsonElement.Parse("""{ "key": "e", "variations": [0, 1], "namespace": "oops" }"""));
        Assert.False(experiment.IsValid);
        var result = new FlagEvaluator(FeaturePayload.Empty).Run(experiment, Payloads.Context("""{ "id": "1" }"""));
        Assert.False(result.InExperiment);
        Assert.Equal(0, result.VariationId);
    }

    [Fact]
    public void EvalFeature_LongPrerequisiteChain_TreatedAsCycleWithoutOverflow()
    {
        var features = string.Join(",", Enumerable.Range(0, 40).Select(i =>
            $$"""
            "f{{i}}": { "defaultValue": true, "rules": [ { "parentConditions": [ { "id": "f{{i + 1}}", "condition": { "value": true }, "gate": true } ] } ] }
            """));
        var result = Payloads.Evaluator($$"""{ "features": { {{features}}, "f40": { "defaultValue": true } } }""").EvalFeature("f0");
        Assert.Equal(FeatureSource.CyclicPrerequisite, result.Source);
    }
}
