using Xunit;
using Stepwise.Data;

[assembly: AssemblyFixture(typeof(Stepwise.Server.Tests.Infrastructure.PostgresServer))]

namespace Stepwise.Server.Tests.Infrastructure;

/// <summary>One fresh database per test class, on SQLite (a temp file) or on the run's PostgreSQL server.</summary>
public abstract class DatabaseFixture : IAsyncLifetime
{
    private (DatabaseProvider Provider, string Connection) _database;
    public StepwiseApp App { get; private set; } = default!;
    protected abstract Task<(DatabaseProvider, string)> CreateDatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        var (provider, connection) = _database;
        App = CreateApp(provider, connection);
        _ = App.Server; // start: migrates and creates the first administrator
    }

    /// <summary>The server under test; a fixture overrides it to run the server with different settings.</summary>
    protected virtual StepwiseApp CreateApp(DatabaseProvider provider, string connection) => new(provider, connection);

    /// <summary>Stops the server, then deletes its SQLite file (every SQLite fixture uses a throwaway one in the temp folder).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (App is not null) await App.DisposeAsync();
        }
        finally
        {
            if (_database.Provider == DatabaseProvider.Sqlite && _database.Connection is { } connection)
                TempFiles.DeleteSqliteDatabase(connection);
        }
    }
}

public sealed class SqliteDatabase : DatabaseFixture
{
    protected override Task<(DatabaseProvider, string)> CreateDatabaseAsync()
    {
        return Task.FromResult((DatabaseProvider.Sqlite, ConnectionString()));
    }

    /// <summary>A new throwaway SQLite file in the temp folder; <see cref="DatabaseFixture"/> deletes it on dispose.</summary>
    public static string ConnectionString() => $"Data Source={TempFiles.NewPath("stepwise-test", ".db")}";
}

public sealed class PostgresDatabase(PostgresServer server) : DatabaseFixture
{
    protected override async Task<(DatabaseProvider, string)> CreateDatabaseAsync() => (DatabaseProvider.Postgres, await server.CreateDatabaseAsync());
}
