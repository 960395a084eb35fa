using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace Stepwise.Client.Tests.Infrastructure;

/// <summary>
/// An in-process HTTP handler for the events endpoint: answers from a script (then 200 by default) and records
/// each request with the fake time it arrived, so retry timing can be asserted exactly.
/// </summary>
internal sealed class ScriptedHandler(TimeProvider time) : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<int, HttpResponseMessage>> _script = new();

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Payload GETs answer with this (404 when null).</summary>
    public string? Payload { get; set; }

    public void Then(Func<int, HttpResponseMessage> response) => _script.Enqueue(response);

    public void ThenStatus(HttpStatusCode status, TimeSpan? retryAfter = null) => Then(_ =>
    {
        var response = new HttpResponseMessage(status);
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delay);
        }
        return response;
    });

    public static HttpResponseMessage Accepted(int count, int rejected = 0) => new(HttpStatusCode.OK)
    {
        Content = new StringContent(JsonSerializer.Serialize(new { received = count, accepted = count - rejected, rejected, errors = Array.Empty<object>() })),
    };

    public IEnumerable<JsonElement> EventsSent => Requests.SelectMany(r => r.Events);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Get)
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/stream", StringComparison.Ordinal))
            {
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            }
            return Payload is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Payload) };
        }
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        var events = JsonDocument.Parse(body).RootElement.GetProperty("events").EnumerateArray().Select(e => e.Clone()).ToArray();
        Requests.Enqueue(new RecordedRequest(time.GetUtcNow(), request.Headers.Authorization?.ToString(), events));
        return _script.TryDequeue(out var next) ? next(events.Length) : Accepted(events.Length);
    }
}

internal sealed record RecordedRequest(DateTimeOffset At, string? Authorization, JsonElement[] Events);
