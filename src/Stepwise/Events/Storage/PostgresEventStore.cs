using Npgsql;
using NpgsqlTypes;
using Stepwise.Events.Analysis;
using Stepwise.Events.Ingestion;

namespace Stepwise.Events.Storage;

/// <summary>
/// Events in the application's PostgreSQL database. Each group is copied (binary COPY) into a temporary table and
/// moved with <c>ON CONFLICT DO NOTHING</c> in one transaction; the commit is durable (synchronous_commit).
/// </summary>
public sealed class PostgresEventStore : IEventStore
{
    private readonly NpgsqlDataSource _source;
    private int _created;

    public PostgresEventStore(string connectionString)
    {
        _source = NpgsqlDataSource.Create(connectionString);
    }

    public SqlDialect Dialect => PostgresDialect.Instance;

    private async Task EnsureSchemaAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _created) == 1) return;
        await using var command = _source.CreateCommand(Schema.Create(PostgresDialect.Instance) + """

            CREATE INDEX IF NOT EXISTS ix_event_exposures_experiment ON event_exposures (environment_id, experiment, unit_id);
            CREATE INDEX IF NOT EXISTS ix_event_metrics_unit ON event_metrics (environment_id, metric, unit_id);
            """);
        await command.ExecuteNonQueryAsync(ct);
        Volatile.Write(ref _created, 1);
    }

    public async Task<long> WriteAsync(IReadOnlyList<ParsedBatch> batches, CancellationToken ct)
    {
        await EnsureSchemaAsync(ct);
        // Every id is checked by the primary key here (stricter than per batch; PostgreSQL pays for it in speed).
        var exposures = batches.SelectMany(b => b.Exposures);
        var metrics = batches.SelectMany(b => b.Metrics);
        await using var connection = await _source.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        long inserted = 0;
        if (batches.Any(b => b.Exposures.Count > 0))
        {
            await ExecuteAsync(connection, "CREATE TEMP TABLE stage_exposures (LIKE event_exposures) ON COMMIT DROP", ct);
            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY stage_exposures (environment_id, event_id, ts, unit_id, experiment, variation, hash_attribute, feature) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var e in exposures)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(e.EnvironmentId, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(e.EventId, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(e.Timestamp, NpgsqlDbType.TimestampTz, ct);
                    await copy.WriteAsync(e.UnitId, NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(e.Experiment, NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(e.Variation, NpgsqlDbType.Integer, ct);
                    await WriteNullableAsync(copy, e.HashAttribute, ct);
                    await WriteNullableAsync(copy, e.Feature, ct);
                }
                await copy.CompleteAsync(ct);
            }
            inserted += await ExecuteAsync(connection,
                "INSERT INTO event_exposures SELECT DISTINCT ON (environment_id, event_id) * FROM stage_exposures ON CONFLICT DO NOTHING", ct);
        }
        if (batches.Any(b => b.Metrics.Count > 0))
        {
            await ExecuteAsync(connection, "CREATE TEMP TABLE stage_metrics (LIKE event_metrics) ON COMMIT DROP", ct);
            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY stage_metrics (environment_id, event_id, ts, unit_id, metric, value) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var m in metrics)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(m.EnvironmentId, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(m.EventId, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(m.Timestamp, NpgsqlDbType.TimestampTz, ct);
                    await copy.WriteAsync(m.UnitId, NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(m.Metric, NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(m.Value, NpgsqlDbType.Double, ct);
                }
                await copy.CompleteAsync(ct);
            }
            inserted += await ExecuteAsync(connection,
                "INSERT INTO event_metrics SELECT DISTINCT ON (environment_id, event_id) * FROM stage_metrics ON CONFLICT DO NOTHING", ct);
        }
        await transaction.CommitAsync(ct);
        return inserted;
    }

    public async Task<IReadOnlyList<object?[]>> QueryAsync(string sql, CancellationToken ct)
    {
        await EnsureSchemaAsync(ct);
        await using var command = _source.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(ct))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = await reader.IsDBNullAsync(i, ct) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken ct)
    {
        if (value is null) await copy.WriteNullAsync(ct);
        else await copy.WriteAsync(value, NpgsqlDbType.Varchar, ct);
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(ct);
    }
}
