using System.Text.Json;
using Microsoft.Extensions.Logging;
using Stepwise.Client.Events;
using Stepwise.Flags.Evaluation;
using Stepwise.Flags.Features;

namespace Stepwise.Client;

public sealed partial class StepwiseClient
{
    private static readonly FlagEvaluator NoFeatures = new(FeaturePayload.Empty);

    /// <inheritdoc />
    public FeatureResult EvalFeature(string key, EvaluationContext? context = null)
    {
        FeatureResult result;
        try
        {
            // One volatile read: a payload swapped in meanwhile is seen by the next call, never half-way.
            result = _store.Evaluator.EvalFeature(key, context);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Stepwise evaluation of {Feature} failed; serving the default", key);
            return NoFeatures.EvalFeature(key);
        }
        if (result.ExperimentResult is { InExperiment: true, HashUsed: true } assignment && result.Experiment is { } experiment)
        {
            RecordExposure(experiment.Key, assignment.HashAttribute, assignment.HashValue, assignment.VariationId, assignment.FeatureId);
        }
        if (result.Rollout is { } rollout)
        {
            // Units outside the rollout are its control arm: recorded as variation 0 although another rule gave the value.
            RecordExposure(rollout.Key, rollout.HashAttribute, rollout.HashValue, rollout.VariationId, rollout.FeatureId);
        }
        return result;
    }

    /// <inheritdoc />
    public bool IsOn(string key, EvaluationContext? context = null) => EvalFeature(key, context).On;

    /// <inheritdoc />
    public string GetString(string key, EvaluationContext? context, string defaultValue)
    {
        var value = EvalFeature(key, context).Value;
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : defaultValue;
    }

    /// <inheritdoc />
    public double GetNumber(string key, EvaluationContext? context, double defaultValue)
    {
        var value = EvalFeature(key, context).Value;
        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) ? number : defaultValue;
    }

    /// <inheritdoc />
    public JsonElement GetJson(string key, EvaluationContext? context, JsonElement defaultValue)
    {
        var value = EvalFeature(key, context).Value;
        return value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? defaultValue : value;
    }

    /// <inheritdoc />
    public T GetValue<T>(string key, EvaluationContext? context, T defaultValue)
    {
        var value = EvalFeature(key, context).Value;
        return FeatureValueConverter.TryConvert<T>(value, out var converted) ? converted : defaultValue;
    }

    /// <inheritdoc />
    public void Track(string unitId, string metric, double value = 1)
    {
        if (string.IsNullOrEmpty(unitId) || string.IsNullOrEmpty(metric) || !double.IsFinite(value))
        {
            _sender.Counters.AddDroppedInvalid();
            return;
        }
        var now = _time.GetUtcNow();
        _sender.Enqueue(new MetricEvent(Guid.CreateVersion7(now), now, unitId, metric, value));
    }

    /// <inheritdoc />
    public void Track(EvaluationContext context, string metric, double value = 1) =>
        Track(UnitIdOf(context) ?? "", metric, value);

    private static string? UnitIdOf(EvaluationContext? context)
    {
        if (context is null || context.Attributes.ValueKind != JsonValueKind.Object || !context.Attributes.TryGetProperty("id", out var id))
        {
            return null;
        }
        return id.ValueKind switch
        {
            JsonValueKind.String => id.GetString(),
            JsonValueKind.Number => id.GetRawText(),
            _ => null,
        };
    }

    private void RecordExposure(string experimentKey, string hashAttribute, string unitId, int variation, string? feature)
    {
        if (_exposures is null)
        {
            return;
        }
        try
        {
            if (!_exposures.TryAdd(experimentKey, hashAttribute, unitId))
            {
                _sender.Counters.AddDuplicate();
                return;
            }
            var now = _time.GetUtcNow();
            _sender.Enqueue(new ExposureEvent(Guid.CreateVersion7(now), now, unitId, hashAttribute, experimentKey, variation, feature));
        }
        catch (Exception e)
        {
            // Losing an exposure is bad; failing the caller's request over it would be worse.
            _logger.LogError(e, "Stepwise could not record an exposure to {Experiment}", experimentKey);
        }
    }
}

/// <summary>Typed reads of a feature value with "wrong type means default" semantics.</summary>
internal static class FeatureValueConverter
{
    public static bool TryConvert<T>(JsonElement value, out T converted)
    {
        converted = default!;
        if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return false;
        }
        if (typeof(T) == typeof(JsonElement))
        {
            converted = (T)(object)value;
            return true;
        }
        if (typeof(T) == typeof(bool))
        {
            if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return false;
            }
            converted = (T)(object)value.GetBoolean();
            return true;
        }
        if (typeof(T) == typeof(string))
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                return false;
            }
            converted = (T)(object)value.GetString()!;
            return true;
        }
        if (typeof(T) == typeof(double))
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number))
            {
                return false;
            }
            converted = (T)(object)number;
            return true;
        }
        if (typeof(T) == typeof(int))
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var integer))
            {
                return false;
            }
            converted = (T)(object)integer;
            return true;
        }
        try
        {
            // Web defaults: feature JSON is camelCase, .NET types are PascalCase.
            var result = value.Deserialize<T>(JsonSerializerOptions.Web);
            if (result is null)
            {
                return false;
            }
            converted = result;
            return true;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }
}
