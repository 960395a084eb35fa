using System.Runtime.InteropServices;
using System.Security.Cryptography;

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
    private HashSet<Guid>? _ids;

    public List<ExposureRow> Exposures { get; } = [];
    public List<MetricRow> Metrics { get; } = [];
    public List<EventRejection> Rejections { get; } = [];
    public int Received { get; set; }

    /// <summary>Valid events whose id already came earlier in this batch: accepted, stored once.</summary>
    public int Repeated { get; private set; }

    public int Accepted => Exposures.Count + Metrics.Count + Repeated;

    /// <summary>
    /// Identifies the batch by its environment and the ids of all its events as sent, in order (SHA-256, 128 bits),
    /// rejected ones included so that the key does not depend on validation: a replay of the same batch has the same
    /// key, which is how the DuckDB store recognises it.
    /// </summary>
    public Guid Key { get; private set; }

    /// <summary>False (and counted as repeated) when the id came earlier in this batch.</summary>
    public bool FirstTime(Guid eventId)
    {
        _ids ??= [];
        if (_ids.Add(eventId)) return true;
        Repeated++;
        return false;
    }

    /// <summary>Ends parsing: the key comes from the hash of the ids as sent.</summary>
    public ParsedBatch Seal(IncrementalHash ids)
    {
        Span<byte> hash = stackalloc byte[32];
        ids.GetHashAndReset(hash);
        Key = new Guid(hash[..16]);
        _ids = null;
        return this;
    }

    /// <summary>A batch made in the server (demo data), sealed.</summary>
    public static ParsedBatch Of(IEnumerable<ExposureRow> exposures, IEnumerable<MetricRow> metrics)
    {
        var batch = new ParsedBatch();
        batch.Exposures.AddRange(exposures);
        batch.Metrics.AddRange(metrics);
        batch.Received = batch.Accepted;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var e in batch.Exposures) hash.AppendData(MemoryMarshal.AsBytes<Guid>([e.EnvironmentId, e.EventId]));
        foreach (var m in batch.Metrics) hash.AppendData(MemoryMarshal.AsBytes<Guid>([m.EnvironmentId, m.EventId]));
        return batch.Seal(hash);
    }
}
