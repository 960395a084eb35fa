using Microsoft.EntityFrameworkCore;

namespace Stepwise.Data;

public static class DatabaseMigrator
{
    /// <summary>Applies pending migrations; on SQLite also switches the file to write-ahead logging so readers never block the writer.</summary>
    public static async Task MigrateAsync(StepwiseDb db, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
