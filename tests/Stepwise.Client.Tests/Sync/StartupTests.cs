using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Stepwise.Client.Tests.Infrastructure;

namespace Stepwise.Client.Tests.Sync;

public sealed class StartupTests
{
    [Fact]
    public async Task StartAsync_ServerNeverAnswers_ReturnsAfterStartupTimeout()
    {
        await using var server = await StubServer.StartAsync(TestPayloads.Simple(true));
        server.HangPayload = true;
        await using var client = new StepwiseClient(server.Options(o =>
        {
            o.StartupTimeout = TimeSpan.FromMilliseconds(300);
            o.Streaming = false;
        }));

        var clock = Stopwatch.StartNew();
        await client.StartAsync();

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
        Assert.False(client.IsOn("checkout"));
        Assert.True(client.Status.IsStale);
        Assert.Equal(PayloadOrigin.None, client.Status.Origin);
        Assert.Contains("startup timeout", client.Status.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_FakeClock_CompletesExactlyWhenTheTimeoutElapses()
    {
        await using var server = await StubServer.StartAsync(TestPayloads.Simple(true));
        server.HangPayload = true;
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var client = new StepwiseClient(server.Options(o => o.Streaming = false), timeProvider: time);

        var start = client.StartAsync();
        await Eventually.True(() => server.PayloadRequests == 1, "the startup fetch reached the server");
        await Task.Delay(100);
        Assert.False(start.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));

        await start.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(client.Status.IsStale);
    }

    [Fact]
    public async Task StartAsync_ServerUp_ServesPayloadAndIsFresh()
    {
        await using var server = await StubServer.StartAsync(TestPayloads.Simple(true, banner: "hi"));
        await using var client = new StepwiseClient(server.Options(o => o.Streaming = false));

        await client.StartAsync();

        Assert.True(client.IsOn("checkout"));
        Assert.Equal("hi", client.GetString("banner", null, "default"));
        var status = client.Status;
        Assert.Equal(PayloadOrigin.Server, status.Origin);
        Assert.False(status.IsStale);
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), status.PayloadDateUpdated);
        Assert.Equal(2, status.FeatureCount);
    }

    [Fact]
    public async Task StartAsync_UnknownClientKey_DefaultsAndReportsTheError()
    {
        await using var server = await StubServer.StartAsync(TestPayloads.Simple(true));
        await using var client = new StepwiseClient(server.Options(o =>
        {
            o.ClientKey = "wrong";
            o.Streaming = false;
        }));

        await client.StartAsync();

        Assert.False(client.IsOn("checkout"));
        Assert.Contains("404", client.Status.LastError, StringComparison.Ordinal);
    }
}
