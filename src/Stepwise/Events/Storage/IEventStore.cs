using Stepwise.Events.Analysis;
using Stepwise.Events.Ingestion;

namespace Stepwise.Events.Storage;

/// <summary>
/// The warehouse that keeps raw events and runs the analysis SQL next to them. Writes are idempotent — a batch
/// replayed as it was sent is stored once — and durable when the returned task completes.
/// </summary>
public interface IEventStore : IAsyncDisposable
{
    /// <summary>The SQL flavour the analysis queries are generated in.</summary>
    SqlDialect Dialect { get; }

    /// <summary>Stores the accepted events of the batches in one commit, skipping what was stored before; returns how many rows were new.</summary>
    Task<long> WriteAsync(IReadOnlyList<ParsedBatch> batches, CancellationToken ct);

    /// <summary>Stores rows made in the server (demo data) as one batch.</summary>
    Task<long> WriteAsync(IReadOnlyList<ExposureRow> exposures, IReadOnlyList<MetricRow> metrics, CancellationToken ct) =>
        WriteAsync([ParsedBatch.Of(exposures, metrics)], ct);

    /// <summary>Runs a generated query and returns its rows (values as the driver returns them).</summary>
    Task<IReadOnlyList<object?[]>> QueryAsync(string sql, CancellationToken ct);
}
