namespace Stepwise.Events.Ingestion;

/// <summary>A unit saw a variation of an experiment (sent by the SDKs when they assign a unit).</summary>
public readonly record struct ExposureRow(
    Guid EnvironmentId, Guid EventId, DateTime Timestamp, string UnitId, string Experiment, int Variation,
    string? HashAttribute, string? Feature);

/// <summary>A metric value observed for a unit (<c>Track(metric, value)</c>).</summary>
public readonly record struct MetricRow(Guid EnvironmentId, Guid EventId, DateTime Timestamp, string UnitId, string Metric, double Value);

/// <summary>Why one event of a batch was refused; <see cref="Index"/> is its position in the request.</summary>
public sealed record EventRejection(int Index, string? Id, string Reason);

/// <summary>A parsed batch: the events that passed validation and the ones that did not.</summary>
public sealed class ParsedBatch
{
    public List<ExposureRow> Exposures { get; } = [];
    public List<MetricRow> Metrics { get; } = [];
    public List<EventRejection> Rejections { get; } = [];
    public int Received { get; set; }
    public int Accepted => Exposures.Count + Metrics.Count;
}
