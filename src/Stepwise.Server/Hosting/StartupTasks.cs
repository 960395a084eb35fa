using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Stepwise.Careers.Framework;
using Stepwise.Careers.Framework.Demo;
using Stepwise.Data;
using Stepwise.Delivery;
using Stepwise.Delivery.Demo;
using Stepwise.Learn.Demo;
using Stepwise.Organization.Demo;

namespace Stepwise.Server.Hosting;

public static class StartupTasks
{
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
        // Migrate() also compares the model with the migrations' snapshot and takes a lock on every start (0.1-0.2 s of
        // CPU here); listing what is pending is enough to learn that there is nothing to do.
        if (!(await db.Database.GetPendingMigrationsAsync()).Any())
        {
            app.Logger.LogInformation("Database up to date ({Provider})", db.Database.ProviderName);
            return;
        }
        await DatabaseMigrator.MigrateAsync(db);
        app.Logger.LogInformation("Database migrated ({Provider})", db.Database.ProviderName);
    }

    /// <summary>Migrates, makes sure someone can sign in, and seeds the demo organization when asked: all before the server listens,
    /// so /health/ready never answers for a half-prepared database.</summary>
    public static async Task PrepareAsync(this WebApplication app, LaunchOptions launch)
    {
        await app.MigrateDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var firstRun = scope.ServiceProvider.GetRequiredService<FirstRun>();
        await firstRun.EnsureRolesAsync();
        if (launch.Demo || app.Configuration.GetValue<bool>("Stepwise:Demo"))
        {
            var demo = ActivatorUtilities.CreateInstance<DemoOrganization>(scope.ServiceProvider);
            var seeded = await demo.SeedAsync(app.Lifetime.ApplicationStopping);
            await ActivatorUtilities.CreateInstance<DemoDelivery>(scope.ServiceProvider).SeedAsync(app.Lifetime.ApplicationStopping);
            await ActivatorUtilities.CreateInstance<DemoLifecycle>(scope.ServiceProvider).SeedAsync(app.Lifetime.ApplicationStopping);
            await ActivatorUtilities.CreateInstance<DemoFramework>(scope.ServiceProvider).SeedAsync(app.Lifetime.ApplicationStopping);
            await ActivatorUtilities.CreateInstance<Stepwise.Careers.Steps.Demo.DemoCareerRecords>(scope.ServiceProvider).SeedAsync(app.Lifetime.ApplicationStopping);
            await ActivatorUtilities.CreateInstance<Stepwise.Careers.Cycles.Demo.DemoCycles>(scope.ServiceProvider).SeedAsync(app.Lifetime.ApplicationStopping);
            await ActivatorUtilities.CreateInstance<Stepwise.Careers.Simulations.Demo.DemoSimulation>(scope.ServiceProvider).SeedAsync(app.Lifetime.ApplicationStopping);
            await ActivatorUtilities.CreateInstance<DemoLearn>(scope.ServiceProvider).SeedAsync(app.Lifetime.ApplicationStopping);
            await ActivatorUtilities.CreateInstance<Stepwise.Events.Demo.DemoEvents>(scope.ServiceProvider).SeedAsync(app.Lifetime.ApplicationStopping);
            await ActivatorUtilities.CreateInstance<Stepwise.Guard.Demo.DemoGuardedRollouts>(scope.ServiceProvider).SeedAsync(app.Lifetime.ApplicationStopping);
            await ActivatorUtilities.CreateInstance<Stepwise.Align.Demo.DemoAlign>(scope.ServiceProvider).SeedAsync(app.Lifetime.ApplicationStopping);
            await ActivatorUtilities.CreateInstance<Stepwise.Align.Demo.DemoRfcs>(scope.ServiceProvider).SeedAsync(app.Lifetime.ApplicationStopping);
            await ActivatorUtilities.CreateInstance<Stepwise.Align.Demo.DemoDuhbs>(scope.ServiceProvider).SeedAsync(app.Lifetime.ApplicationStopping);
            app.Lifetime.ApplicationStarted.Register(() => PrintDemoBanner(app, seeded));
        }
        else
        {
            await firstRun.EnsureAdministratorAsync(Console.Out);
            await DeliverySetup.EnsureEnvironmentsAsync(scope.ServiceProvider.GetRequiredService<StepwiseDb>(), scope.ServiceProvider.GetRequiredService<TimeProvider>(), ct: app.Lifetime.ApplicationStopping);
            await scope.ServiceProvider.GetRequiredService<FrameworkCatalog>().EnsureDefaultAsync(app.Lifetime.ApplicationStopping);
        }
    }

    private static void PrintDemoBanner(WebApplication app, DemoSeedResult seeded)
    {
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
        var lines = seeded.Accounts.Select(a => $"    {a.Email,-32} {a.Password,-16} {a.Description}");
        Console.Out.WriteLine($"""

              Stepwise demo is running at {url}
              {(seeded.Seeded ? "The demo organization was just created." : "The demo organization was already there.")}
              Sign in with one of:
            {string.Join(Environment.NewLine, lines)}
              SDK client key (production): {DemoDelivery.ProductionKey}   payload: {url}/api/features/{DemoDelivery.ProductionKey}

            """);
    }
}
