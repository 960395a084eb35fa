using Xunit;
using Stepwise.Data;

[assembly: AssemblyFixture(typeof(Stepwise.Server.Tests.Infrastructure.PostgresServer))]

namespace Stepwise.Server.Tests.Infrastructure;

/// <summary>One fresh database per test class, on SQLite (a temp file) or on the run's PostgreSQL server.</summary>
public abstract class DatabaseFixture : IAsyncLifetime
{
    public StepwiseApp App { get; private set; } = default!;
    protected abstract Task<(DatabaseProvider, string)> CreateDatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        var (provider, connection) = await CreateDatabaseAsync();
        App = CreateApp(provider, connection);
        _ = App.Server; // start: migrates and creates the first administrator
    }

    /// <summary>The server under test; a fixture overrides it to run the server with different settings.</summary>
    protected virtual StepwiseApp CreateApp(DatabaseProvider provider, string connection) => new(provider, connection);

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

public sealed class SqliteDatabase : DatabaseFixture
{
    protected override Task<(DatabaseProvider, string)> CreateDatabaseAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"stepwise-test-{Guid.NewGuid():N}.db");
        return Task.FromResult((DatabaseProvider.Sqlite, $"Data Source={path}"));
    }
}

public sealed class PostgresDatabase(PostgresServer server) : DatabaseFixture
{
    protected override async Task<(DatabaseProvider, string)> CreateDatabaseAsync() => (DatabaseProvider.Postgres, await server.CreateDatabaseAsync());
}
