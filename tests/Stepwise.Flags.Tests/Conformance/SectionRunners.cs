using System.Globalization;
using System.Text.Json;
using Stepwise.Flags.Conditions;
using Stepwise.Flags.Crypto;
using Stepwise.Flags.Evaluation;
using Stepwise.Flags.Experiments;
using Stepwise.Flags.Features;
using Stepwise.Flags.Hashing;

namespace Stepwise.Flags.Tests.Conformance;

/// <summary>One runner per supported section of cases.json; each returns null for a pass or a failure description.</summary>
internal static class SectionRunners
{
    public static readonly IReadOnlyDictionary<string, Func<JsonElement, string?>> Supported = new Dictionary<string, Func<JsonElement, string?>>
    {
        ["evalCondition"] = EvalCondition,
        ["hash"] = Hash,
        ["getBucketRange"] = GetBucketRange,
        ["feature"] = Feature,
        ["run"] = Run,
        ["chooseVariation"] = ChooseVariation,
        ["getQueryStringOverride"] = GetQueryStringOverride,
        ["inNamespace"] = InNamespace,
        ["getEqualWeights"] = GetEqualWeights,
        ["decrypt"] = Decrypt,
        ["stickyBucket"] = StickyBucket.Run,
    };

    /// <summary>Sections the engine deliberately does not implement, with the reason printed by the harness.</summary>
    public static readonly IReadOnlyDictionary<string, string> Unsupported = new Dictionary<string, string>
    {
        ["urlRedirect"] = "URL redirect experiments are a browser (visual editor) feature, out of scope for a server-side engine",
        ["contextualBandit"] = "contextual bandits are out of scope (no issue asks for them)",
    };

    /// <summary>Cases of a supported section that need an unsupported feature; null when the case is supported.</summary>
    public static string? UnsupportedReason(string section, JsonElement testCase) =>
        section == "feature" && testCase.GetRawText().Contains("\"contextualVariations\"", StringComparison.Ordinal)
            ? "contextual bandit rule"
            : null;

    public static string CaseName(string section, JsonElement testCase) => section switch
    {
        "hash" => $"hash({testCase[0]}, {testCase[1]}, v{testCase[2]})",
        "getEqualWeights" => $"getEqualWeights({testCase[0]})",
        _ => testCase[0].GetString() ?? "?",
    };

    private static string? EvalCondition(JsonElement c)
    {
        var groups = c.GetArrayLength() > 4 ? SavedGroups.Parse(c[4]) : SavedGroups.Empty;
        var actual = Condition.Parse(c[1], groups).Evaluate(c[2]);
        return Expect(c[3].GetBoolean(), actual);
    }

    private static string? Hash(JsonElement c)
    {
        var actual = GrowthBookHash.Hash(c[0].GetString()!, c[1].GetString()!, c[2].GetInt32());
        if (c[3].ValueKind == JsonValueKind.Null)
        {
            return actual is null ? null : $"expected null, got {actual}";
        }
        return actual is { } value && Math.Abs(value - c[3].GetDouble()) < 1e-9 ? null : $"expected {c[3]}, got {actual}";
    }

    private static string? GetBucketRange(JsonElement c)
    {
        var args = c[1];
        var weights = args[2].ValueKind == JsonValueKind.Null ? null : args[2].EnumerateArray().Select(w => w.GetDouble()).ToArray();
        var ranges = Bucketing.GetBucketRanges(args[0].GetInt32(), args[1].GetDouble(), weights);
        var expected = c[2].EnumerateArray().Select(r => new BucketRange(r[0].GetDouble(), r[1].GetDouble())).ToArray();
        var same = ranges.Length == expected.Length
            && ranges.Zip(expected).All(p => Math.Abs(p.First.Start - p.Second.Start) < 1e-6 && Math.Abs(p.First.End - p.Second.End) < 1e-6);
        return same ? null : $"expected {c[2]}, got [{string.Join(", ", ranges)}]";
    }

    private static string? Feature(JsonElement c)
    {
        var evaluator = new FlagEvaluator(FeaturePayload.FromJson(c[1]));
        var result = evaluator.EvalFeature(c[2].GetString()!, Contexts.From(c[1]));
        return JsonEquivalence.Equivalent(c[3], ResultJson.Of(result), out var difference, "hashValue") ? null : difference;
    }

    private static string? Run(JsonElement c)
    {
        var payload = FeaturePayload.FromJson(c[1]);
        var experiment = ExperimentDefinition.Parse(c[2], payload.SavedGroups);
        var result = new FlagEvaluator(payload).Run(experiment, Contexts.From(c[1]));
        if (!JsonEquivalence.Equivalent(c[3], result.Value, out var difference))
        {
            return "value " + difference;
        }
        return Expect(c[4].GetBoolean(), result.InExperiment, "inExperiment") ?? Expect(c[5].GetBoolean(), result.HashUsed, "hashUsed");
    }

    private static string? ChooseVariation(JsonElement c)
    {
        var ranges = c[2].EnumerateArray().Select(r => new BucketRange(r[0].GetDouble(), r[1].GetDouble())).ToArray();
        return Expect(c[3].GetInt32(), Bucketing.ChooseVariation(c[1].GetDouble(), ranges));
    }

    private static string? GetQueryStringOverride(JsonElement c)
    {
        var actual = QueryStringOverride.Get(c[1].GetString()!, c[2].GetString(), c[3].GetInt32());
        int? expected = c[4].ValueKind == JsonValueKind.Null ? null : c[4].GetInt32();
        return Expect(expected, actual);
    }

    private static string? InNamespace(JsonElement c)
    {
        var ns = c[2];
        var range = new NamespaceRange(ns[0].GetString()!, ns[1].GetDouble(), ns[2].GetDouble());
        return Expect(c[3].GetBoolean(), Bucketing.InNamespace(c[1].GetString(), range));
    }

    private static string? GetEqualWeights(JsonElement c)
    {
        var actual = Bucketing.GetEqualWeights(c[0].GetInt32()).Select(w => Math.Round(w, 8)).ToArray();
        var expected = c[1].EnumerateArray().Select(w => w.GetDouble()).ToArray();
        return actual.SequenceEqual(expected) ? null : $"expected [{string.Join(",", expected)}], got [{string.Join(",", actual)}]";
    }

    private static string? Decrypt(JsonElement c)
    {
        var actual = PayloadDecryptor.Decrypt(c[1].GetString(), c[2].GetString());
        return Expect(c[3].ValueKind == JsonValueKind.Null ? null : c[3].GetString(), actual);
    }

    internal static string? Expect<T>(T expected, T actual, string what = "result") =>
        EqualityComparer<T>.Default.Equals(expected, actual)
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{what}: expected {expected?.ToString() ?? "null"}, got {actual?.ToString() ?? "null"}");
}
