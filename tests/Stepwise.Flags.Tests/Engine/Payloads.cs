using System.Text.Json;
using Stepwise.Flags.Evaluation;
using Stepwise.Flags.Features;

namespace Stepwise.Flags.Tests.Engine;

/// <summary>Small builders shared by the engine tests.</summary>
internal static class Payloads
{
    public static FlagEvaluator Evaluator(string payloadJson, string? key = null) => new(FeaturePayload.Parse(payloadJson, key));

    public static EvaluationContext Context(string attributesJson) => new() { Attributes = JsonElement.Parse(attributesJson) };

    /// <summary>A boolean flag with a three-condition targeting rule and a 50% rollout (the benchmark shape).</summary>
    public const string TargetedRollout = """
        { "features": { "dark-mode": { "defaultValue": false, "rules": [
            { "id": "r1", "force": true, "coverage": 0.5, "hashVersion": 2,
              "condition": { "country": { "$in": ["US", "CA", "GB"] }, "plan": "pro", "age": { "$gte": 18 } } } ] } } }
        """;
}
