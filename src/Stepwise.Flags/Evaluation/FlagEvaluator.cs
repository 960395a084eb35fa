using System.Runtime.CompilerServices;
using System.Text.Json;
using Stepwise.Flags.Experiments;
using Stepwise.Flags.Features;
using Stepwise.Flags.Json;

namespace Stepwise.Flags.Evaluation;

/// <summary>
/// Evaluates features and experiments of one immutable <see cref="FeaturePayload"/> for any number of units,
/// concurrently. Never throws: problems come back as a default value with an <see cref="EvaluationErrorCode"/>.
/// </summary>
public sealed partial class FlagEvaluator
{
    /// <summary>Prerequisite chains deeper than this are treated as cycles.</summary>
    public const int MaxPrerequisiteDepth = 16;

    private static readonly FeatureResult UnknownFeature = new(JsonValues.Null, FeatureSource.UnknownFeature, null,
        errorCode: EvaluationErrorCode.FlagNotFound, errorMessage: "feature not found in the payload");

    private static readonly FeatureResult Cyclic = new(JsonValues.Null, FeatureSource.CyclicPrerequisite, null);

    /// <summary>Creates an evaluator over <paramref name="payload"/>.</summary>
    public FlagEvaluator(FeaturePayload payload) => Payload = payload ?? FeaturePayload.Empty;

    /// <summary>The payload being evaluated.</summary>
    public FeaturePayload Payload { get; }

    /// <summary>Evaluates feature <paramref name="key"/> for the unit described by <paramref name="context"/>.</summary>
    public FeatureResult EvalFeature(string key, EvaluationContext? context = null)
    {
        context ??= EvaluationContext.Empty;
        try
        {
            if (!HasValidAttributes(context))
            {
                return Fallback(key, EvaluationErrorCode.InvalidContext, $"attributes must be a JSON object, not {context.Attributes.ValueKind}");
            }
            var stack = default(FeatureStack);
            return EvaluateFeature(key ?? "", context, ref stack, 0);
        }
        catch (Exception e)
        {
            return Fallback(key, EvaluationErrorCode.General, e.Message);
        }
    }

    /// <summary>True when the feature's value is truthy for this unit.</summary>
    public bool IsOn(string key, EvaluationContext? context = null) => EvalFeature(key, context).On;

    /// <summary>True when the feature's value is falsy (or missing) for this unit.</summary>
    public bool IsOff(string key, EvaluationContext? context = null) => EvalFeature(key, context).Off;

    /// <summary>An indexed context is an object by construction, which spares a document access per evaluation.</summary>
    private static bool HasValidAttributes(EvaluationContext context) =>
        context.AttributeIndex is not null || context.Attributes.ValueKind == JsonValueKind.Undefined;

    private FeatureResult Fallback(string? key, EvaluationErrorCode code, string message)
    {
        var value = key is not null && Payload.TryGetFeature(key, out var feature) ? feature.DefaultValue : JsonValues.Null;
        return new FeatureResult(value, FeatureSource.DefaultValue, null, errorCode: code, errorMessage: message);
    }

    private FeatureResult EvaluateFeature(string key, EvaluationContext context, ref FeatureStack stack, int depth)
    {
        if (context.ForcedFeatures is { } forced && forced.TryGetValue(key, out var forcedValue))
        {
            return new FeatureResult(forcedValue, FeatureSource.Override, null);
        }
        if (!Payload.TryGetFeature(key, out var feature))
        {
            return UnknownFeature;
        }
        for (var i = 0; i < depth; i++)
        {
            if (ReferenceEquals(stack[i], feature))
            {
                return Cyclic;
            }
        }
        if (!feature.IsValid)
        {
            return feature.DefaultResult;
        }
        if (depth >= MaxPrerequisiteDepth)
        {
            return Cyclic;
        }
        stack[depth] = feature;
        RolloutExposure? rollout = null;
        foreach (var rule in feature.Rules)
        {
            if (rule.ParentConditions is { } parents)
            {
                switch (CheckPrerequisites(parents, context, ref stack, depth + 1))
                {
                    case Prerequisites.Cycle:
                        return Cyclic;
                    case Prerequisites.Blocked:
                        return Reporting(feature.PrerequisiteResult, rollout);
                    case Prerequisites.Failed:
                        continue;
                }
            }
            if (rule.Filters is { } filters && IsFilteredOut(filters, context))
            {
                continue;
            }
            if (rule.ForceResult is { } forceResult)
            {
                if (rule.Condition is { } condition && !condition.Evaluate(context))
                {
                    continue;
                }
                var included = IsIncludedInRollout(rule, context);
                if (rule.ExposureKey is { } exposureKey && rollout is null)
                {
                    // Reported whichever way it went: outside, the unit is the rollout's control arm.
                    rollout = PlacedInRollout(rule, exposureKey, key, context, included);
                }
                if (!included)
                {
                    continue;
                }
                return Reporting(forceResult, rollout);
            }
            if (rule.Experiment is not { } experiment)
            {
                continue;
            }
            var assignment = Assign(experiment, context, key, ref stack, depth + 1);
            if (!assignment.IsIn(experiment) || IsPassthrough(experiment, assignment.Variation))
            {
                continue;
            }
            var result = assignment.Result ?? BuildResult(experiment, assignment, context, key);
            return new FeatureResult(result.Value, FeatureSource.Experiment, rule.Id, experiment, result, rollout: rollout);
        }
        return Reporting(feature.DefaultResult, rollout);
    }

    private static FeatureResult Reporting(FeatureResult result, RolloutExposure? rollout) =>
        rollout is null ? result : result.WithRollout(rollout);

    private static bool IsPassthrough(ExperimentDefinition experiment, int variation) =>
        experiment.Meta is { } meta && variation < meta.Count && meta[variation].Passthrough;

    private Prerequisites CheckPrerequisites(ParentCondition[] parents, EvaluationContext context, ref FeatureStack stack, int depth)
    {
        foreach (var parent in parents)
        {
            var parentResult = EvaluateFeature(parent.FeatureId, context, ref stack, depth);
            if (parentResult.Source == FeatureSource.CyclicPrerequisite)
            {
                return Prerequisites.Cycle;
            }
            if (!parent.Condition.Evaluate(parentResult.Value))
            {
                return parent.Gate ? Prerequisites.Blocked : Prerequisites.Failed;
            }
        }
        return Prerequisites.Met;
    }

    private enum Prerequisites
    {
        Met,
        Failed,
        Blocked,
        Cycle,
    }

    /// <summary>The features being evaluated on the current prerequisite path (cycle detection without allocation).</summary>
    [InlineArray(MaxPrerequisiteDepth)]
    private struct FeatureStack
    {
        private FeatureDefinition? _element;
    }
}
