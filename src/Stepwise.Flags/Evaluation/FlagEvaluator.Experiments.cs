using System.Globalization;
using System.Text.Json;
using Stepwise.Flags.Experiments;
using Stepwise.Flags.Features;
using Stepwise.Flags.Hashing;
using Stepwise.Flags.Json;

namespace Stepwise.Flags.Evaluation;

public sealed partial class FlagEvaluator
{
    /// <summary>
    /// Runs <paramref name="experiment"/> for the unit (GrowthBook's <c>run</c>). Malformed experiments and
    /// attributes give a not-enrolled result; only a null experiment (a programming error) throws.
    /// </summary>
    public ExperimentResult Run(ExperimentDefinition experiment, EvaluationContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        context ??= EvaluationContext.Empty;
        try
        {
            var assignment = Assignment.NotIn;
            if (HasValidAttributes(context))
            {
                var stack = default(FeatureStack);
                assignment = Assign(experiment, context, null, ref stack, 0);
            }
            return assignment.Result ?? BuildResult(experiment, assignment, context, null);
        }
        catch (Exception)
        {
            return BuildResult(experiment, Assignment.NotIn, EvaluationContext.Empty, null);
        }
    }

    /// <summary>GrowthBook's run algorithm, returning the assignment without allocating unless the unit is enrolled.</summary>
    private Assignment Assign(ExperimentDefinition experiment, EvaluationContext context, string? featureId, ref FeatureStack stack, int depth)
    {
        var count = experiment.Variations.Count;
        if (count < 2 || !experiment.IsValid || !context.Enabled)
        {
            return Assignment.NotIn;
        }
        if (QueryStringOverride.Get(experiment.Key, context.Url, count) is { } fromUrl)
        {
            return Assignment.Forced(fromUrl);
        }
        if (context.ForcedVariations is { } forcedVariations && forcedVariations.TryGetValue(experiment.Key, out var forced))
        {
            return Assignment.Forced(forced);
        }
        if (experiment.Status == "draft" || experiment.Active == false)
        {
            return Assignment.NotIn;
        }
        var sticky = UsesStickyBucketing(experiment, context);
        var (hashKey, hashValue) = HashIdentity(context, experiment.HashKey, sticky ? experiment.FallbackKey : null);
        if (!JsSemantics.IsTruthy(hashValue))
        {
            return Assignment.NotIn;
        }
        Span<char> buffer = stackalloc char[JsSemantics.StackTextLength];
        var unit = JsSemantics.ToJsString(hashValue, buffer);
        var (assigned, versionBlocked) = sticky ? StickyVariation(experiment, context) : (-1, false);
        var foundSticky = assigned >= 0;
        if (!foundSticky)
        {
            // A sticky unit keeps its variation even if targeting or exclusion changed since it was assigned.
            if (experiment.FilterArray is { } filters)
            {
                if (IsFilteredOut(filters, context))
                {
                    return Assignment.NotIn;
                }
            }
            else if (experiment.Namespace is { } range && !Bucketing.InNamespace(unit, range))
            {
                return Assignment.NotIn;
            }
            if ((experiment.Condition is { } condition && !condition.Evaluate(context))
                || (experiment.ParentConditionArray is { } parents && CheckPrerequisites(parents, context, ref stack, depth) != Prerequisites.Met))
            {
                return Assignment.NotIn;
            }
        }
        if (!GrowthBookHash.TryHash(experiment.EffectiveSeed, unit, experiment.EffectiveHashVersion, out var bucket))
        {
            return Assignment.NotIn;
        }
        if (!foundSticky)
        {
            assigned = Bucketing.ChooseVariation(bucket, experiment.EffectiveRanges);
        }
        if (versionBlocked)
        {
            return new Assignment(-1, HashUsed: false, Bucket: null, StickyUsed: true, Result: null);
        }
        if (assigned < 0)
        {
            return Assignment.NotIn;
        }
        if (experiment.Force is { } force)
        {
            return Assignment.Forced(force);
        }
        if (context.QaMode || experiment.Status == "stopped")
        {
            return Assignment.NotIn;
        }
        var assignment = new Assignment(assigned, HashUsed: true, bucket, foundSticky, Result: null);
        var result = BuildResult(experiment, assignment, context, featureId);
        if (sticky)
        {
            SaveStickyAssignment(experiment, context, hashKey, result);
        }
        context.OnExperimentViewed?.Invoke(experiment, result);
        return assignment with { Result = result };
    }

