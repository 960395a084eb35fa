// A minimal ASP.NET Core app whose endpoints are gated by Stepwise flags through Microsoft.FeatureManagement.
// It starts from stepwise-snapshot.json when the Stepwise server is down, and keeps that file current when it is up.
// Try: dotnet run --project samples/Stepwise.Sample.Web, then curl -H "X-Demo-User: u-42" http://localhost:5000/checkout
using Microsoft.AspNetCore.Authentication;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.AspNetCore;
using Stepwise.Client;
using Stepwise.Client.DependencyInjection;
using Stepwise.Client.FeatureManagement;
using Stepwise.Sample.Web;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddStepwise(options =>
{
    builder.Configuration.GetSection("Stepwise").Bind(options);
    if (options.SnapshotPath is { } snapshot)
    {
        options.SnapshotPath = Path.Combine(builder.Environment.ContentRootPath, snapshot);
    }
});
builder.Services.AddStepwiseFeatureManagement();
builder.Services.AddAuthentication(DemoUserAuthentication.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, DemoUserAuthentication>(DemoUserAuthentication.SchemeName, null);
builder.Services.AddControllers();

var app = builder.Build();
app.UseAuthentication();
app.MapControllers();

// The experiment's variant for the current user: name = Stepwise variation key, configuration = variation value.
app.MapGet("/button", async (IVariantFeatureManager features, CancellationToken cancellationToken) =>
{
    var variant = await features.GetVariantAsync("checkout-button", cancellationToken);
    return Results.Ok(new { variant = variant?.Name, color = variant?.Configuration?.Value });
});

// Minimal-API gate: 404 unless the flag is on for the current user.
app.MapGet("/beta", () => "Welcome to the beta.").WithFeatureGate("beta-banner");

app.MapGet("/stepwise/status", (IStepwiseClient stepwise) => Results.Ok(new { stepwise.Status, stepwise.EventStatistics }));

app.Run();

/// <summary>Entry point, visible to the integration tests.</summary>
public partial class Program;
