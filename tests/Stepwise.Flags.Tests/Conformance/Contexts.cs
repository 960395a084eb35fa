using System.Text.Json;
using Stepwise.Flags.Evaluation;
using Stepwise.Flags.Sticky;

namespace Stepwise.Flags.Tests.Conformance;

/// <summary>Builds an <see cref="EvaluationContext"/> from a case's GrowthBook context object.</summary>
internal static class Contexts
{
    public static EvaluationContext From(JsonElement context, IStickyBucketStore? store = null)
    {
        JsonElement Member(string name) => context.TryGetProperty(name, out var value) ? value : default;
        var forced = Member("forcedVariations");
        return new EvaluationContext
        {
            Attributes = Member("attributes"),
            ForcedVariations = forced.ValueKind == JsonValueKind.Object
                ? forced.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32())
                : null,
            Url = Member("url").ValueKind == JsonValueKind.String ? Member("url").GetString() : null,
            QaMode = Member("qaMode").ValueKind == JsonValueKind.True,
            Enabled = Member("enabled").ValueKind != JsonValueKind.False,
            StickyBucketStore = store,
        };
    }
}
