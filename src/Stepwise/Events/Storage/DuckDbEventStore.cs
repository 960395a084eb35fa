using DuckDB.NET.Data;
using Stepwise.Events.Analysis;
using Stepwise.Events.Ingestion;

namespace Stepwise.Events.Storage;

/// <summary>
/// Events in an embedded DuckDB file. Rows go through DuckDB's appender into temporary staging tables and are
/// moved with <c>INSERT OR IGNORE</c> in one transaction, so a replayed id is skipped by the primary key and a
/// commit (which syncs DuckDB's write-ahead log) makes the whole group durable at once.
/// </summary>
public sealed class DuckDbEventStore : IEventStore
{
    private readonly DuckDBConnection _root;
    private readonly DuckDBConnection _writer;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly string _connectionString;

    public DuckDbEventStore(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // DuckDB.NET shares one database instance between connections to the same file in a process.
        _connectionString = $"Data Source={full}";
        _root = new DuckDBConnection(_connectionString);
        _root.Open();
        Execute(_root, Schema.Create(DuckDbDialect.Instance));
        _writer = new DuckDBConnection(_connectionString);
        _writer.Open();
        Execute(_writer, """
            CREATE TEMP TABLE IF NOT EXISTS stage_exposures AS SELECT * FROM event_exposures LIMIT 0;
            CREATE TEMP TABLE IF NOT EXISTS stage_metrics AS SELECT * FROM event_metrics LIMIT 0;
            """);
    }

    public SqlDialect Dialect => DuckDbDialect.Instance;

    public async Task<long> WriteAsync(IReadOnlyList<ExposureRow> exposures, IReadOnlyList<MetricRow> metrics, CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            // DuckDB's API is synchronous; the single writer runs on its own thread anyway.
            return Write(exposures, metrics);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private long Write(IReadOnlyList<ExposureRow> exposures, IReadOnlyList<MetricRow> metrics)
    {
        if (exposures.Count > 0)
        {
            using var appender = _writer.CreateAppender("stage_exposures");
            foreach (var e in exposures)
            {
                appender.CreateRow().AppendValue(e.EnvironmentId).AppendValue(e.EventId).AppendValue(e.Timestamp).AppendValue(e.UnitId)
                    .AppendValue(e.Experiment).AppendValue(e.Variation).AppendValue(e.HashAttribute).AppendValue(e.Feature).EndRow();
            }
        }
        if (metrics.Count > 0)
        {
            using var appender = _writer.CreateAppender("stage_metrics");
            foreach (var m in metrics)
            {
                appender.CreateRow().AppendValue(m.EnvironmentId).AppendValue(m.EventId).AppendValue(m.Timestamp).AppendValue(m.UnitId)
                    .AppendValue(m.Metric).AppendValue(m.Value).EndRow();
            }
        }
        try
        {
            using var transaction = _writer.BeginTransaction();
            long inserted = 0;
            using (var command = _writer.CreateCommand())
            {
                command.Transaction = transaction;
                // DISTINCT ON: a batch may repeat an id; the key must see each once.
                command.CommandText = "INSERT OR IGNORE INTO event_exposures SELECT DISTINCT ON (environment_id, event_id) * FROM stage_exposures";
                inserted += exposures.Count > 0 ? command.ExecuteNonQuery() : 0;
                command.CommandText = "INSERT OR IGNORE INTO event_metrics SELECT DISTINCT ON (environment_id, event_id) * FROM stage_metrics";
                inserted += metrics.Count > 0 ? command.ExecuteNonQuery() : 0;
            }
            transaction.Commit();
            return inserted;
        }
        finally
        {
            Execute(_writer, "DELETE FROM stage_exposures; DELETE FROM stage_metrics;");
        }
    }

    public Task<IReadOnlyList<object?[]>> QueryAsync(string sql, CancellationToken ct)
    {
        using var connection = new DuckDBConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return Task.FromResult<IReadOnlyList<object?[]>>(rows);
    }

    public ValueTask DisposeAsync()
    {
        _writer.Dispose();
        _root.Dispose();
        _writeGate.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
