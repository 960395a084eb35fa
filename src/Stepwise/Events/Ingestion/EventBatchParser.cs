using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Stepwise.Events.Ingestion;

/// <summary>
/// Reads <c>{"events":[…]}</c> as the SDKs send it (see <c>Stepwise.Client.Events.TrackedEvent</c>) and
/// validates every event on its own: a malformed event is rejected with a reason, the rest are kept.
/// Unknown fields are ignored so that newer SDKs can add some.
/// <para>
/// One forward pass of <see cref="Utf8JsonReader"/> over the request buffer: ids and timestamps are parsed from the
/// UTF-8 bytes, and repeated names (metric, experiment, the previous event's unit) reuse the string already made,
/// so an event costs one string (its unit id) instead of a DOM node per field.
/// </para>
/// </summary>
public static class EventBatchParser
{
    public const int MaxKeyLength = 200;
    public const int MaxUnitIdLength = 256;

    /// <summary>Events dated further in the future than this are refused (a wrong clock would skew the windows).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromHours(1);

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16 };

    /// <summary>Parses the body; null with <paramref name="error"/> when it is not a batch at all.</summary>
    public static ParsedBatch? Parse(ReadOnlyMemory<byte> body, Guid environmentId, DateTimeOffset now, int maxEvents, out string? error, out bool tooMany)
    {
        error = null;
        tooMany = false;
        var batch = new ParsedBatch();
        var reader = new Utf8JsonReader(body.Span, ReaderOptions);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "The body must be an object with an 'events' array.";
                return null;
            }
            using var ids = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            ids.AppendData(environmentId.ToByteArray());
            var context = new Context(environmentId, now.UtcDateTime, (now + MaxClockSkew).UtcDateTime, batch, ids);
            var count = -1;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isEvents = reader.ValueTextEquals("events"u8);
                reader.Read();
                if (!isEvents || count >= 0)
                {
                    if (isEvents)
                    {
                        error = "The body must have one 'events' array.";
                        return null;
                    }
                    reader.Skip();
                    continue;
                }
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    error = "The body must be an object with an 'events' array.";
                    return null;
                }
                count = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (count++ >= maxEvents)
                    {
                        reader.Skip();
                        continue;
                    }
                    ReadEvent(ref reader, count - 1, ref context);
                }
            }
            // The root object is closed; anything after it (but whitespace) is not JSON.
            if (reader.Read()) throw new JsonException("Unexpected content after the root object.");
            if (count < 0)
            {
                error = "The body must be an object with an 'events' array.";
                return null;
            }
            if (count > maxEvents)
            {
                tooMany = true;
                error = $"The batch has {count} events; the limit is {maxEvents}.";
                return null;
            }
            batch.Received = count;
            return batch.Seal(ids);
        }
        catch (JsonException e)
        {
            error = $"The body is not JSON: {e.Message}";
            return null;
        }
    }

    /// <summary>What the batch shares between events: where rows go and the strings already made.</summary>
    private readonly struct Context(Guid environmentId, DateTime received, DateTime latest, ParsedBatch batch, IncrementalHash ids)
    {
        /// <summary>When the batch arrived: later timestamps (a client clock running ahead) are stored as this.</summary>
        public readonly DateTime Received = received;
        /// <summary>The ids as sent, every event (the batch key).</summary>
        public readonly IncrementalHash Ids = ids;
        public readonly Guid EnvironmentId = environmentId;
        public readonly DateTime Latest = latest;
        public readonly ParsedBatch Batch = batch;
        public readonly StringCache Names = new(16);
        public readonly StringCache Units = new(2);
    }

    /// <summary>The fields of one event as read; validated afterwards in a fixed order so reasons do not depend on field order.</summary>
    private ref struct Fields
    {
        public bool HasId, IdIsString, IdValid;
        public Guid Id;
        public ReadOnlySpan<byte> IdRaw;
        public bool IdEscaped;
        public string? Type;
        public bool HasTimestamp;
        public DateTimeOffset Timestamp;
        public string? UnitId, Experiment, Metric, HashAttribute, Feature;
        public bool VariationValid;
        public int Variation;
        public bool ValueValid;
        public double Value;
    }

    private static void ReadEvent(ref Utf8JsonReader reader, int index, ref Context context)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            context.Ids.AppendData("-,"u8);
            context.Batch.Rejections.Add(new EventRejection(index, null, "An event must be a JSON object."));
            return;
        }
        var f = new Fields { ValueValid = true, Value = 1.0 };
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueIsEscaped ? FieldOf(Encoding.UTF8.GetBytes(reader.GetString()!)) : FieldOf(reader.ValueSpan);
            reader.Read();
            switch (field)
            {
                case Field.Id:
                    f.HasId = true;
                    f.IdIsString = reader.TokenType == JsonTokenType.String;
                    f.IdRaw = f.IdIsString ? reader.ValueSpan : default;
                    f.IdEscaped = f.IdIsString && reader.ValueIsEscaped;
                    f.IdValid = f.IdIsString && TryGuid(ref reader, out f.Id) && f.Id != Guid.Empty;
                    break;
                case Field.Type:
                    f.Type = NonBlank(ref reader, context.Names);
                    break;
                case Field.Timestamp:
                    f.HasTimestamp = reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out f.Timestamp);
                    break;
                case Field.UnitId:
                    f.UnitId = NonBlank(ref reader, context.Units);
                    break;
                case Field.Experiment:
                    f.Experiment = NonBlank(ref reader, context.Names);
                    break;
                case Field.Metric:
                    f.Metric = NonBlank(ref reader, context.Names);
                    break;
                case Field.HashAttribute:
                    f.HashAttribute = Optional(ref reader, context.Names);
                    break;
                case Field.Feature:
                    f.Feature = Optional(ref reader, context.Names);
                    break;
                case Field.Variation:
                    f.VariationValid = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out f.Variation) && f.Variation >= 0;
                    break;
                case Field.Value:
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        f.ValueValid = true;
                        f.Value = 1.0;
                    }
                    else f.ValueValid = reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out f.Value) && double.IsFinite(f.Value);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        context.Ids.AppendData(f.IdIsString ? f.IdRaw : "-"u8);
        context.Ids.AppendData(","u8);
        var reason = Validate(ref f, ref context);
        if (reason is not null)
        {
            string? rawId = !f.IdIsString ? null : f.IdEscaped ? Unescape(f.IdRaw) : Encoding.UTF8.GetString(f.IdRaw);
            context.Batch.Rejections.Add(new EventRejection(index, rawId, reason));
        }
    }

    private static string? Validate(ref Fields f, ref Context context)
    {
        if (!f.HasId || !f.IdIsString) return "'id' is required (a UUID string).";
        if (!f.IdValid) return "'id' must be a non-empty UUID.";
        if (f.Type is null) return "'type' is required ('exposure' or 'metric').";
        if (!f.HasTimestamp) return "'timestamp' is required (ISO 8601 with an offset).";
        var utc = f.Timestamp.UtcDateTime;
        if (utc > context.Latest) return "'timestamp' is more than an hour in the future.";
        // A clock running ahead is corrected to the arrival time: no stored event is dated after it was received, so
        // an analysis "as of now" sees every event already received (and can use the per-unit state, which needs that).
        if (utc > context.Received) utc = context.Received;
        if (f.UnitId is null) return "'unitId' is required.";
        if (f.UnitId.Length > MaxUnitIdLength) return $"'unitId' is longer than {MaxUnitIdLength} characters.";
        switch (f.Type)
        {
            case "exposure":
                if (f.Experiment is null) return "'experiment' is required for an exposure.";
                if (f.Experiment.Length > MaxKeyLength) return $"'experiment' is longer than {MaxKeyLength} characters.";
                if (!f.VariationValid) return "'variation' is required (a variation index ≥ 0).";
                if (context.Batch.FirstTime(f.Id)) context.Batch.Exposures.Add(new ExposureRow(context.EnvironmentId, f.Id, utc, f.UnitId, f.Experiment, f.Variation, f.HashAttribute, f.Feature));
                return null;
            case "metric":
                if (f.Metric is null) return "'metric' is required for a metric event.";
                if (f.Metric.Length > MaxKeyLength) return $"'metric' is longer than {MaxKeyLength} characters.";
                if (!f.ValueValid) return "'value' must be a finite number.";
                if (context.Batch.FirstTime(f.Id)) context.Batch.Metrics.Add(new MetricRow(context.EnvironmentId, f.Id, utc, f.UnitId, f.Metric, f.Value));
                return null;
            default:
                return $"Unknown event type '{f.Type}'; expected 'exposure' or 'metric'.";
        }
    }

    private enum Field { Other, Id, Type, Timestamp, UnitId, Experiment, Variation, Metric, Value, HashAttribute, Feature }

    private static Field FieldOf(ReadOnlySpan<byte> name) => name switch
    {
        _ when name.SequenceEqual("id"u8) => Field.Id,
        _ when name.SequenceEqual("type"u8) => Field.Type,
        _ when name.SequenceEqual("timestamp"u8) => Field.Timestamp,
        _ when name.SequenceEqual("unitId"u8) => Field.UnitId,
        _ when name.SequenceEqual("experiment"u8) => Field.Experiment,
        _ when name.SequenceEqual("variation"u8) => Field.Variation,
        _ when name.SequenceEqual("metric"u8) => Field.Metric,
        _ when name.SequenceEqual("value"u8) => Field.Value,
        _ when name.SequenceEqual("hashAttribute"u8) => Field.HashAttribute,
        _ when name.SequenceEqual("feature"u8) => Field.Feature,
        _ => Field.Other,
    };

    private static bool TryGuid(ref Utf8JsonReader reader, out Guid id)
    {
        // The usual 36-character form straight from the bytes; anything else (braces, no dashes, escapes) the slow way.
        if (!reader.ValueIsEscaped && Utf8Parser.TryParse(reader.ValueSpan, out id, out var consumed, 'D') && consumed == reader.ValueSpan.Length) return true;
        return Guid.TryParse(reader.GetString(), out id);
    }

    /// <summary>A string that is not blank, or null when the token is not one.</summary>
    private static string? NonBlank(ref Utf8JsonReader reader, StringCache cache)
    {
        if (reader.TokenType != JsonTokenType.String) return null;
        var value = reader.ValueIsEscaped ? reader.GetString()! : cache.Get(reader.ValueSpan);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    private static string? Optional(ref Utf8JsonReader reader, StringCache cache)
    {
        if (reader.TokenType != JsonTokenType.String) return null;
        var value = reader.ValueIsEscaped ? reader.GetString()! : cache.Get(reader.ValueSpan);
        return value is { Length: > 0 and <= MaxKeyLength } ? value : null;
    }

    private static string Unescape(ReadOnlySpan<byte> quotedContent)
    {
        var json = new byte[quotedContent.Length + 2];
        json[0] = (byte)'"';
        quotedContent.CopyTo(json.AsSpan(1));
        json[^1] = (byte)'"';
        return JsonSerializer.Deserialize<string>(json) ?? "";
    }

    /// <summary>
    /// A few recently made strings, found again by their UTF-8 bytes: a batch repeats the same metric, experiment and
    /// type names (and often the same unit), so those are decoded once per batch instead of once per event.
    /// </summary>
    private sealed class StringCache(int size)
    {
        private readonly byte[][] _bytes = new byte[size][];
        private readonly string[] _strings = new string[size];
        private int _next;

        public string Get(ReadOnlySpan<byte> utf8)
        {
            for (var i = 0; i < _bytes.Length; i++)
            {
                if (_bytes[i] is { } known && utf8.SequenceEqual(known)) return _strings[i];
            }
            var value = Encoding.UTF8.GetString(utf8);
            if (utf8.Length <= 64)
            {
                _bytes[_next] = utf8.ToArray();
                _strings[_next] = value;
                _next = (_next + 1) % _bytes.Length;
            }
            return value;
        }
    }
}
