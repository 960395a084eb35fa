using System.Text.Json;

namespace Stepwise.Events.Ingestion;

/// <summary>
/// Reads <c>{"events":[…]}</c> as the SDKs send it (see <c>Stepwise.Client.Events.TrackedEvent</c>) and
/// validates every event on its own: a malformed event is rejected with a reason, the rest are kept.
/// Unknown fields are ignored so that newer SDKs can add some.
/// </summary>
public static class EventBatchParser
{
    public const int MaxKeyLength = 200;
    public const int MaxUnitIdLength = 256;

    /// <summary>Events dated further in the future than this are refused (a wrong clock would skew the windows).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromHours(1);

    /// <summary>Parses the body; null with <paramref name="error"/> when it is not a batch at all.</summary>
    public static ParsedBatch? Parse(ReadOnlyMemory<byte> body, Guid environmentId, DateTimeOffset now, int maxEvents, out string? error, out bool tooMany)
    {
        error = null;
        tooMany = false;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            error = $"The body is not JSON: {e.Message}";
            return null;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
            {
                error = "The body must be an object with an 'events' array.";
                return null;
            }
            var count = events.GetArrayLength();
            if (count > maxEvents)
            {
                tooMany = true;
                error = $"The batch has {count} events; the limit is {maxEvents}.";
                return null;
            }
            var batch = new ParsedBatch { Received = count };
            var latest = (now + MaxClockSkew).UtcDateTime;
            var index = 0;
            foreach (var item in events.EnumerateArray())
            {
                var reason = Read(item, environmentId, latest, batch, out var id);
                if (reason is not null) batch.Rejections.Add(new EventRejection(index, id, reason));
                index++;
            }
            return batch;
        }
    }

    private static string? Read(JsonElement item, Guid environmentId, DateTime latest, ParsedBatch batch, out string? rawId)
    {
        rawId = null;
        if (item.ValueKind != JsonValueKind.Object) return "An event must be a JSON object.";
        if (!item.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String) return "'id' is required (a UUID string).";
        rawId = idElement.GetString();
        if (!Guid.TryParse(rawId, out var id) || id == Guid.Empty) return "'id' must be a non-empty UUID.";
        if (!TryString(item, "type", out var type)) return "'type' is required ('exposure' or 'metric').";
        if (!item.TryGetProperty("timestamp", out var ts) || ts.ValueKind != JsonValueKind.String || !ts.TryGetDateTimeOffset(out var timestamp))
            return "'timestamp' is required (ISO 8601 with an offset).";
        var utc = timestamp.UtcDateTime;
        if (utc > latest) return "'timestamp' is more than an hour in the future.";
        if (!TryString(item, "unitId", out var unit)) return "'unitId' is required.";
        if (unit.Length > MaxUnitIdLength) return $"'unitId' is longer than {MaxUnitIdLength} characters.";
        switch (type)
        {
            case "exposure":
                if (!TryString(item, "experiment", out var experiment)) return "'experiment' is required for an exposure.";
                if (experiment.Length > MaxKeyLength) return $"'experiment' is longer than {MaxKeyLength} characters.";
                if (!item.TryGetProperty("variation", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var variation) || variation < 0)
                    return "'variation' is required (a variation index ≥ 0).";
                batch.Exposures.Add(new ExposureRow(environmentId, id, utc, unit, experiment, variation,
                    OptionalString(item, "hashAttribute"), OptionalString(item, "feature")));
                return null;
            case "metric":
                if (!TryString(item, "metric", out var metric)) return "'metric' is required for a metric event.";
                if (metric.Length > MaxKeyLength) return $"'metric' is longer than {MaxKeyLength} characters.";
                var value = 1.0;
                if (item.TryGetProperty("value", out var valueElement) && valueElement.ValueKind != JsonValueKind.Null)
                {
                    if (valueElement.ValueKind != JsonValueKind.Number || !valueElement.TryGetDouble(out value) || !double.IsFinite(value))
                        return "'value' must be a finite number.";
                }
                batch.Metrics.Add(new MetricRow(environmentId, id, utc, unit, metric, value));
                return null;
            default:
                return $"Unknown event type '{type}'; expected 'exposure' or 'metric'.";
        }
    }

    private static bool TryString(JsonElement item, string name, out string value)
    {
        value = "";
        if (!item.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String) return false;
        value = element.GetString()!;
        return !string.IsNullOrWhiteSpace(value);
    }

    private static string? OptionalString(JsonElement item, string name)
    {
        if (!item.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String) return null;
        var value = element.GetString();
        return value is { Length: > 0 and <= MaxKeyLength } ? value : null;
    }
}
