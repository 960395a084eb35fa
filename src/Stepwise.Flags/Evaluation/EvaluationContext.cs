using System.Text.Json;
using Stepwise.Flags.Conditions;
using Stepwise.Flags.Experiments;
using Stepwise.Flags.Sticky;

namespace Stepwise.Flags.Evaluation;

/// <summary>
/// Who is being evaluated and how (GrowthBook's user context). Build one per request or unit; the payload
/// is shared. The engine never mutates it.
/// </summary>
public sealed class EvaluationContext
{
    /// <summary>A context with no attributes.</summary>
    public static EvaluationContext Empty { get; } = new();

    /// <summary>The unit's attributes as a JSON object (undefined means none).</summary>
    public JsonElement Attributes { get; init; }

    /// <summary>Experiment key → forced variation index (QA and tests).</summary>
    public IReadOnlyDictionary<string, int>? ForcedVariations { get; init; }

    /// <summary>Feature key → forced value (source <see cref="FeatureSource.Override"/>).</summary>
    public IReadOnlyDictionary<string, JsonElement>? ForcedFeatures { get; init; }

    /// <summary>Current URL; <c>?experimentKey=1</c> forces a variation.</summary>
    public string? Url { get; init; }

    /// <summary>QA mode: nobody is enrolled by hashing (forced variations still apply).</summary>
    public bool QaMode { get; init; }

    /// <summary>False disables all experiments for this unit.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Keeps units in their first variation across changes to an experiment; null disables sticky bucketing.</summary>
    public IStickyBucketStore? StickyBucketStore { get; init; }

    /// <summary>Called when a unit is enrolled in an experiment by hashing (exposure logging).</summary>
    public Action<ExperimentDefinition, ExperimentResult>? OnExperimentViewed { get; init; }

    private AttributeIndex? _attributeIndex;

    /// <summary>
    /// The attributes' members, indexed on first use and kept for the context's lifetime (attributes are init-only),
    /// so reusing a context makes every later evaluation cheaper and allocation-free. Null when they are not an object.
    /// </summary>
    internal AttributeIndex? AttributeIndex
    {
        get
        {
            if (_attributeIndex is { } index)
            {
                return index;
            }
            if (Attributes.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            // Racing threads may both build it; either copy is equivalent.
            index = Conditions.AttributeIndex.Build(Attributes);
            return Interlocked.CompareExchange(ref _attributeIndex, index, null) ?? index;
        }
    }
}
