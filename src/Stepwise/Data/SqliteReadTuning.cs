using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Stepwise.Data;

/// <summary>
/// Gives every SQLite connection a page cache and a memory map large enough for the reports' working set. SQLite's
/// default cache is 2 MB per connection, so a report over 20,000 people re-read most of its pages through system calls on
/// every run; pooled connections keep the larger cache warm between requests. Durability settings are left alone.
/// </summary>
public sealed class SqliteReadTuning : DbConnectionInterceptor
{
    public static readonly SqliteReadTuning Instance = new();

    // Negative cache_size is in KiB: 64 MB. mmap_size is an upper bound; the map only covers what the file holds.
    private const string Pragmas = "PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
