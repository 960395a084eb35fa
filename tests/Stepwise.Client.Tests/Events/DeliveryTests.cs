using System.Net;
using Stepwise.Client.Tests.Infrastructure;

namespace Stepwise.Client.Tests.Events;

public sealed class DeliveryTests
{
    private static void AssertBalanced(EventDeliveryStatistics s) =>
        Assert.Equal(s.Enqueued, s.Delivered + s.RejectedByServer + s.DroppedAfterRetries + s.DroppedAtShutdown + s.Pending);

    [Fact]
    public async Task Batches_25EventsBatchSize10_SentAs10And10And5()
    {
        var setup = new EventClientFactory();
        await using var client = setup.Create(o => o.EventBatchSize = 10);
        for (var i = 0; i < 25; i++)
        {
            client.Track($"u-{i}", "clicks", i);
        }

        await client.StartAsync();
        await Eventually.True(() => client.EventStatistics.Delivered == 25, "all events delivered");

        Assert.Equal([10, 10, 5], setup.Handler.Requests.Select(r => r.Events.Length));
        Assert.Equal(Enumerable.Range(0, 25).Select(i => (double)i), setup.Handler.EventsSent.Select(e => e.GetProperty("value").GetDouble()));
    }

    [Fact]
    public async Task Batches_PartialBatch_SentAfterFlushInterval()
    {
        var setup = new EventClientFactory();
        await using var client = setup.Create(o => o.EventFlushInterval = TimeSpan.FromSeconds(5));
        await client.StartAsync();
        client.Track("u-1", "clicks");
        await Task.Delay(100);
        Assert.Empty(setup.Handler.Requests);

        setup.Time.Advance(TimeSpan.FromSeconds(5));

        await Eventually.True(() => setup.Handler.Requests.Count == 1, "the partial batch was flushed");
    }

    [Fact]
    public async Task Buffer_Overflow_DroppedEventsCountedExactly()
    {
        var setup = new EventClientFactory();
        await using var client = setup.Create(o => o.EventBufferCapacity = 10);

        for (var i = 0; i < 25; i++)
        {
            client.Track($"u-{i}", "clicks");
        }
        var stats = client.EventStatistics;
        Assert.Equal(10, stats.Enqueued);
        Assert.Equal(15, stats.DroppedBufferFull);
        Assert.Equal(10, stats.Pending);

        await client.FlushEventsAsync();
        stats = client.EventStatistics;
        Assert.Equal(10, stats.Delivered);
        Assert.Equal(0, stats.Pending);
        AssertBalanced(stats);
    }

