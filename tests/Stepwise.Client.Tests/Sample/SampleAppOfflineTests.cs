using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Stepwise.Client.Tests.Infrastructure;

namespace Stepwise.Client.Tests.Sample;

/// <summary>The sample app with the Stepwise server unreachable: it must run on its snapshot file and say it is stale.</summary>
public sealed class SampleAppOfflineTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("stepwise-sample-").FullName;
    private WebApplicationFactory<Program> _app = null!;

    public ValueTask InitializeAsync()
    {
        var snapshot = Path.Combine(_directory, "stepwise-snapshot.json");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "stepwise-snapshot.json"), snapshot);
        _app = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web.ConfigureAppConfiguration(config =>
            config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Stepwise:BaseUrl"] = $"http://127.0.0.1:{Eventually.ClosedPort()}/",
                ["Stepwise:SnapshotPath"] = snapshot,
                ["Stepwise:StartupTimeout"] = "00:00:02",
                // The unreachable server is the point of the test; its connection warnings are noise here.
                ["Logging:LogLevel:Default"] = "Error",
            })));
        return ValueTask.CompletedTask;
    }

    private HttpClient As(string? user)
    {
        var client = _app.CreateClient();
        if (user is not null)
        {
            client.DefaultRequestHeaders.Add("X-Demo-User", user);
        }
        return client;
    }

    [Fact]
    public async Task FeatureGateOnControllerAction_ServerDown_GatesFromSnapshot()
    {
        Assert.Equal(HttpStatusCode.OK, (await As("u-42").GetAsync("/checkout")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await As(null).GetAsync("/checkout")).StatusCode);
    }

    [Fact]
    public async Task EndpointFeatureGate_ServerDown_TargetsUsersFromSnapshot()
    {
        Assert.Equal(HttpStatusCode.OK, (await As("u-42").GetAsync("/beta")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await As("u-1").GetAsync("/beta")).StatusCode);
    }

    [Fact]
    public async Task VariantEndpoint_ServerDown_ReturnsStepwiseAssignedVariation()
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < 40; i++)
        {
            var body = JsonDocument.Parse(await As($"u-{i}").GetStringAsync("/button")).RootElement;
            var variant = body.GetProperty("variant").GetString()!;
            var color = body.GetProperty("color").GetString();
            Assert.Equal(variant == "control" ? "blue" : "green", color);
            seen.Add(variant);
        }
        Assert.Equal(["control", "treatment"], seen.Order());
    }

    [Fact]
    public async Task Status_ServerDown_ReportsSnapshotAndStale()
    {
        var body = JsonDocument.Parse(await As(null).GetStringAsync("/stepwise/status")).RootElement;
        Assert.True(body.GetProperty("status").GetProperty("isStale").GetBoolean());

        var status = _app.Services.GetRequiredService<IStepwiseClient>().Status;
        Assert.Equal(PayloadOrigin.Snapshot, status.Origin);
        Assert.True(status.IsStale);
        Assert.NotNull(status.LastError);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
