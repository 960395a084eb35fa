using System.Text.Json;
using Stepwise.Flags.Conditions;
using Stepwise.Flags.Hashing;
using Stepwise.Flags.Json;
using Stepwise.Flags.Sticky;

namespace Stepwise.Flags.Experiments;

public sealed partial class ExperimentDefinition
{
    private ExperimentDefinition(JsonElement json, string? defaultKey, SavedGroups savedGroups, bool standalone)
    {
        var errors = new List<string>();
        var reader = new FieldReader(json, "experiment", errors);
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"experiment must be an object, not {json.ValueKind}");
        }
        Key = reader.String("key") is { Length: > 0 } key ? key : defaultKey ?? "";
        var variations = reader.Array("variations");
        Variations = variations.ValueKind == JsonValueKind.Array ? [.. variations.EnumerateArray()] : [];
        Weights = reader.NumberArray("weights");
        Coverage = reader.Number("coverage");
        Ranges = reader.Ranges("ranges");
        HashAttribute = reader.String("hashAttribute");
        FallbackAttribute = reader.String("fallbackAttribute");
        HashVersion = reader.Integer("hashVersion");
        Seed = reader.String("seed");
        Name = reader.String("name");
        Phase = reader.String("phase");
        BucketVersion = reader.Integer("bucketVersion");
        MinBucketVersion = reader.Integer("minBucketVersion");
        DisableStickyBucketing = reader.Boolean("disableStickyBucketing");
        Namespace = ParseNamespace(reader.Raw("namespace"), errors);
        Meta = ParseList(reader.Array("meta"), e => VariationMeta.Parse(e, errors));
        FilterArray = ParseList(reader.Array("filters"), e => BucketFilter.Parse(e, errors));
        var condition = reader.Raw("condition");
        if (condition.ValueKind != JsonValueKind.Undefined)
        {
            Condition = Condition.Parse(condition, savedGroups);
            errors.AddRange(Condition.Errors);
        }
        if (standalone)
        {
            Active = reader.Boolean("active");
            Status = reader.String("status");
            Force = reader.Integer("force");
            ParentConditionArray = ParentCondition.ParseList(reader.Raw("parentConditions"), savedGroups, errors);
        }
        HashKey = AttributeKey.Of(HashAttribute);
        FallbackKey = FallbackAttribute is null ? null : AttributeKey.Of(FallbackAttribute);
        EffectiveRanges = Ranges is { } ranges ? [.. ranges] : Bucketing.GetBucketRanges(Variations.Count, Coverage ?? 1, Weights);
        StickyKey = StickyKeys.Experiment(Key, BucketVersion ?? 0);
        BlockedStickyKeys = [.. Enumerable.Range(0, Math.Clamp(MinBucketVersion ?? 0, 0, 1000)).Select(v => StickyKeys.Experiment(Key, v))];
        Errors = errors;
        _echo = BuildEcho(json, standalone ? StandaloneMembers : RuleMembers);
    }

    /// <summary>Parses an experiment object (as passed to GrowthBook's <c>run</c>); never throws.</summary>
    /// <param name="experiment">The experiment JSON.</param>
    /// <param name="savedGroups">Saved groups its condition may refer to.</param>
    public static ExperimentDefinition Parse(JsonElement experiment, SavedGroups? savedGroups = null) =>
        new(experiment.ValueKind == JsonValueKind.Undefined ? default : experiment.Clone(), null, savedGroups ?? SavedGroups.Empty, standalone: true);

    /// <summary>The experiment a feature rule describes (the rule's <c>key</c> defaults to the feature id).</summary>
    internal static ExperimentDefinition FromRule(JsonElement rule, string featureId, SavedGroups savedGroups) =>
        new(rule, featureId, savedGroups, standalone: false);

    private static T[]? ParseList<T>(JsonElement array, Func<JsonElement, T> parse) =>
        array.ValueKind == JsonValueKind.Array ? [.. array.EnumerateArray().Select(parse)] : null;

    private static NamespaceRange? ParseNamespace(JsonElement value, List<string> errors)
    {
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 3 && value[0].ValueKind == JsonValueKind.String
            && value[1].ValueKind == JsonValueKind.Number && value[2].ValueKind == JsonValueKind.Number)
        {
            return new NamespaceRange(value[0].GetString()!, value[1].GetDouble(), value[2].GetDouble());
        }
        errors.Add("experiment: 'namespace' must be [id, start, end]");
        return null;
    }

    private static KeyValuePair<string, JsonElement>[] BuildEcho(JsonElement json, string[] members)
    {
        var echo = new List<KeyValuePair<string, JsonElement>>();
        if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("variations", out var variations))
        {
            echo.Add(new("variations", variations));
        }
        foreach (var member in members)
        {
            if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty(member, out var value))
            {
                echo.Add(new(member, value));
            }
        }
        return [.. echo];
    }

    /// <summary>Writes the experiment in GrowthBook's JSON shape (the members that were set).</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("key", Key);
        foreach (var (name, value) in _echo)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
        writer.WriteEndObject();
    }

    /// <summary>The experiment in GrowthBook's JSON shape.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTo(writer);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
