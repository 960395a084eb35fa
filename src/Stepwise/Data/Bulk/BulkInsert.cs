using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Stepwise.Data.Bulk;

/// <summary>
/// Inserts many new rows of one entity type without the change tracker: on SQLite one prepared INSERT reused for every row,
/// on PostgreSQL a binary COPY. SaveChanges spends most of a large import on per-entity bookkeeping; this spends it on the rows.
/// </summary>
/// <remarks>Runs in the context's current transaction, which the caller must have begun, so it stays all-or-nothing with the
/// rest of the write. It does not audit: the caller writes the audit entries (see <see cref="Auditing.InsertAudit"/>).</remarks>
public static class BulkInsert
{
    public static async Task BulkInsertAsync<T>(this DbContext db, IEnumerable<T> rows, CancellationToken ct) where T : class
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts must run inside a transaction.");
        using var row = rows.GetEnumerator();
        if (!row.MoveNext()) return;
        var table = BulkTable.For(db, typeof(T), row.Current);
        if (transaction.Connection is NpgsqlConnection postgres)
            await PostgresCopy.WriteAsync(postgres, table, Rest(row), ct);
        else
            await PreparedInsert.WriteAsync(transaction, table, Rest(row), ct);
    }

    // The enumerator already stands on the first row, which decided the columns.
    private static IEnumerable<object> Rest<T>(IEnumerator<T> row) where T : class
    {
        do yield return row.Current;
        while (row.MoveNext());
    }
}