    private static ExperimentResult BuildResult(ExperimentDefinition experiment, Assignment assignment, EvaluationContext context, string? featureId)
    {
        var variation = assignment.Variation;
        var inExperiment = assignment.IsIn(experiment);
        if (!inExperiment)
        {
            variation = 0;
        }
        var fallback = UsesStickyBucketing(experiment, context) ? experiment.FallbackKey : null;
        var (hashKey, hashValue) = HashIdentity(context, experiment.HashKey, fallback);
        var meta = experiment.Meta is { } metas && variation < metas.Count ? metas[variation] : null;
        return new ExperimentResult
        {
            Key = meta?.Key is { Length: > 0 } key ? key : variation.ToString(CultureInfo.InvariantCulture),
            FeatureId = featureId,
            InExperiment = inExperiment,
            HashUsed = assignment.HashUsed,
            VariationId = variation,
            Value = variation < experiment.Variations.Count ? experiment.Variations[variation] : JsonValues.Null,
            HashAttribute = hashKey.Name,
            HashValue = JsSemantics.IsTruthy(hashValue) ? JsSemantics.ToJsString(hashValue) : "",
            Name = meta?.Name is { Length: > 0 } name ? name : null,
            Bucket = assignment.Bucket,
            Passthrough = meta?.Passthrough ?? false,
            StickyBucketUsed = assignment.StickyUsed,
        };
    }

    private static bool UsesStickyBucketing(ExperimentDefinition experiment, EvaluationContext context) =>
        context.StickyBucketStore is not null && experiment.DisableStickyBucketing != true;

    /// <summary>GrowthBook's getHashAttribute: the attribute's value when truthy, else the fallback's.</summary>
    private static (AttributeKey Key, JsonElement Value) HashIdentity(EvaluationContext context, AttributeKey key, AttributeKey? fallback)
    {
        var value = key.Lookup(context);
        if (fallback is not null && !JsSemantics.IsTruthy(value))
        {
            var fallbackValue = fallback.Lookup(context);
            if (JsSemantics.IsTruthy(fallbackValue))
            {
                return (fallback, fallbackValue);
            }
        }
        return (key, value);
    }

    private static bool IsFilteredOut(BucketFilter[] filters, EvaluationContext context)
    {
        foreach (var filter in filters)
        {
            var value = filter.HashKey.Lookup(context);
            if (!UnitHash.TryHash(value, filter.Seed, filter.HashVersion is 0 ? 2 : filter.HashVersion, out var bucket)
                || !filter.Accepts(bucket))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// A force rule's percentage rollout: the unit is in when its hash is at most the coverage (or inside the
    /// rule's range). The hash does not depend on coverage, so raising coverage never removes anyone.
    /// </summary>
    private static bool IsIncludedInRollout(FeatureRule rule, EvaluationContext context)
    {
        if (rule.Range is null && rule.Coverage is not { } coverage)
        {
            return true;
        }
        if (rule.Range is null && rule.Coverage == 0)
        {
            return false;
        }
        var fallback = context.StickyBucketStore is not null && !rule.DisableStickyBucketing ? rule.FallbackKey : null;
        double bucket;
        if (fallback is null && context.AttributeIndex is { } index)
        {
            if (!UnitHash.TryHash(index.GetValue(rule.HashKey.Name), rule.Seed, rule.SeedHash, rule.HashVersion, out bucket))
            {
                return false;
            }
        }
        else if (!UnitHash.TryHash(HashIdentity(context, rule.HashKey, fallback).Value, rule.Seed, rule.SeedHash, rule.HashVersion, out bucket))
        {
            return false;
        }
        return rule.Range is { } range ? range.Contains(bucket) : bucket <= rule.Coverage;
    }

    /// <summary>
    /// The unit as a tracked rollout rule placed it. <paramref name="included"/> is <see cref="IsIncludedInRollout"/>'s answer,
    /// so the reported arm is the assignment itself. A unit without a usable id is not on the hash line: not reported.
    /// </summary>
    private static RolloutExposure? PlacedInRollout(FeatureRule rule, string exposureKey, string featureKey, EvaluationContext context, bool included)
    {
        var fallback = context.StickyBucketStore is not null && !rule.DisableStickyBucketing ? rule.FallbackKey : null;
        var (hashKey, hashValue) = HashIdentity(context, rule.HashKey, fallback);
        if (!JsSemantics.IsTruthy(hashValue))
        {
            return null;
        }
        return new RolloutExposure(exposureKey, featureKey, hashKey.Name, JsSemantics.ToJsString(hashValue), included);
    }

    /// <summary>The outcome of the run algorithm before (and unless) a result object is needed.</summary>
    private readonly record struct Assignment(int Variation, bool HashUsed, double? Bucket, bool StickyUsed, ExperimentResult? Result)
    {
        public static readonly Assignment NotIn = new(-1, false, null, false, null);

        public static Assignment Forced(int variation) => new(variation, false, null, false, null);

        public bool IsIn(ExperimentDefinition experiment) => Variation >= 0 && Variation < experiment.Variations.Count;
    }
}
