using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.FeatureManagement;
using Stepwise.Flags.Evaluation;

namespace Stepwise.Client.FeatureManagement;

/// <summary>Turns a Stepwise evaluation into a FeatureManagement <see cref="Variant"/>.</summary>
public static class StepwiseVariants
{
    private const string Root = "variant";

    /// <summary>
    /// The variant for <paramref name="result"/>: when the unit is in an experiment, named by the assigned variation's key
    /// (its meta key, else its index); otherwise named after the result's source (<c>force</c>, <c>defaultValue</c>, …).
    /// The configuration is the value: a scalar is the section's <c>Value</c>, an object or array its children.
    /// Null for an unknown feature, as FeatureManagement returns for a feature without variants.
    /// </summary>
    public static Variant? From(FeatureResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Source == FeatureSource.UnknownFeature)
        {
            return null;
        }
        var name = result.ExperimentResult is { InExperiment: true } assignment ? assignment.Key : result.Source.ToWireName();
        return new Variant { Name = name, Configuration = ToConfiguration(result.Value) };
    }

    /// <summary>A configuration section holding <paramref name="value"/> (flattened with <c>:</c> like appsettings.json).</summary>
    public static IConfigurationSection ToConfiguration(JsonElement value)
    {
        var entries = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Flatten(value, Root, entries);
        return new ConfigurationBuilder().AddInMemoryCollection(entries).Build().GetSection(Root);
    }

    private static void Flatten(JsonElement value, string path, Dictionary<string, string?> entries)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    Flatten(property.Value, $"{path}:{property.Name}", entries);
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Flatten(item, $"{path}:{index.ToString(CultureInfo.InvariantCulture)}", entries);
                    index++;
                }
                break;
            case JsonValueKind.String:
                entries[path] = value.GetString();
                break;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                entries[path] = null;
                break;
            default:
                // Numbers and booleans keep their JSON spelling (true, 12.5), which configuration binding parses.
                entries[path] = value.GetRawText();
                break;
        }
    }
}
