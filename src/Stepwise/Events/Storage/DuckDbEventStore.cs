using DuckDB.NET.Data;
using Stepwise.Events.Analysis;
using Stepwise.Events.Ingestion;

namespace Stepwise.Events.Storage;

/// <summary>
/// Events in an embedded DuckDB file. A group of batches is written in one transaction: the batches' keys go into
/// <c>event_batches</c> (primary key), and only the batches whose key was new are appended to the event tables with
/// DuckDB's appender. A replayed batch is therefore skipped whole, and the commit (which syncs DuckDB's write-ahead
/// log) makes the group durable at once. Files created before this scheme, whose event tables still carry the
/// per-event primary key, are written through staging tables and <c>INSERT OR IGNORE</c> as before.
/// </summary>
public sealed class DuckDbEventStore : IEventStore, IAnalysisStateStore
{
    private readonly DuckDBConnection _root;
    private readonly DuckDBConnection _writer;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SemaphoreSlim _stateGate = new(1, 1);
    private readonly string _connectionString;
    private readonly bool _keyedEvents;

    public DuckDbEventStore(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // DuckDB.NET shares one database instance between connections to the same file in a process.
        _connectionString = $"Data Source={full}";
        _root = new DuckDBConnection(_connectionString);
        _root.Open();
        Execute(_root, Schema.Create(DuckDbDialect.Instance, keyEachEvent: false) + Schema.Batches + DuckDbAnalysisState.Catalogue);
        using (var command = _root.CreateCommand())
        {
            command.CommandText = "SELECT COUNT(*) FROM duckdb_constraints() WHERE table_name = 'event_metrics' AND constraint_type = 'PRIMARY KEY'";
            _keyedEvents = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
        }
        _writer = new DuckDBConnection(_connectionString);
        _writer.Open();
        Execute(_writer, """
            CREATE TEMP TABLE IF NOT EXISTS stage_exposures AS SELECT * FROM event_exposures LIMIT 0;
            CREATE TEMP TABLE IF NOT EXISTS stage_metrics AS SELECT * FROM event_metrics LIMIT 0;
            """);
    }

    public SqlDialect Dialect => DuckDbDialect.Instance;

    public async Task<long> WriteAsync(IReadOnlyList<ParsedBatch> batches, CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            // DuckDB's API is synchronous; the single writer runs on its own thread anyway.
            return Write(batches);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private long Write(IReadOnlyList<ParsedBatch> batches)
    {
        var withRows = batches.Where(b => b.Exposures.Count + b.Metrics.Count > 0).ToList();
        if (withRows.Count == 0) return 0;
        using var transaction = _writer.BeginTransaction();
        var fresh = Claim(transaction, withRows);
        long inserted = 0;
        if (fresh.Count > 0)
        {
            if (_keyedEvents)
            {
                inserted = InsertSkippingKnown(transaction, fresh);
            }
            else
            {
                Append(fresh, "event_exposures", "event_metrics");
                inserted = fresh.Sum(b => (long)b.Exposures.Count + b.Metrics.Count);
            }
        }
        transaction.Commit();
        return inserted;
    }

    /// <summary>Records the batches' keys; returns the batches not stored before (a key repeated in the group counts once).</summary>
    private List<ParsedBatch> Claim(DuckDBTransaction transaction, List<ParsedBatch> batches)
    {
        var unique = new Dictionary<Guid, ParsedBatch>();
        foreach (var batch in batches) unique.TryAdd(batch.Key, batch);
        using var command = _writer.CreateCommand();
        command.Transaction = transaction;
        // Keys are hex UUIDs and counts integers: inlining them is safe and keeps this one statement.
        command.CommandText = "INSERT INTO event_batches (batch_key, received_at, events) VALUES "
            + string.Join(", ", unique.Values.Select(b => string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"('{b.Key:D}', CAST(now() AS TIMESTAMP), {b.Exposures.Count + b.Metrics.Count})")))
            + " ON CONFLICT DO NOTHING RETURNING batch_key";
        var fresh = new List<ParsedBatch>(unique.Count);
        using var reader = command.ExecuteReader();
        while (reader.Read()) fresh.Add(unique[reader.GetGuid(0)]);
        return fresh;
    }

    /// <summary>Tables with the per-event key: stage the rows, then insert only ids the tables do not have (each once).</summary>
    private long InsertSkippingKnown(DuckDBTransaction transaction, List<ParsedBatch> batches)
    {
        Append(batches, "stage_exposures", "stage_metrics");
        try
        {
            using var command = _writer.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT OR IGNORE INTO event_exposures SELECT DISTINCT ON (environment_id, event_id) * FROM stage_exposures";
            long inserted = command.ExecuteNonQuery();
            command.CommandText = "INSERT OR IGNORE INTO event_metrics SELECT DISTINCT ON (environment_id, event_id) * FROM stage_metrics";
            inserted += command.ExecuteNonQuery();
            command.CommandText = "DELETE FROM stage_exposures; DELETE FROM stage_metrics;";
            command.ExecuteNonQuery();
            return inserted;
        }
        catch
        {
            Execute(_writer, "DELETE FROM stage_exposures; DELETE FROM stage_metrics;");
            throw;
        }
    }

