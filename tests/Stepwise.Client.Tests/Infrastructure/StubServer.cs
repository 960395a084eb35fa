using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Stepwise.Client.Tests.Infrastructure;

/// <summary>
/// A real Kestrel server on a free loopback port playing the Stepwise server's side of the wire contract:
/// payload with ETags, the event stream, and the events endpoint. Tests change its payload and break it on purpose.
/// </summary>
internal sealed class StubServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<int, Channel<string>> _streams = new();
    private readonly Lock _lock = new();
    private string _payload;
    private int _version = 1;
    private int _nextStream;

    private StubServer(string payload)
    {
        _payload = payload;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        // A client reconnects its stream at once; shutdown must not wait for that connection.
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        _app = builder.Build();
        _app.MapGet("/api/features/{key}", Payload);
        _app.MapGet("/api/features/{key}/stream", Stream);
        _app.MapPost("/api/events", Events);
    }

    public Uri BaseUrl { get; private set; } = null!;

    public int PayloadRequests;
    public int NotModifiedResponses;
    public int ConditionalRequests;
    public int StreamConnections;
    public ConcurrentQueue<string> EventBodies { get; } = new();

    /// <summary>Payload requests wait forever (a server that accepts but never answers).</summary>
    public volatile bool HangPayload;

    /// <summary>The stream endpoint answers 503.</summary>
    public volatile bool StreamUnavailable;

    public int OpenStreams => _streams.Count;

    public static async Task<StubServer> StartAsync(string payload)
    {
        var server = new StubServer(payload);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address + "/");
        return server;
    }

    public StepwiseOptions Options(Action<StepwiseOptions>? configure = null)
    {
        var options = new StepwiseOptions { BaseUrl = BaseUrl, ClientKey = TestPayloads.ClientKey };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Changes the payload; open streams get it as an event unless <paramref name="push"/> is false.</summary>
    public void SetPayload(string payload, bool push = true)
    {
        lock (_lock)
        {
            _payload = payload;
            _version++;
        }
        if (push)
        {
            Publish(payload);
        }
    }

    /// <summary>Sends raw data as a features event to every open stream.</summary>
    public void Publish(string data)
    {
        foreach (var stream in _streams.Values)
        {
            stream.Writer.TryWrite($"event: features\ndata: {data}\n\n");
        }
    }

    public void Ping()
    {
        foreach (var stream in _streams.Values)
        {
            stream.Writer.TryWrite(": ping\n\n");
        }
    }

    /// <summary>Ends every open stream from the server side.</summary>
    public void DropStreams()
    {
        foreach (var (id, stream) in _streams)
        {
            stream.Writer.TryComplete();
            _streams.TryRemove(id, out _);
        }
    }

    private async Task Payload(HttpContext context, string key)
    {
        Interlocked.Increment(ref PayloadRequests);
        if (HangPayload)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        if (key != TestPayloads.ClientKey)
        {
            context.Response.StatusCode = 404;
            return;
        }
        string payload, etag;
        lock (_lock)
        {
            payload = _payload;
            etag = $"\"v{_version}\"";
        }
        if (context.Request.Headers.IfNoneMatch.Count > 0)
        {
            Interlocked.Increment(ref ConditionalRequests);
            if (context.Request.Headers.IfNoneMatch.ToString() == etag)
            {
                Interlocked.Increment(ref NotModifiedResponses);
                context.Response.StatusCode = 304;
                return;
            }
        }
        context.Response.Headers.ETag = etag;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(payload);
    }

    private async Task Stream(HttpContext context, string key)
    {
        if (StreamUnavailable || key != TestPayloads.ClientKey)
        {
            context.Response.StatusCode = StreamUnavailable ? 503 : 404;
            return;
        }
        Interlocked.Increment(ref StreamConnections);
        var channel = Channel.CreateUnbounded<string>();
        var id = Interlocked.Increment(ref _nextStream);
        string payload;
        lock (_lock)
        {
            payload = _payload;
        }
        channel.Writer.TryWrite($"event: features\ndata: {payload}\n\n");
        _streams[id] = channel;
        context.Response.ContentType = "text/event-stream";
        using var ends = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _app.Lifetime.ApplicationStopping);
        try
        {
            await foreach (var message in channel.Reader.ReadAllAsync(ends.Token))
            {
                await context.Response.WriteAsync(message, ends.Token);
                await context.Response.Body.FlushAsync(ends.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _streams.TryRemove(id, out _);
        }
    }

    private async Task Events(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        EventBodies.Enqueue(body);
        var count = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("events").GetArrayLength();
        await context.Response.WriteAsJsonAsync(new { received = count, accepted = count, rejected = 0, errors = Array.Empty<object>() });
    }

    public async ValueTask DisposeAsync()
    {
        DropStreams();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(deadline.Token);
        await _app.DisposeAsync();
    }
}
