using System.Data.Common;

namespace Stepwise.Data.Bulk;

/// <summary>One INSERT prepared once and executed per row: SQLite has no bulk-load statement, but a reused statement in one
/// transaction is what it is fastest at.</summary>
internal static class PreparedInsert
{
    public static async Task WriteAsync(DbTransaction transaction, BulkTable table, IEnumerable<object> rows, CancellationToken ct)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table.Name} ({table.ColumnList}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"@p{i}"))})";
        // Created through the type mappings so each parameter is typed as SaveChanges would type it.
        var parameters = table.Columns.Select((c, i) => c.Mapping.CreateParameter(command, $"@p{i}", null, nullable: true)).ToArray();
        command.Parameters.AddRange(parameters);
        await command.PrepareAsync(ct);
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            for (var i = 0; i < parameters.Length; i++) parameters[i].Value = table.Columns[i].ValueOf(row);
            // Synchronous on purpose: SQLite has no asynchronous I/O, the async variant only adds a task per row.
            command.ExecuteNonQuery();
        }
    }
}
