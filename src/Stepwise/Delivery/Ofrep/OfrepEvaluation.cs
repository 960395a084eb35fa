using System.Text.Json;
using Stepwise.Delivery.Payload;
using Stepwise.Flags.Evaluation;

namespace Stepwise.Delivery.Ofrep;

/// <summary>Evaluates one flag for an OFREP request and writes the success object, with OpenFeature's reason and variant.</summary>
internal static class OfrepEvaluation
{
    public static bool Write(Utf8JsonWriter writer, PayloadSnapshot snapshot, CompiledFlag flag, OfrepRequest request, out OfrepError failure)
    {
        failure = default;
        if (flag.NeedsUnitKey && string.IsNullOrEmpty(request.TargetingKey) && !request.HasAttribute("id"))
        {
            failure = new OfrepError("TARGETING_KEY_MISSING", $"'{flag.Key}' splits traffic by unit; send 'context.targetingKey'.");
            return false;
        }
        var result = snapshot.Evaluator.EvalFeature(flag.Key, request.Context);
        if (result.ErrorCode != EvaluationErrorCode.None)
        {
            failure = new OfrepError(result.ErrorCode == EvaluationErrorCode.FlagNotFound ? "FLAG_NOT_FOUND" : "GENERAL", result.ErrorMessage ?? "Evaluation failed.");
            return false;
        }
        var (reason, variant) = Describe(flag, result);
        writer.WriteStartObject();
        writer.WriteString("key", flag.Key);
        writer.WritePropertyName("value");
        result.Value.WriteTo(writer);
        writer.WriteString("reason", reason);
        writer.WriteString("variant", variant);
        writer.WriteStartObject("metadata");
        writer.WriteString("environment", snapshot.Environment);
        if (result.RuleId is { Length: > 0 } ruleId) writer.WriteString("ruleId", ruleId);
        if (result.ExperimentResult is { } experiment)
        {
            writer.WriteString("experimentKey", result.Experiment?.Key);
            writer.WriteNumber("variationId", experiment.VariationId);
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
        return true;
    }

    private static (string Reason, string Variant) Describe(CompiledFlag flag, FeatureResult result)
    {
        if (!flag.Enabled) return ("DISABLED", "off");
        return result.Source switch
        {
            FeatureSource.Experiment => ("SPLIT", result.ExperimentResult?.Key ?? "unknown"),
            FeatureSource.Force when result.RuleId is { } id && flag.SplitRules.Contains(id) => ("SPLIT", id),
            FeatureSource.Force => ("TARGETING_MATCH", result.RuleId ?? "rule"),
            FeatureSource.DefaultValue when flag.RuleCount == 0 => ("STATIC", "default"),
            _ => ("DEFAULT", "default"),
        };
    }
}
