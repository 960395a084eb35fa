using System.Globalization;
using DuckDB.NET.Data;
using Stepwise.Events.Analysis;

namespace Stepwise.Events.Storage;

/// <summary>What one refresh of an analysis state did.</summary>
/// <param name="Built">The state did not exist (or was unusable) and was built from every stored event.</param>
/// <param name="NewExposures">Exposure rows stored since the last refresh (all experiments).</param>
/// <param name="NewMetricEvents">Metric rows stored since the last refresh (all events).</param>
/// <param name="RecomputedUnits">Units whose rows were recomputed from their raw events (new units, late exposures).</param>
/// <param name="UpdatedUnits">Units whose rows had the sums of their new events added.</param>
public sealed record StateRefresh(bool Built, long NewExposures, long NewMetricEvents, long RecomputedUnits, long UpdatedUnits = 0);

/// <summary>
/// Keeps DuckDB's per-unit analysis states (<see cref="AnalysisState"/>) exact, lazily: an analysis first folds in
/// the rows stored since the state's watermark, then reads the state — ingestion does no extra work.
/// <para>
/// The watermark is the row count of each event table. The tables are append-only and the single writer appends, so
/// a row's <c>rowid</c> is its position and the rows stored after a refresh are exactly <c>rowid &gt;= mark</c>;
/// an uncommitted group is invisible to the refresh's snapshot and is picked up by the next one. If the row ids are
/// ever not contiguous (rows deleted by hand), the state is rebuilt from scratch.
/// </para>
/// <para>
/// A refresh, in one transaction: (1) group the new exposures per unit; a unit that is new, whose first exposure
/// moved earlier (a late exposure), or that saw another variation is "changed" and its units row replaced; (2) the
/// event rows of changed units are deleted, and those of changed single-variation units recomputed from all their raw
/// events (their windows moved, so events stored long ago may now count, in another window); a unit that now saw
/// several variations keeps no event rows; (3) for every other single-variation unit with new source events, the
/// sums of just the new events are added to its rows. Step 3 is exact because a window depends only on the event's
/// time and the unit's first exposure, which did not change, and every window value is a sum or a count; it reads
/// only the new rows, so a refresh costs in proportion to what arrived, except step 2's scan for changed units,
/// which starts at the earliest event they can use.
/// </para>
/// </summary>
internal static class DuckDbAnalysisState
{
    public const string Catalogue = """
        CREATE TABLE IF NOT EXISTS analysis_states (
            name VARCHAR PRIMARY KEY,
            definition VARCHAR NOT NULL,
            exposure_mark BIGINT NOT NULL,
            metric_mark BIGINT NOT NULL,
            latest_ts TIMESTAMP,
            refreshed_at TIMESTAMP NOT NULL,
            used_at TIMESTAMP NOT NULL);
        """;

    /// <summary>States not used for this long are dropped (a metric definition changed, an experiment ended).</summary>
    private const int UnusedDays = 30;

