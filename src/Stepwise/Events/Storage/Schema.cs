using Stepwise.Events.Analysis;

namespace Stepwise.Events.Storage;

/// <summary>
/// The two event tables. They live outside the EF model on purpose: they are append-only, large, and may sit in
/// another database (DuckDB) than the application's records.
/// </summary>
public static class Schema
{
    public static string Create(SqlDialect dialect) => $"""
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
