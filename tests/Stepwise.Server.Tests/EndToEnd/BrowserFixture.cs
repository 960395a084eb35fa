using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Stepwise.Data;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;

namespace Stepwise.Server.Tests.EndToEnd;

/// <summary>The demo server on a real loopback port, driven by the machine's headless Chromium (never a downloaded browser).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private readonly string _database = $"Data Source={TempFiles.NewPath("stepwise-e2e", ".db")}";
    private DemoApp? _app;
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = default!;
    public string BaseUrl { get; private set; } = "";
    /// <summary>The demo server's services, for tests that look up demo data (accounts, ids).</summary>
    public IServiceProvider Services => _app!.Services;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing; scripts/test.sh installs Debian's chromium package.");
        _app = new DemoApp(_database);
        _app.UseKestrel(0);
        _app.StartServer();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> SignedInPageAsync(string email = "admin@acme.example")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("stepwise-demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Generous: the first sign-in after start can wait on the demo's seeding on a loaded two-core CI machine.
        await page.WaitForURLAsync(BaseUrl.TrimEnd('/') + "/", new() { Timeout = 90_000 });
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Browser is not null) await Browser.DisposeAsync();
            _playwright?.Dispose();
            if (_app is not null) await _app.DisposeAsync();
        }
        finally
        {
            TempFiles.DeleteSqliteDatabase(_database);
        }
    }

    private sealed class DemoApp(string connection) : StepwiseApp(DatabaseProvider.Sqlite, connection)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Stepwise:Demo", "true");
        }
    }
}