    /// <summary>Brings the state up to date with every committed row; returns what it did. Runs in <paramref name="transaction"/>.</summary>
    /// <remarks>
    /// <paramref name="markUsed"/> is false for the background refresh, so that keeping a state current does not
    /// keep it alive: only analyses count as use.
    /// </remarks>
    public static StateRefresh Refresh(DuckDBConnection connection, DuckDBTransaction transaction, AnalysisState state, bool markUsed = true)
    {
        var run = new Runner(connection, transaction);
        var (exposureCount, exposureContiguous) = Mark(run, "event_exposures");
        var (metricCount, metricContiguous) = Mark(run, "event_metrics");
        var name = SqlDialect.Text(state.UnitsTable);
        var previous = run.Row($"""
            SELECT exposure_mark, metric_mark FROM analysis_states
            WHERE name = {name} AND (SELECT COUNT(*) FROM duckdb_tables() WHERE table_name IN ({name}, {SqlDialect.Text(state.EventsTable)})) = 2
            """);
        var marks = $"exposure_mark = {exposureCount}, metric_mark = {metricCount}, refreshed_at = CAST(now() AS TIMESTAMP)"
            + (markUsed ? ", used_at = CAST(now() AS TIMESTAMP)" : "");
        if (previous is null || !exposureContiguous || !metricContiguous
            || Convert.ToInt64(previous[0], CultureInfo.InvariantCulture) > exposureCount || Convert.ToInt64(previous[1], CultureInfo.InvariantCulture) > metricCount)
        {
            run.Execute($"""
                DROP TABLE IF EXISTS {state.UnitsTable};
                DROP TABLE IF EXISTS {state.EventsTable};
                DELETE FROM analysis_states WHERE name = {name};
                CREATE TABLE {state.UnitsTable} AS {state.NumberedUnits()};
                CREATE TABLE {state.EventsTable} AS {state.EventsFor(state.SingleVariationUnits())};
                INSERT INTO analysis_states (name, definition, exposure_mark, metric_mark, latest_ts, refreshed_at, used_at)
                VALUES ({name}, {SqlDialect.Text(state.Definition)}, 0, 0, ({state.LatestTimestamp("", "")}), now(), now());
                UPDATE analysis_states SET {marks} WHERE name = {name};
                """);
            DropUnused(run);
            return new StateRefresh(true, exposureCount, metricCount, Convert.ToInt64(run.Scalar($"SELECT COUNT(*) FROM {state.UnitsTable}"), CultureInfo.InvariantCulture));
        }
        var exposureMark = Convert.ToInt64(previous[0], CultureInfo.InvariantCulture);
        var metricMark = Convert.ToInt64(previous[1], CultureInfo.InvariantCulture);
        if (exposureMark == exposureCount && metricMark == metricCount)
        {
            if (markUsed) run.Execute($"UPDATE analysis_states SET used_at = CAST(now() AS TIMESTAMP) WHERE name = {name}");
            return new StateRefresh(false, 0, 0, 0);
        }
        var newExposures = $" AND rowid >= {exposureMark}";
        var newMetrics = $" AND e.rowid >= {metricMark}";
        run.Execute($"""
            CREATE OR REPLACE TEMP TABLE state_new_units AS {state.UnitsFrom(newExposures)};
            CREATE OR REPLACE TEMP TABLE state_changed AS
                SELECT COALESCE(u.unit_key, k.last_key + row_number() OVER ()) AS unit_key, n.unit_id,
                    CASE WHEN u.unit_id IS NULL OR n.first_seen < u.first_seen THEN n.first_seen ELSE u.first_seen END AS first_seen,
                    CASE WHEN u.unit_id IS NULL OR n.variation < u.variation THEN n.variation ELSE u.variation END AS variation,
                    CASE WHEN u.unit_id IS NULL OR n.last_variation > u.last_variation THEN n.last_variation ELSE u.last_variation END AS last_variation
                FROM state_new_units n LEFT JOIN {state.UnitsTable} u ON u.unit_id = n.unit_id
                CROSS JOIN (SELECT COALESCE(MAX(unit_key), 0) AS last_key FROM {state.UnitsTable}) k
                WHERE u.unit_id IS NULL OR n.first_seen < u.first_seen OR n.variation < u.variation OR n.last_variation > u.last_variation;
            DELETE FROM {state.UnitsTable} WHERE unit_key IN (SELECT unit_key FROM state_changed);
            INSERT INTO {state.UnitsTable} SELECT unit_key, unit_id, first_seen, variation, last_variation FROM state_changed;
            DELETE FROM {state.EventsTable} WHERE unit_key IN (SELECT unit_key FROM state_changed);
            CREATE OR REPLACE TEMP TABLE state_recompute AS
                SELECT unit_key, unit_id, first_seen, variation FROM state_changed WHERE variation = last_variation;
            """);
        // Changed units: their windows moved (or they are new), so their rows come from all their raw events. The scan
        // starts at the earliest event any of them can use, which skips old row groups when events arrive in time order.
        var changed = run.Row("SELECT COUNT(*), MIN(first_seen) FROM state_recompute")!;
        var recomputed = Convert.ToInt64(changed[0], CultureInfo.InvariantCulture);
        if (changed[1] is DateTime earliestExposure)
            run.Execute($"INSERT INTO {state.EventsTable} {state.EventsFor("state_recompute", $" AND e.ts >= {DuckDbDialect.Instance.Timestamp(state.EarliestEventFor(earliestExposure))}")}");
        // Unchanged units with new events: their windows are fixed, so the new events' sums are added to their rows.
        var sums = state.WindowSums;
        run.Execute($"""
            CREATE OR REPLACE TEMP TABLE state_delta AS {state.EventsFor(state.SingleVariationUnits(" AND unit_key NOT IN (SELECT unit_key FROM state_changed)"), newMetrics)};
            CREATE OR REPLACE TEMP TABLE state_merged AS
                SELECT o.rowid AS old_row, d.unit_key, d.metric, d.variation, d.first_seen,
                    {string.Join(", ", sums.Select(c => $"COALESCE(o.{c}, 0) + d.{c} AS {c}"))}
                FROM state_delta d LEFT JOIN {state.EventsTable} o ON o.unit_key = d.unit_key AND o.metric = d.metric;
            DELETE FROM {state.EventsTable} WHERE rowid IN (SELECT old_row FROM state_merged WHERE old_row IS NOT NULL);
            INSERT INTO {state.EventsTable} SELECT unit_key, metric, variation, first_seen, {string.Join(", ", sums)} FROM state_merged;
            UPDATE analysis_states SET latest_ts = (SELECT MAX(t) FROM (SELECT latest_ts AS t UNION ALL ({state.LatestTimestamp(newExposures, newMetrics)})) x),
                {marks} WHERE name = {name};
            """);
        var updated = Convert.ToInt64(run.Scalar("SELECT COUNT(DISTINCT unit_key) FROM state_delta"), CultureInfo.InvariantCulture);
        run.Execute("DROP TABLE state_new_units; DROP TABLE state_changed; DROP TABLE state_recompute; DROP TABLE state_delta; DROP TABLE state_merged;");
        return new StateRefresh(false, exposureCount - exposureMark, metricCount - metricMark, recomputed, updated);
    }

