using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Stepwise.Auditing;

namespace Stepwise.Data;

public static class DataServiceCollectionExtensions
{
    public const string SqliteMigrationsAssembly = "Stepwise.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Stepwise.Migrations.Postgres";

    /// <summary>Registers <see cref="StepwiseDb"/> on the configured provider with the audit interceptor.</summary>
    public static IServiceCollection AddStepwiseData(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);
        services.AddScoped<AuditingInterceptor>();
        services.AddDbContext<StepwiseDb>((sp, db) =>
        {
            Configure(db, options);
            db.AddInterceptors(sp.GetRequiredService<AuditingInterceptor>());
            // Delivery registers this when the server hosts it; tools that only touch the database run without it.
            if (sp.GetService<Delivery.Payload.DeliveryChangeInterceptor>() is { } delivery) db.AddInterceptors(delivery);
        });
        return services;
    }

    /// <summary>Points a context at the configured provider; also used by the design-time factories and tests.</summary>
    public static void Configure(DbContextOptionsBuilder db, DatabaseOptions options)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Postgres:
                var pg = options.ConnectionString
                    ?? throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is Postgres.");
                db.UseNpgsql(pg, o => o.MigrationsAssembly(PostgresMigrationsAssembly));
                break;
            default:
                db.UseSqlite(SqliteConnectionFor(options), o => o.MigrationsAssembly(SqliteMigrationsAssembly));
                db.AddInterceptors(SqliteReadTuning.Instance);
                break;
        }
    }

    private static string SqliteConnectionFor(DatabaseOptions options)
    {
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(options.ConnectionString) ? DatabaseOptions.DefaultSqliteConnection : options.ConnectionString);
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        builder.Pooling = true;
        return builder.ToString();
    }
}
