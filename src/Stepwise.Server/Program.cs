using Stepwise.Careers.Compensation.Api;
using Stepwise.Careers.Steps.Api;
using Stepwise.Careers.Reports.Api;
using Stepwise.Careers.Simulations.Api;
using Stepwise.Careers.Surveys.Api;
using Stepwise.Careers.Cycles.Api;
using Stepwise.Delivery.Api;
using Stepwise.Delivery.Lifecycle.Api;
using Stepwise.Delivery.Ofrep;
using Stepwise.Delivery.Payload;
using Stepwise.Auditing;
using Stepwise.Careers.Framework.Api;
using Stepwise.Governance.Api;
using Stepwise.Events.Api;
using Stepwise.Guard.Api;
using Stepwise.Identity;
using Stepwise.Learn.Api;
using Stepwise.Notifications.Api;
using Stepwise.Align.Api;
using Stepwise.Organization;
using Stepwise.Server.Components;
using Stepwise.Server.Hosting;

var launch = LaunchOptions.Parse(args);
var builder = WebApplication.CreateBuilder(launch.HostArgs);
builder.AddStepwise(launch);

var app = builder.Build();
app.UseStepwisePipeline();

app.MapHealthEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapOrganizationApi();
app.MapIdentityApi();
app.MapAuditApi();
app.MapDeliveryApi();
app.MapLifecycleApi();
app.MapPayloadApi();
app.MapOfrepApi();
app.MapGovernanceApi();
app.MapCareerFrameworkApi();
app.MapStepsApi();
app.MapCareerReportsApi();
app.MapSimulationsApi();
app.MapCompensationApi();
app.MapSurveysApi();
app.MapCyclesApi();
app.MapLearnApi();
app.MapEventsApi();
app.MapMetricsApi();
app.MapGuardApi();
app.MapNotificationsApi();
app.MapAlignApi();
app.MapAccountEndpoints();
app.MapStaticAssets().AllowAnonymous();
app.MapRazorComponents<App>();
if (app.Configuration.GetValue<bool>("Bench:TrivialEndpoint"))
{
    // The ceiling for load tests (bench/ofrep-load.sh): the same pipeline with no work behind it. Off unless asked for.
    app.MapGet("/bench/json", () => Results.Json(new { ok = true })).AllowAnonymous();
}

if (launch.Command == LaunchCommand.Migrate)
{
    await app.MigrateDatabaseAsync();
    return;
}
await app.PrepareAsync(launch);
await app.RunAsync();

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
