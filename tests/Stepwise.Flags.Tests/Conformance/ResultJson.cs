using System.Text.Json;
using Stepwise.Flags.Evaluation;

namespace Stepwise.Flags.Tests.Conformance;

/// <summary>Writes engine results in GrowthBook's JSON shape so they can be compared with the cases.</summary>
internal static class ResultJson
{
    public static JsonElement Of(FeatureResult result)
    {
        return Write(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("value");
            result.Value.WriteTo(writer);
            writer.WriteBoolean("on", result.On);
            writer.WriteBoolean("off", result.Off);
            writer.WriteString("source", result.Source.ToWireName());
            writer.WriteString("ruleId", result.RuleId);
            if (result.Experiment is not null)
            {
                writer.WritePropertyName("experiment");
                result.Experiment.WriteTo(writer);
            }
            if (result.ExperimentResult is not null)
            {
                writer.WritePropertyName("experimentResult");
                WriteExperimentResult(writer, result.ExperimentResult);
            }
            writer.WriteEndObject();
        });
    }

    public static JsonElement Of(ExperimentResult? result) =>
        Write(writer =>
        {
            if (result is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                WriteExperimentResult(writer, result);
            }
        });

    private static void WriteExperimentResult(Utf8JsonWriter writer, ExperimentResult result)
    {
        writer.WriteStartObject();
        if (result.FeatureId is not null)
        {
            writer.WriteString("featureId", result.FeatureId);
        }
        writer.WritePropertyName("value");
        result.Value.WriteTo(writer);
        writer.WriteNumber("variationId", result.VariationId);
        writer.WriteBoolean("inExperiment", result.InExperiment);
        writer.WriteBoolean("hashUsed", result.HashUsed);
        writer.WriteString("hashAttribute", result.HashAttribute);
        writer.WriteString("hashValue", result.HashValue);
        writer.WriteString("key", result.Key);
        writer.WriteBoolean("stickyBucketUsed", result.StickyBucketUsed);
        if (result.Name is not null)
        {
            writer.WriteString("name", result.Name);
        }
        if (result.Bucket is { } bucket)
        {
            writer.WriteNumber("bucket", bucket);
        }
        if (result.Passthrough)
        {
            writer.WriteBoolean("passthrough", true);
        }
        writer.WriteEndObject();
    }

    private static JsonElement Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        return JsonElement.Parse(buffer.ToArray());
    }
}
