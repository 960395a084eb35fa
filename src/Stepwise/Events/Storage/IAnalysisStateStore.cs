using Stepwise.Events.Analysis;

namespace Stepwise.Events.Storage;

/// <summary>
/// A store that keeps per-unit analysis states (<see cref="AnalysisState"/>), so an analysis reads unit rows instead
/// of every raw event. DuckDB does; PostgreSQL analyses raw events (its rows have no stable append order to use as a
/// watermark yet).
/// </summary>
public interface IAnalysisStateStore
{
    /// <summary>Brings the state up to date with every stored event (building it when missing).</summary>
    Task<StateRefresh> RefreshStateAsync(AnalysisState state, CancellationToken ct);

    /// <summary>
    /// Refreshes the state, then runs <paramref name="queries"/> over it in the same snapshot. Null when the state
    /// cannot answer exactly for <paramref name="end"/> (it holds rows dated at or after it): use the raw events.
    /// </summary>
    /// <summary>
    /// Brings every state an analysis used within <paramref name="usedWithin"/> up to date, one at a time (analyses
    /// can run between them), without counting as use. Run in the background so that an analysis finds little to fold in.
    /// </summary>
    Task<IReadOnlyList<(AnalysisState State, StateRefresh Refresh)>> RefreshRecentAsync(TimeSpan usedWithin, CancellationToken ct);

    Task<IReadOnlyList<IReadOnlyList<object?[]>>?> QueryStateAsync(AnalysisState state, DateTime end, IReadOnlyList<string> queries, CancellationToken ct);
}
