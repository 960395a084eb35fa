using Stepwise.Events.Analysis;
using Stepwise.Events.Ingestion;

namespace Stepwise.Events.Storage;

/// <summary>
/// The warehouse that keeps raw events and runs the analysis SQL next to them. Writes are idempotent by
/// (environment, event id) and durable when the returned task completes.
/// </summary>
public interface IEventStore : IAsyncDisposable
{
    /// <summary>The SQL flavour the analysis queries are generated in.</summary>
    SqlDialect Dialect { get; }

    /// <summary>Stores the rows in one commit, skipping ids already stored; returns how many rows were new.</summary>
    Task<long> WriteAsync(IReadOnlyList<ExposureRow> exposures, IReadOnlyList<MetricRow> metrics, CancellationToken ct);

    /// <summary>Runs a generated query and returns its rows (values as the driver returns them).</summary>
    Task<IReadOnlyList<object?[]>> QueryAsync(string sql, CancellationToken ct);
}
