using System.Net;
using System.Net.Sockets;
using System.Text;

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
/// A real HTTP server on a free loopback port (System.Net.HttpListener) that records each request
/// and answers with a canned response for the protocol shape. No database is involved, so canned
/// answers are enough to test the CLI's side of the contract over a real socket.
/// </summary>
internal sealed class StubServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<RecordedRequest, StubResponse> _respond;
    private readonly Task _loop;
    private readonly List<RecordedRequest> _requests = [];

    public StubServer(Func<RecordedRequest, StubResponse> respond)
    {
        _respond = respond;
        (_listener, Url) = Start();
        _loop = Task.Run(LoopAsync);
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

    private static (HttpListener, string) Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var url = $"http://127.0.0.1:{port}/";
            var listener = new HttpListener();
            listener.Prefixes.Add(url);
            try
            {
                listener.Start();
                return (listener, url);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                using var buffer = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(buffer);
                var url = context.Request.Url!;
                var recorded = new RecordedRequest(
                    context.Request.HttpMethod,
                    url.AbsolutePath,
                    url.Query,
                    context.Request.Headers["Authorization"],
                    context.Request.ContentType,
                    buffer.ToArray());
                lock (_requests)
                {
                    _requests.Add(recorded);
                }

                var response = _respond(recorded);
                var bytes = Encoding.UTF8.GetBytes(response.Body);
                context.Response.StatusCode = response.Status;
                context.Response.ContentType = response.ContentType;
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException)
            {
                // Client went away; keep serving.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
