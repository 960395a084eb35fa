using Npgsql;

namespace Stepwise.Data.Bulk;

/// <summary>Streams rows with <c>COPY … FROM STDIN (FORMAT BINARY)</c>, PostgreSQL's bulk-load path.</summary>
internal static class PostgresCopy
{
    public static async Task WriteAsync(NpgsqlConnection connection, BulkTable table, IEnumerable<object> rows, CancellationToken ct)
    {
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {table.Name} ({table.ColumnList}) FROM STDIN (FORMAT BINARY)", ct);
        // Binary COPY carries no type information, so each value is written as its column's store type.
        var types = table.Columns.Select(c => c.Mapping.StoreTypeNameBase).ToArray();
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            for (var i = 0; i < types.Length; i++)
            {
                var value = table.Columns[i].ValueOf(row);
                if (value is DBNull) await importer.WriteNullAsync(ct);
                else await importer.WriteAsync(value, types[i], ct);
            }
        }
        await importer.CompleteAsync(ct);
    }
}
