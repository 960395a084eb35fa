using Stepwise.Flags.Experiments;
using Stepwise.Flags.Json;
using Stepwise.Flags.Sticky;

namespace Stepwise.Flags.Evaluation;

public sealed partial class FlagEvaluator
{
    /// <summary>
    /// The unit's stored variation for this experiment version, looking at the hash attribute's document first
    /// and the fallback attribute's second. A stored assignment from a version below the minimum blocks the unit.
    /// </summary>
    private static (int Variation, bool VersionBlocked) StickyVariation(ExperimentDefinition experiment, EvaluationContext context)
    {
        var store = context.StickyBucketStore!;
        var primary = Document(store, experiment.HashKey, context);
        var fallback = experiment.FallbackKey is { } fallbackKey ? Document(store, fallbackKey, context) : null;
        foreach (var blockedKey in experiment.BlockedStickyKeys)
        {
            if (Has(primary, blockedKey) || Has(fallback, blockedKey))
            {
                return (-1, true);
            }
        }
        string? variationKey = null;
        if (primary?.Assignments.TryGetValue(experiment.StickyKey, out variationKey) != true)
        {
            fallback?.Assignments.TryGetValue(experiment.StickyKey, out variationKey);
        }
        if (variationKey is null || experiment.Meta is not { } meta)
        {
            return (-1, false);
        }
        for (var i = 0; i < meta.Count; i++)
        {
            if (meta[i].Key == variationKey)
            {
                return (i, false);
            }
        }
        return (-1, false);
    }

    private static bool Has(StickyAssignmentDocument? document, string key) => document?.Assignments.ContainsKey(key) == true;

    private static StickyAssignmentDocument? Document(IStickyBucketStore store, AttributeKey key, EvaluationContext context)
    {
        var value = key.Lookup(context);
        if (!JsSemantics.IsTruthy(value))
        {
            return null;
        }
        try
        {
            return store.GetAssignments(key.Name, JsSemantics.ToJsString(value));
        }
        catch (Exception)
        {
            // A failing store must not break evaluation: behave as if the unit had no sticky assignment.
            return null;
        }
    }

    private static void SaveStickyAssignment(ExperimentDefinition experiment, EvaluationContext context, AttributeKey hashKey, ExperimentResult result)
    {
        var store = context.StickyBucketStore!;
        try
        {
            var existing = store.GetAssignments(hashKey.Name, result.HashValue);
            if (existing is not null && existing.Assignments.TryGetValue(experiment.StickyKey, out var stored) && stored == result.Key)
            {
                return;
            }
            var assignments = existing is null
                ? new Dictionary<string, string>(StringComparer.Ordinal)
                : new Dictionary<string, string>(existing.Assignments, StringComparer.Ordinal);
            assignments[experiment.StickyKey] = result.Key;
            store.SaveAssignments(new StickyAssignmentDocument(hashKey.Name, result.HashValue, assignments));
        }
        catch (Exception)
        {
            // Persisting is best effort; the assignment itself is still valid.
        }
    }
}
