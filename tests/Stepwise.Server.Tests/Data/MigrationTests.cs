using Xunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stepwise.Auditing;
using Stepwise.Data;
using Stepwise.Server.Tests.Infrastructure;

namespace Stepwise.Server.Tests.Data;

public abstract class MigrationTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    [Fact]
    public async Task Model_HasNoChangesWithoutAMigration()
    {
        await using var scope = database.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes with no migration for {db.Database.ProviderName}. Add one to both Stepwise.Migrations.Sqlite and Stepwise.Migrations.Postgres.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task AuditLog_RefusesUpdateAndDelete_InTheDatabase()
    {
        var admin = await database.App.AdminAsync();
        await admin.PostOkAsync("/api/tokens", new { name = "audited" });
        await using var scope = database.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
        var count = await db.AuditLog.CountAsync();
        Assert.True(count > 0);
        await Assert.ThrowsAnyAsync<Exception>(() => db.AuditLog.ExecuteUpdateAsync(s => s.SetProperty(e => e.ActorName, "someone else")));
        await Assert.ThrowsAnyAsync<Exception>(() => db.AuditLog.ExecuteDeleteAsync());
        Assert.Equal(count, await db.AuditLog.CountAsync());
        Assert.DoesNotContain(await db.AuditLog.Select(e => e.ActorName).ToListAsync(), n => n == "someone else");
    }
}

public sealed class MigrationTests_Sqlite(SqliteDatabase db) : MigrationTests<SqliteDatabase>(db);

public sealed class MigrationTests_Postgres(PostgresDatabase db) : MigrationTests<PostgresDatabase>(db);
