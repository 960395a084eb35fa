using System.Text;

namespace Stepwise.Client.Sync;

/// <summary>
/// Follows <c>GET /api/features/{clientKey}/stream</c> (server-sent events): each <c>features</c> event carries
/// the whole payload on one data line; <c>: ping</c> comments prove the connection is alive. A connection silent
/// for longer than the idle timeout is abandoned, because a dead TCP peer can otherwise go unnoticed for hours.
/// </summary>
internal sealed class FeatureStream(StepwiseOptions options, Func<HttpClient> http, TimeProvider time, FeatureStore store)
{
    private readonly Uri _address = ServerAddress.Stream(options);

    /// <summary>Runs one connection until it ends. Returns whether anything was received (a healthy connection).</summary>
    public async Task<StreamOutcome> RunAsync(CancellationToken cancellationToken)
    {
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var idle = time.CreateTimer(CancelQuietly, connection, options.RequestTimeout, Timeout.InfiniteTimeSpan);
        var received = false;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _address);
            request.Headers.Accept.ParseAdd("text/event-stream");
            using var response = await http().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, connection.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return new StreamOutcome(false, $"stream: HTTP {(int)response.StatusCode} from {_address}");
            }
            store.RecordContact();
            store.SetMode(SyncMode.Streaming);
            idle.Change(options.StreamIdleTimeout, Timeout.InfiniteTimeSpan);
            using var body = await response.Content.ReadAsStreamAsync(connection.Token).ConfigureAwait(false);
            using var reader = new StreamReader(body, Encoding.UTF8);
            var parser = new ServerSentEventParser();
            while (await reader.ReadLineAsync(connection.Token).ConfigureAwait(false) is { } line)
            {
                idle.Change(options.StreamIdleTimeout, Timeout.InfiniteTimeSpan);
                received = true;
                store.RecordContact();
                if (parser.Feed(line) is { } message && message.Event is "features" or "message")
                {
                    store.Apply(message.Data, PayloadOrigin.Server);
                }
            }
            return new StreamOutcome(received, "stream closed by the server");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new StreamOutcome(received, received
                ? $"stream silent for {options.StreamIdleTimeout} (no heartbeat); reconnecting"
                : $"stream did not answer within {options.RequestTimeout}");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return new StreamOutcome(received, $"stream failed: {e.Message}");
        }
    }

    /// <summary>The idle timer may fire while the connection is being torn down; that race is harmless.</summary>
    private static void CancelQuietly(object? state)
    {
        try
        {
            ((CancellationTokenSource)state!).Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}

/// <summary>How a stream connection ended.</summary>
internal readonly record struct StreamOutcome(bool Received, string Error);
