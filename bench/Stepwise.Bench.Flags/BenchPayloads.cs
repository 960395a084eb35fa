namespace Stepwise.Bench.Flags;

/// <summary>The payload and unit every benchmark evaluates.</summary>
internal static class BenchPayloads
{
    public const string TargetedRolloutKey = "dark-mode";

    public const string LayeredExperimentKey = "checkout-button";

    /// <summary>A unit that passes the targeting rule, so the rollout hash is always computed.</summary>
    public const string Attributes = """{ "id": "user-123", "country": "GB", "plan": "pro", "age": 42, "email": "a@b.c" }""";

    public const string Json = """
        {
          "features": {
            "dark-mode": { "defaultValue": false, "rules": [
              { "id": "r1", "force": true, "coverage": 0.5, "hashVersion": 2,
                "condition": { "country": { "$in": ["US", "CA", "GB"] }, "plan": "pro", "age": { "$gte": 18 } } } ] },
            "checkout-button": { "defaultValue": "blue", "rules": [
              { "id": "e1", "key": "checkout-button-test", "variations": ["blue", "green"], "weights": [0.5, 0.5],
                "coverage": 1, "hashVersion": 2, "namespace": ["checkout-layer", 0, 1],
                "meta": [ { "key": "control" }, { "key": "treatment" } ] } ] }
          }
        }
        """;
}
