using System.Text.Json;
using Stepwise.Flags.Conditions;
using Stepwise.Flags.Evaluation;
using Stepwise.Flags.Experiments;
using Stepwise.Flags.Hashing;
using Stepwise.Flags.Json;

namespace Stepwise.Flags.Features;

/// <summary>
/// One compiled feature rule: a force rule (targeting + optional percentage rollout) or an experiment rule.
/// Everything that does not depend on the unit, including the force rule's result, is built here once.
/// </summary>
internal sealed class FeatureRule
{
    private FeatureRule(JsonElement rule, string featureKey, SavedGroups savedGroups, List<string> errors)
    {
        var reader = new FieldReader(rule, "rule", errors);
        if (rule.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"rule must be an object, not {rule.ValueKind}");
        }
        Id = reader.String("id");
        ParentConditions = ParentCondition.ParseList(reader.Raw("parentConditions"), savedGroups, errors);
        var filters = reader.Array("filters");
        Filters = filters.ValueKind == JsonValueKind.Array ? [.. filters.EnumerateArray().Select(f => BucketFilter.Parse(f, errors))] : null;
        if (reader.Has("force"))
        {
            var condition = reader.Raw("condition");
            if (condition.ValueKind != JsonValueKind.Undefined)
            {
                Condition = Condition.Parse(condition, savedGroups);
                errors.AddRange(Condition.Errors);
            }
            Seed = reader.String("seed") is { Length: > 0 } seed ? seed : featureKey;
            SeedHash = Fnv1a.Hash(Seed);
            HashKey = AttributeKey.Of(reader.String("hashAttribute"));
            var fallback = reader.String("fallbackAttribute");
            FallbackKey = fallback is null ? null : AttributeKey.Of(fallback);
            DisableStickyBucketing = reader.Boolean("disableStickyBucketing") ?? false;
            Coverage = reader.Number("coverage");
            Range = reader.Range("range");
            HashVersion = reader.Integer("hashVersion") is { } version and not 0 ? version : 1;
            // Only a split has two arms to report.
            ExposureKey = reader.String("exposureKey") is { Length: > 0 } exposureKey && (Range is not null || Coverage is not null) ? exposureKey : null;
            ForceResult = new FeatureResult(rule.GetProperty("force"), FeatureSource.Force, Id);
        }
        else if (reader.Raw("variations").ValueKind == JsonValueKind.Array)
        {
            Experiment = ExperimentDefinition.FromRule(rule, featureKey, savedGroups);
            errors.AddRange(Experiment.Errors);
        }
    }

    public string? Id { get; }

    public ParentCondition[]? ParentConditions { get; }

    public BucketFilter[]? Filters { get; }

    /// <summary>Set for force rules: the (shared) result returned when the rule applies.</summary>
    public FeatureResult? ForceResult { get; }

    public Condition? Condition { get; }

    public string Seed { get; } = "";

    /// <summary>FNV-1a of <see cref="Seed"/>: hash version 2 starts from it for every unit.</summary>
    public uint SeedHash { get; } = Fnv1a.OffsetBasis;

    public AttributeKey HashKey { get; } = AttributeKey.Id;

    public AttributeKey? FallbackKey { get; }

    public bool DisableStickyBucketing { get; }

    public double? Coverage { get; }

    public BucketRange? Range { get; }

    public int HashVersion { get; } = 1;

    /// <summary>
    /// Stepwise extension of the force rule (other GrowthBook SDKs ignore it): the key to report every unit placed by this
    /// split under, inside or outside it. Set on guarded rollout stages (<c>rollout-&lt;plan id&gt;</c>).
    /// </summary>
    public string? ExposureKey { get; }

    /// <summary>Set for experiment rules.</summary>
    public ExperimentDefinition? Experiment { get; }

    public static FeatureRule Parse(JsonElement rule, string featureKey, SavedGroups savedGroups, List<string> errors) =>
        new(rule, featureKey, savedGroups, errors);
}