    /// <summary>
    /// Whether the state answers an analysis with this cutoff exactly: every row it folded in is before
    /// <paramref name="end"/> (the raw query drops later rows; the API stores no event dated after its arrival, but direct writes may). Null when the
    /// state has not been built yet.
    /// </summary>
    public static bool? Covers(DuckDBConnection connection, DuckDBTransaction transaction, AnalysisState state, DateTime end) =>
        new Runner(connection, transaction).Scalar(
            $"SELECT COALESCE(latest_ts < {DuckDbDialect.Instance.Timestamp(end)}, true) FROM analysis_states WHERE name = {SqlDialect.Text(state.UnitsTable)}")
            is { } covers ? Convert.ToBoolean(covers, CultureInfo.InvariantCulture) : null;

    /// <summary>The definitions of the states an analysis used within <paramref name="usedWithin"/>, most recently used first.</summary>
    public static IReadOnlyList<string> RecentlyUsed(DuckDBConnection connection, TimeSpan usedWithin) =>
        DuckDbEventStore.Read(connection, null, $"""
            SELECT definition FROM analysis_states
            WHERE used_at >= CAST(now() AS TIMESTAMP) - to_seconds({(long)usedWithin.TotalSeconds})
            ORDER BY used_at DESC
            """).Select(row => (string)row[0]!).ToList();

    private static (long Count, bool Contiguous) Mark(Runner run, string table)
    {
        var row = run.Row($"SELECT COUNT(*), COALESCE(MAX(rowid) + 1, 0) FROM {table}")!;
        var count = Convert.ToInt64(row[0], CultureInfo.InvariantCulture);
        return (count, count == Convert.ToInt64(row[1], CultureInfo.InvariantCulture));
    }

    private static void DropUnused(Runner run)
    {
        var names = new List<string>();
        using (var command = run.Command($"SELECT name FROM analysis_states WHERE used_at < CAST(now() AS TIMESTAMP) - INTERVAL {UnusedDays} DAY"))
        using (var reader = command.ExecuteReader())
            while (reader.Read()) names.Add(reader.GetString(0));
        foreach (var units in names)
        {
            run.Execute($"""
                DROP TABLE IF EXISTS {units};
                DROP TABLE IF EXISTS {units[..^"_units".Length]}_events;
                DELETE FROM analysis_states WHERE name = {SqlDialect.Text(units)};
                """);
        }
    }

    private sealed class Runner(DuckDBConnection connection, DuckDBTransaction transaction)
    {
        public DuckDBCommand Command(string sql)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            return command;
        }

        public void Execute(string sql)
        {
            using var command = Command(sql);
            command.ExecuteNonQuery();
        }

        public object? Scalar(string sql)
        {
            using var command = Command(sql);
            return command.ExecuteScalar();
        }

        public object?[]? Row(string sql) => DuckDbEventStore.Read(connection, transaction, sql).FirstOrDefault();
    }
}
