using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Stepwise.Auditing;
using Stepwise.Data;
using Stepwise.Identity;
using Stepwise.Organization.Demo;
using Xunit;

namespace Stepwise.Tests.Organization.Demo;

/// <summary>A fresh SQLite file database in a temp directory, wired like the server (audit interceptor, Identity stores).</summary>
public sealed class DemoDatabase : IAsyncDisposable
{
    public static readonly DateTimeOffset FixedNow = new(2026, 11, 23, 10, 30, 0, TimeSpan.Zero);

    private readonly string directory;
    private readonly ServiceProvider services;

    private DemoDatabase(DateTimeOffset now)
    {
        // A folder of its own directly in the temp folder: a shared parent folder would be left behind.
        directory = Directory.CreateTempSubdirectory("stepwise-demo-tests-").FullName;
        Time = new FakeTimeProvider(now);
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(directory, "x.db")}" };
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(Time);
        collection.AddSingleton<IAuditActor>(SystemAuditActor.Instance);
        collection.AddScoped<AuditingInterceptor>();
        collection.AddDbContext<StepwiseDb>((sp, db) =>
        {
            DataServiceCollectionExtensions.Configure(db, options);
            db.AddInterceptors(sp.GetRequiredService<AuditingInterceptor>());
        });
        collection.AddIdentityCore<StepwiseUser>().AddRoles<StepwiseRole>().AddEntityFrameworkStores<StepwiseDb>();
        collection.AddScoped<DemoOrganization>();
        services = collection.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; }

    public static async Task<DemoDatabase> CreateAsync(DateTimeOffset? now = null)
    {
        var database = new DemoDatabase(now ?? FixedNow);
        try
        {
            await using var scope = database.services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<StepwiseDb>().Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
            return database;
        }
        catch
        {
            await database.DisposeAsync();   // its folder goes too
            throw;
        }
    }

    public AsyncServiceScope Scope() => services.CreateAsyncScope();

    /// <summary>Seeds in a scope of its own, as the server does, and reports how long it took.</summary>
    public async Task<(DemoSeedResult Result, TimeSpan Elapsed)> SeedAsync()
    {
        await using var scope = Scope();
        var demo = scope.ServiceProvider.GetRequiredService<DemoOrganization>();
        var watch = Stopwatch.StartNew();
        var result = await demo.SeedAsync(TestContext.Current.CancellationToken);
        return (result, watch.Elapsed);
    }

    public async Task<T> ReadAsync<T>(Func<StepwiseDb, Task<T>> read)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        return await read(db);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
