using Stepwise.Events.Analysis;

namespace Stepwise.Events.Storage;

/// <summary>
/// The two event tables. They live outside the EF model on purpose: they are append-only, large, and may sit in
/// another database (DuckDB) than the application's records.
/// </summary>
public static class Schema
{
    /// <summary>
    /// The event tables; with <paramref name="keyEachEvent"/> keyed by (environment_id, event_id) (PostgreSQL).
    /// DuckDB's tables have no key: maintaining its index cost three quarters of the ingestion time, so DuckDB
    /// recognises replays by batch (<see cref="Batches"/>).
    /// </summary>
    public static string Create(SqlDialect dialect, bool keyEachEvent = true) => keyEachEvent ? Keyed(dialect) :
        Keyed(dialect).Replace(",\n    PRIMARY KEY (environment_id, event_id))", ")", StringComparison.Ordinal);

    /// <summary>DuckDB: one row per stored batch, keyed by <see cref="Ingestion.ParsedBatch.Key"/>.</summary>
    public const string Batches = """
        CREATE TABLE IF NOT EXISTS event_batches (
            batch_key UUID PRIMARY KEY,
            received_at TIMESTAMP NOT NULL,
            events INTEGER NOT NULL);
        """;

    private static string Keyed(SqlDialect dialect) => $"""
        CREATE TABLE IF NOT EXISTS event_exposures (
            environment_id UUID NOT NULL,
            event_id UUID NOT NULL,
            ts {dialect.TimestampType} NOT NULL,
            unit_id VARCHAR(256) NOT NULL,
            experiment VARCHAR(200) NOT NULL,
            variation INTEGER NOT NULL,
            hash_attribute VARCHAR(200),
            feature VARCHAR(200),
            PRIMARY KEY (environment_id, event_id));
        CREATE TABLE IF NOT EXISTS event_metrics (
            environment_id UUID NOT NULL,
            event_id UUID NOT NULL,
            ts {dialect.TimestampType} NOT NULL,
            unit_id VARCHAR(256) NOT NULL,
            metric VARCHAR(200) NOT NULL,
            value DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (environment_id, event_id));
        """;
}