    [Fact]
    public async Task Buffer_ConcurrentProducers_EveryEventAccountedFor()
    {
        var setup = new EventClientFactory();
        await using var client = setup.Create(o => o.EventBufferCapacity = 1000);

        Parallel.For(0, 5000, i => client.Track($"u-{i}", "clicks"));

        var stats = client.EventStatistics;
        Assert.Equal(1000, stats.Enqueued);
        Assert.Equal(4000, stats.DroppedBufferFull);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task Retry_ServerSendsRetryAfter_NextAttemptExactlyThen(HttpStatusCode status)
    {
        var setup = new EventClientFactory();
        setup.Handler.ThenStatus(status, retryAfter: TimeSpan.FromSeconds(30));
        await using var client = setup.Create(o => o.EventBatchSize = 1);
        client.Track("u-1", "clicks");
        await client.StartAsync();
        await Eventually.True(() => setup.Handler.Requests.Count == 1, "first attempt made");
        await Task.Delay(200); // let the sender schedule its wait on the fake clock before the clock moves

        setup.Time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(200);
        Assert.Single(setup.Handler.Requests);
        setup.Time.Advance(TimeSpan.FromSeconds(1));

        await Eventually.True(() => client.EventStatistics.Delivered == 1, "retried after Retry-After");
        var attempts = setup.Handler.Requests.ToArray();
        Assert.Equal(TimeSpan.FromSeconds(30), attempts[1].At - attempts[0].At);
        Assert.Equal(attempts[0].Events[0].GetProperty("id").GetGuid(), attempts[1].Events[0].GetProperty("id").GetGuid());
        Assert.Equal(2, client.EventStatistics.Requests);
    }

    [Fact]
    public async Task Retry_NoRetryAfter_ExponentialBackoffWithJitter()
    {
        var setup = new EventClientFactory();
        setup.Handler.ThenStatus(HttpStatusCode.InternalServerError);
        setup.Handler.ThenStatus(HttpStatusCode.BadGateway);
        setup.Handler.Then(_ => throw new HttpRequestException("connection reset"));
        await using var client = setup.Create(o => o.EventBatchSize = 1);
        client.Track("u-1", "clicks");
        await client.StartAsync();

        // Jitter is fixed at 0.5, so attempt n waits 0.75 × 2^(n-1) seconds.
        foreach (var (attempt, wait) in new[] { (1, 0.75), (2, 1.5), (3, 3.0) })
        {
            await Eventually.True(() => setup.Handler.Requests.Count == attempt || (attempt == 3 && client.EventStatistics.Requests == 3), $"attempt {attempt} made");
            await Task.Delay(200); // let the sender schedule its wait on the fake clock before the clock moves
            setup.Time.Advance(TimeSpan.FromSeconds(wait));
        }

        await Eventually.True(() => client.EventStatistics.Delivered == 1, "delivered on the fourth attempt");
        var times = setup.Handler.Requests.Select(r => r.At).ToArray();
        Assert.Equal(TimeSpan.FromSeconds(0.75), times[1] - times[0]);
        Assert.Equal(TimeSpan.FromSeconds(0.75 + 1.5), times[2] - times[0]);
        Assert.Equal(TimeSpan.FromSeconds(0.75 + 1.5 + 3.0), times[3] - times[0]);
    }

    [Fact]
    public async Task Retry_AttemptsExhausted_BatchDroppedAndCounted()
    {
        var setup = new EventClientFactory();
        for (var i = 0; i < 3; i++)
        {
            setup.Handler.ThenStatus(HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(1));
        }
        await using var client = setup.Create(o =>
        {
            o.EventBatchSize = 4;
            o.EventMaxAttempts = 3;
        });
        for (var i = 0; i < 4; i++)
        {
            client.Track($"u-{i}", "clicks");
        }
        await client.StartAsync();

        // The sender schedules its wait just after a reply is counted: keep moving the clock until it gives up,
        // so a tick that lands before the wait is scheduled cannot stall the test.
        var deadline = Environment.TickCount64 + 20_000;
        while (client.EventStatistics.DroppedAfterRetries < 4 && Environment.TickCount64 < deadline)
        {
            setup.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }
        Assert.Equal(4, client.EventStatistics.DroppedAfterRetries);
        Assert.Equal(3, client.EventStatistics.Requests);
        Assert.Equal(0, client.EventStatistics.Delivered);
        AssertBalanced(client.EventStatistics);
    }

    [Fact]
    public async Task Reply_BadRequest_BatchRejectedWithoutRetry()
    {
        var setup = new EventClientFactory();
        setup.Handler.ThenStatus(HttpStatusCode.BadRequest);
        await using var client = setup.Create();
        client.Track("u-1", "clicks");
        client.Track("u-2", "clicks");

        await client.FlushEventsAsync();

        Assert.Equal(2, client.EventStatistics.RejectedByServer);
        Assert.Equal(1, client.EventStatistics.Requests);
        AssertBalanced(client.EventStatistics);
    }

    [Fact]
    public async Task Reply_SomeEventsRejected_CountsSplit()
    {
        var setup = new EventClientFactory();
        setup.Handler.Then(count => ScriptedHandler.Accepted(count, rejected: 1));
        await using var client = setup.Create();
        for (var i = 0; i < 3; i++)
        {
            client.Track($"u-{i}", "clicks");
        }

        await client.FlushEventsAsync();

        Assert.Equal(2, client.EventStatistics.Delivered);
        Assert.Equal(1, client.EventStatistics.RejectedByServer);
    }

    [Fact]
    public async Task Shutdown_ServerDown_UndeliveredEventsCountedAtShutdown()
    {
        var setup = new EventClientFactory();
        for (var i = 0; i < 100; i++)
        {
            setup.Handler.ThenStatus(HttpStatusCode.ServiceUnavailable);
        }
        await using var client = setup.Create(o =>
        {
            o.EventBatchSize = 2;
            o.EventMaxAttempts = 100;
            o.ShutdownFlushTimeout = TimeSpan.FromSeconds(5);
        });
        client.Track("u-1", "clicks");
        client.Track("u-2", "clicks");
        client.Track("u-3", "clicks");
        await client.StartAsync();
        await Eventually.True(() => client.EventStatistics.Requests >= 1, "delivery was attempted");

        var stopping = client.StopAsync();
        setup.Time.Advance(TimeSpan.FromSeconds(5));
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        var stats = client.EventStatistics;
        Assert.Equal(3, stats.DroppedAtShutdown);
        Assert.Equal(0, stats.Pending);
        AssertBalanced(stats);
    }
}
