using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Stepwise.Cli.Tests;

/// <summary>A request as the stub server received it.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, string? Authorization, string? ContentType, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// <summary>A canned response.</summary>
internal sealed record StubResponse(int Status, string ContentType, string Body)
{
    public static StubResponse Json(int status, string body) => new(status, "application/json", body);

    public static StubResponse Problem(int status, string body) => new(status, "application/problem+json", body);

    public static StubResponse Csv(string body) => new(200, "text/csv; charset=utf-8", body);
}

/// <summary>
/// A real Kestrel server on a loopback port chosen by the OS that records each request and answers
/// with a canned response for the protocol shape. No database is involved, so canned answers are
/// enough to test the CLI's side of the contract over a real socket. (HttpListener was used before;
/// on Linux its shutdown can re-bind a port another test owns and fail with "address in use".)
/// </summary>
internal sealed class StubServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<RecordedRequest, StubResponse> _respond;
    private readonly List<RecordedRequest> _requests = [];

    public StubServer(Func<RecordedRequest, StubResponse> respond)
    {
        _respond = respond;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(HandleAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = address.TrimEnd('/') + "/";
    }

    public string Url { get; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>A loopback port nothing listens on (for "server unreachable" tests).</summary>
    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var recorded = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            context.Request.QueryString.Value ?? "",
            context.Request.Headers.Authorization.FirstOrDefault(),
            context.Request.ContentType,
            buffer.ToArray());
        lock (_requests)
        {
            _requests.Add(recorded);
        }

        var response = _respond(recorded);
        var bytes = Encoding.UTF8.GetBytes(response.Body);
        context.Response.StatusCode = response.Status;
        if (response.ContentType.Length > 0)
        {
            context.Response.ContentType = response.ContentType;
        }
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
