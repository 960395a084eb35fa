using Xunit;
using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Stepwise.Data;
using Stepwise.Identity;

namespace Stepwise.Server.Tests.Infrastructure;

/// <summary>The real server in-process, on a fresh database of the chosen provider. The first administrator comes from settings, as in production.</summary>
public class StepwiseApp(DatabaseProvider provider, string connectionString) : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@test.example";
    public const string AdminPassword = "admin-password-for-tests";

    // Every host built from this factory (including WithWebHostBuilder variants) gets its own event store file.
    private readonly ConcurrentQueue<string> _eventStores = new();

    public DatabaseProvider Provider { get; } = provider;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("Database:ConnectionString", connectionString);
        builder.UseSetting(global::Stepwise.Server.Hosting.FirstRun.AdminEmailKey, AdminEmail);
        builder.UseSetting(global::Stepwise.Server.Hosting.FirstRun.AdminPasswordKey, AdminPassword);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Each app its own event store file: DuckDB allows one process per file, and tests must not share events.
        var eventStore = TempFiles.NewPath("stepwise-events", ".duckdb");
        _eventStores.Enqueue(eventStore);
        builder.UseSetting("Events:DuckDbPath", eventStore);
    }

    /// <summary>Stops the server (and the derived factories), then deletes the event store files it used.</summary>
    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            while (_eventStores.TryDequeue(out var eventStore)) TempFiles.DeleteDuckDbDatabase(eventStore);
        }
    }

    /// <summary>Creates an account with the given roles (and optional linked person) and returns a client authenticated by its access token.</summary>
    public async Task<HttpClient> ClientForAsync(string email, Guid? personId = null, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StepwiseUser>>();
        var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new StepwiseUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, PersonId = personId };
            var created = await users.CreateAsync(user, "a-long-test-password");
            if (!created.Succeeded) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
            if (roles.Length > 0) await users.AddToRolesAsync(user, roles);
        }
        var secret = PersonalAccessToken.NewSecret();
        db.AccessTokens.Add(new PersonalAccessToken
        {
            Id = Guid.NewGuid(), UserId = user.Id, Name = "test", Hash = PersonalAccessToken.HashSecret(secret), Hint = secret[..10],
            CreatedAt = TimeProvider.System.GetUtcNow(),
        });
        await db.SaveChangesAsync();
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public Task<HttpClient> AdminAsync() => ClientForAsync(AdminEmail);

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}
