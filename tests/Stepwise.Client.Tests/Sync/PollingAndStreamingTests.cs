using Stepwise.Client.Tests.Infrastructure;

namespace Stepwise.Client.Tests.Sync;

public sealed class PollingAndStreamingTests
{
    private static readonly TimeSpan FastPoll = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Polling_UnchangedPayload_ConditionalRequestsAnswered304()
    {
        await using var server = await StubServer.StartAsync(TestPayloads.Simple(true));
        await using var client = new StepwiseClient(server.Options(o =>
        {
            o.Streaming = false;
            o.PollInterval = FastPoll;
        }));
        var changes = 0;
        client.PayloadChanged += (_, _) => Interlocked.Increment(ref changes);

        await client.StartAsync();
        await Eventually.True(() => server.NotModifiedResponses >= 3, "polls were answered 304");

        Assert.Equal(1, changes);
        Assert.Equal(server.PayloadRequests - 1, server.ConditionalRequests, tolerance: 1);
        Assert.False(client.Status.IsStale);
        Assert.Equal(SyncMode.Polling, client.Status.Mode);
    }

    [Fact]
    public async Task Polling_PayloadChanges_NewValueServed()
    {
        await using var server = await StubServer.StartAsync(TestPayloads.Simple(true));
        await using var client = new StepwiseClient(server.Options(o =>
        {
            o.Streaming = false;
            o.PollInterval = FastPoll;
        }));
        await client.StartAsync();

        server.SetPayload(TestPayloads.Simple(false), push: false);

        await Eventually.True(() => !client.IsOn("checkout"), "the poll picked up the change");
    }

    [Fact]
    public async Task Stream_ServerPublishesChange_AppliedWithoutPolling()
    {
        await using var server = await StubServer.StartAsync(TestPayloads.Simple(true));
        await using var client = new StepwiseClient(server.Options(o => o.PollInterval = TimeSpan.FromHours(1)));
        await client.StartAsync();
        await Eventually.True(() => client.Status.Mode == SyncMode.Streaming, "the stream connected");

        server.SetPayload(TestPayloads.Simple(false, banner: "streamed"));

        await Eventually.True(() => client.GetString("banner", null, "") == "streamed", "the stream event was applied");
        Assert.False(client.IsOn("checkout"));
        Assert.Equal(1, server.PayloadRequests);
    }

    [Fact]
    public async Task Stream_Drops_FallsBackToPollingThenReconnects()
    {
        await using var server = await StubServer.StartAsync(TestPayloads.Simple(true));
        await using var client = new StepwiseClient(server.Options(o =>
        {
            o.PollInterval = FastPoll;
            o.StreamReconnectDelay = TimeSpan.FromMilliseconds(200);
            o.StreamReconnectMaxDelay = TimeSpan.FromMilliseconds(400);
        }));
        await client.StartAsync();
        await Eventually.True(() => server.OpenStreams == 1, "the stream connected");

        server.StreamUnavailable = true;
        server.DropStreams();
        await Eventually.True(() => client.Status.Mode == SyncMode.Polling, "the client fell back to polling");
        server.SetPayload(TestPayloads.Simple(false), push: false);
        await Eventually.True(() => !client.IsOn("checkout"), "polling picked up the change while the stream was down");

        server.StreamUnavailable = false;
        await Eventually.True(() => client.Status.Mode == SyncMode.Streaming && server.OpenStreams == 1, "the stream reconnected");
        Assert.True(server.StreamConnections >= 2);
        server.SetPayload(TestPayloads.Simple(true, banner: "after reconnect"));
        await Eventually.True(() => client.GetString("banner", null, "") == "after reconnect", "the new stream delivers updates");
    }

    [Fact]
    public async Task Stream_SilentLongerThanIdleTimeout_Reconnects()
    {
        await using var server = await StubServer.StartAsync(TestPayloads.Simple(true));
        await using var client = new StepwiseClient(server.Options(o =>
        {
            o.StreamIdleTimeout = TimeSpan.FromMilliseconds(300);
            o.StreamReconnectDelay = TimeSpan.FromMilliseconds(50);
        }));
        await client.StartAsync();

        await Eventually.True(() => server.StreamConnections >= 2, "a silent stream was abandoned and reopened");
    }

    [Fact]
    public async Task Stream_Heartbeats_KeepTheConnection()
    {
        await using var server = await StubServer.StartAsync(TestPayloads.Simple(true));
        await using var client = new StepwiseClient(server.Options(o => o.StreamIdleTimeout = TimeSpan.FromMilliseconds(500)));
        await client.StartAsync();
        await Eventually.True(() => server.OpenStreams == 1, "the stream connected");

        for (var i = 0; i < 10; i++)
        {
            server.Ping();
            await Task.Delay(100);
        }

        Assert.Equal(1, server.StreamConnections);
        Assert.False(client.Status.IsStale);
    }

    [Fact]
    public async Task Stream_MalformedPayload_PreviousPayloadKept()
    {
        await using var server = await StubServer.StartAsync(TestPayloads.Simple(true, banner: "good"));
        await using var client = new StepwiseClient(server.Options(o => o.PollInterval = TimeSpan.FromHours(1)));
        await client.StartAsync();
        await Eventually.True(() => server.OpenStreams == 1, "the stream connected");

        server.Publish("{\"features\": ");
        server.Publish("[1,2,3]");
        server.Publish("{\"status\":200}");
        await Eventually.True(() => client.Status.LastError?.Contains("rejected", StringComparison.Ordinal) == true, "the bad payloads were rejected");

        Assert.Equal("good", client.GetString("banner", null, ""));
        Assert.True(client.IsOn("checkout"));
        Assert.True(client.Status.IsStale);
        server.SetPayload(TestPayloads.Simple(true, banner: "fixed"));
        await Eventually.True(() => client.GetString("banner", null, "") == "fixed", "a good payload is applied again");
        Assert.False(client.Status.IsStale);
    }

    [Fact]
    public async Task ServerGoesAway_LastKnownPayloadServedAndReportedStale()
    {
        var server = await StubServer.StartAsync(TestPayloads.Simple(true, banner: "last known"));
        await using var client = new StepwiseClient(server.Options(o =>
        {
            o.PollInterval = FastPoll;
            o.StreamReconnectDelay = TimeSpan.FromMilliseconds(100);
        }));
        await client.StartAsync();
        Assert.False(client.Status.IsStale);

        await server.DisposeAsync();

        await Eventually.True(() => client.Status.IsStale, "the client noticed the outage");
        Assert.True(client.IsOn("checkout"));
        Assert.Equal("last known", client.GetString("banner", null, ""));
        Assert.Equal(PayloadOrigin.Server, client.Status.Origin);
        Assert.NotNull(client.Status.LastError);
    }
}
