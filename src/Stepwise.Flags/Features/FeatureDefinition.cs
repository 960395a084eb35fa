using System.Text.Json;
using Stepwise.Flags.Conditions;
using Stepwise.Flags.Evaluation;
using Stepwise.Flags.Json;

namespace Stepwise.Flags.Features;

/// <summary>
/// A compiled feature: default value and rules. A feature with any malformed part fails closed: none of its
/// rules apply and it evaluates to its default value with <see cref="EvaluationErrorCode.ParseError"/>,
/// so a half-understood rule can never widen a rollout.
/// </summary>
public sealed class FeatureDefinition
{
    private FeatureDefinition(string key, JsonElement json, SavedGroups savedGroups)
    {
        Key = key;
        var errors = new List<string>();
        var reader = new FieldReader(json, $"feature '{key}'", errors);
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"feature '{key}' must be an object, not {json.ValueKind}");
        }
        DefaultValue = reader.Raw("defaultValue") is { ValueKind: not JsonValueKind.Undefined } value ? value : JsonValues.Null;
        var rules = reader.Array("rules");
        Rules = rules.ValueKind == JsonValueKind.Array
            ? [.. rules.EnumerateArray().Select(rule => FeatureRule.Parse(rule, key, savedGroups, errors))]
            : [];
        Errors = errors;
        IsValid = errors.Count == 0;
        DefaultResult = errors.Count == 0
            ? new FeatureResult(DefaultValue, FeatureSource.DefaultValue, null)
            : new FeatureResult(DefaultValue, FeatureSource.DefaultValue, null, errorCode: EvaluationErrorCode.ParseError,
                errorMessage: string.Join("; ", errors));
        PrerequisiteResult = new FeatureResult(JsonValues.Null, FeatureSource.Prerequisite, null);
    }

    /// <summary>The feature key.</summary>
    public string Key { get; }

    /// <summary>Value when no rule applies (JSON null when absent).</summary>
    public JsonElement DefaultValue { get; }

    /// <summary>Problems found while compiling; when not empty, no rule applies.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>True when the feature compiled without problems.</summary>
    public bool IsValid { get; }

    internal FeatureRule[] Rules { get; }

    internal FeatureResult DefaultResult { get; }

    internal FeatureResult PrerequisiteResult { get; }

    internal static FeatureDefinition Parse(string key, JsonElement json, SavedGroups savedGroups) => new(key, json, savedGroups);
}
