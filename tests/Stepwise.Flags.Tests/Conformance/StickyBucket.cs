using System.Text.Json;
using Stepwise.Flags.Evaluation;
using Stepwise.Flags.Features;
using Stepwise.Flags.Sticky;

namespace Stepwise.Flags.Tests.Conformance;

/// <summary>The stickyBucket section: evaluate with a pre-filled store, then compare result and stored documents.</summary>
internal static class StickyBucket
{
    public static string? Run(JsonElement c)
    {
        var store = new InMemoryStickyBucketStore();
        foreach (var doc in c[2].EnumerateArray())
        {
            store.SaveAssignments(new StickyAssignmentDocument(
                doc.GetProperty("attributeName").GetString()!,
                doc.GetProperty("attributeValue").GetString()!,
                doc.GetProperty("assignments").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!)));
        }
        var evaluator = new FlagEvaluator(FeaturePayload.FromJson(c[1]));
        var result = evaluator.EvalFeature(c[3].GetString()!, Contexts.From(c[1], store));
        if (!JsonEquivalence.Equivalent(c[4], ResultJson.Of(result.ExperimentResult), out var difference, "hashValue"))
        {
            return "experimentResult " + difference;
        }
        return JsonEquivalence.Equivalent(c[5], DocumentsJson(store), out difference) ? null : "documents " + difference;
    }

    private static JsonElement DocumentsJson(InMemoryStickyBucketStore store)
    {
        var documents = store.Documents.ToDictionary(
            d => d.StoreKey,
            d => new { attributeName = d.AttributeName, attributeValue = d.AttributeValue, assignments = d.Assignments });
        return JsonSerializer.SerializeToElement(documents);
    }
}