    private void Append(List<ParsedBatch> batches, string exposureTable, string metricTable)
    {
        if (batches.Any(b => b.Exposures.Count > 0))
        {
            using var appender = _writer.CreateAppender(exposureTable);
            foreach (var batch in batches)
            {
                foreach (var e in batch.Exposures)
                {
                    appender.CreateRow().AppendValue(e.EnvironmentId).AppendValue(e.EventId).AppendValue(e.Timestamp).AppendValue(e.UnitId)
                        .AppendValue(e.Experiment).AppendValue(e.Variation).AppendValue(e.HashAttribute).AppendValue(e.Feature).EndRow();
                }
            }
        }
        if (batches.Any(b => b.Metrics.Count > 0))
        {
            using var appender = _writer.CreateAppender(metricTable);
            foreach (var batch in batches)
            {
                foreach (var m in batch.Metrics)
                {
                    appender.CreateRow().AppendValue(m.EnvironmentId).AppendValue(m.EventId).AppendValue(m.Timestamp).AppendValue(m.UnitId)
                        .AppendValue(m.Metric).AppendValue(m.Value).EndRow();
                }
            }
        }
    }

    public Task<IReadOnlyList<object?[]>> QueryAsync(string sql, CancellationToken ct)
    {
        using var connection = new DuckDBConnection(_connectionString);
        connection.Open();
        return Task.FromResult<IReadOnlyList<object?[]>>(Read(connection, null, sql));
    }

    public async Task<StateRefresh> RefreshStateAsync(AnalysisState state, CancellationToken ct)
    {
        await _stateGate.WaitAsync(ct);
        try
        {
            using var connection = new DuckDBConnection(_connectionString);
            connection.Open();
            return Refresh(connection, state);
        }
        finally
        {
            _stateGate.Release();
        }
    }

    public async Task<IReadOnlyList<(AnalysisState State, StateRefresh Refresh)>> RefreshRecentAsync(TimeSpan usedWithin, CancellationToken ct)
    {
        IReadOnlyList<string> definitions;
        using (var connection = new DuckDBConnection(_connectionString))
        {
            connection.Open();
            definitions = DuckDbAnalysisState.RecentlyUsed(connection, usedWithin);
        }
        var refreshed = new List<(AnalysisState, StateRefresh)>();
        foreach (var definition in definitions)
        {
            if (AnalysisState.FromDefinition(Dialect, definition) is not { } state) continue;
            await _stateGate.WaitAsync(ct);
            try
            {
                using var connection = new DuckDBConnection(_connectionString);
                connection.Open();
                refreshed.Add((state, Refresh(connection, state, markUsed: false)));
            }
            finally
            {
                _stateGate.Release();
            }
        }
        return refreshed;
    }

    public async Task<IReadOnlyList<IReadOnlyList<object?[]>>?> QueryStateAsync(AnalysisState state, DateTime end, IReadOnlyList<string> queries, CancellationToken ct)
    {
        // One refresh at a time; the reads stay in the gate so no other refresh rewrites the state under them.
        await _stateGate.WaitAsync(ct);
        try
        {
            using var connection = new DuckDBConnection(_connectionString);
            connection.Open();
            // A refresh only moves the state's latest timestamp later, so a cutoff it already misses stays missed: skip
            // the refresh (a scan of the metric table) and let the caller read raw events, which are exact either way.
            using (var check = connection.BeginTransaction())
                if (DuckDbAnalysisState.Covers(connection, check, state, end) == false) return null;
            Refresh(connection, state);
            using var read = connection.BeginTransaction();
            if (DuckDbAnalysisState.Covers(connection, read, state, end) != true) return null;
            var results = new List<IReadOnlyList<object?[]>>(queries.Count);
            foreach (var sql in queries) results.Add(Read(connection, read, sql));
            read.Commit();
            return results;
        }
        finally
        {
            _stateGate.Release();
        }
    }

    private static StateRefresh Refresh(DuckDBConnection connection, AnalysisState state, bool markUsed = true)
    {
        using var transaction = connection.BeginTransaction();
        var refresh = DuckDbAnalysisState.Refresh(connection, transaction, state, markUsed);
        transaction.Commit();
        return refresh;
    }

    internal static List<object?[]> Read(DuckDBConnection connection, DuckDBTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public ValueTask DisposeAsync()
    {
        _stateGate.Dispose();
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
