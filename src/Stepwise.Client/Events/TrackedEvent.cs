using System.Text.Json;

namespace Stepwise.Client.Events;

/// <summary>One event for <c>POST /api/events</c>; its client-generated id makes redelivery idempotent.</summary>
internal abstract class TrackedEvent(Guid id, DateTimeOffset timestamp, string unitId)
{
    public Guid Id { get; } = id;

    public DateTimeOffset Timestamp { get; } = timestamp;

    public string UnitId { get; } = unitId;

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("id", Id);
        writer.WriteString("type", Type);
        writer.WriteString("timestamp", Timestamp);
        writer.WriteString("unitId", UnitId);
        WriteFields(writer);
        writer.WriteEndObject();
    }

    protected abstract string Type { get; }

    protected abstract void WriteFields(Utf8JsonWriter writer);
}

/// <summary>A unit was enrolled in an experiment and saw a variation, or a guarded rollout placed it inside (1) or outside (0).</summary>
internal sealed class ExposureEvent(
    Guid id, DateTimeOffset timestamp, string unitId, string hashAttribute, string experiment, int variation, string? feature)
    : TrackedEvent(id, timestamp, unitId)
{
    public string HashAttribute { get; } = hashAttribute;

    public string Experiment { get; } = experiment;

    public int Variation { get; } = variation;

    public string? Feature { get; } = feature;

    protected override string Type => "exposure";

    protected override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("hashAttribute", HashAttribute);
        writer.WriteString("experiment", Experiment);
        writer.WriteNumber("variation", Variation);
        writer.WriteString("feature", Feature);
    }
}

/// <summary>A metric value observed for a unit (conversion, revenue, latency, …).</summary>
internal sealed class MetricEvent(Guid id, DateTimeOffset timestamp, string unitId, string metric, double value)
    : TrackedEvent(id, timestamp, unitId)
{
    public string Metric { get; } = metric;

    public double Value { get; } = value;

    protected override string Type => "metric";

    protected override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("metric", Metric);
        writer.WriteNumber("value", Value);
    }
}
