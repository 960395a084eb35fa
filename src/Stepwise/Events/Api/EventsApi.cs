using System.Buffers;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Stepwise.Delivery.Payload;
using Stepwise.Events.Ingestion;

namespace Stepwise.Events.Api;

/// <summary>The reply to a batch: accepted + rejected = received; each rejection says which event and why.</summary>
public sealed record EventBatchReply(int Received, int Accepted, int Rejected, IReadOnlyList<EventRejection> Rejections);

/// <summary>
/// <c>POST /api/events</c>: exposure and metric events from the SDKs, authenticated by an SDK key of the
/// environment they belong to. The reply comes after the accepted events are committed durably; replays are
/// harmless because the store skips ids it already has.
/// </summary>
public static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/events", IngestAsync).WithTags("SDK").AllowAnonymous().RequireCors(PayloadApi.CorsPolicy)
            .WithName("IngestEvents")
            .WithSummary("Stores a batch of exposure and metric events ({\"events\":[…]}) sent with an SDK key; idempotent by event id.")
            .Produces<EventBatchReply>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static async Task<IResult> IngestAsync(HttpContext http, PayloadCache cache, EventWriter writer, IOptions<EventsOptions> options, TimeProvider time)
    {
        var settings = options.Value;
        var state = await cache.CurrentAsync(http.RequestAborted);
        var key = SdkKeyOf(http.Request);
        if (string.IsNullOrEmpty(key) || !state.Keys.TryGetValue(key, out var entry))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unknown SDK key.",
                detail: "Send the SDK key of the environment as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.");
        }
        if (!entry.Active) return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This SDK key has been revoked.");
        if (http.Request.ContentLength > settings.MaxBatchBytes) return TooLarge($"The body is {http.Request.ContentLength} bytes; the limit is {settings.MaxBatchBytes}.");

        var body = await ReadBodyAsync(http, settings.MaxBatchBytes);
        if (body is null) return TooLarge($"The body is larger than the limit of {settings.MaxBatchBytes} bytes.");
        ParsedBatch? batch;
        string? error;
        bool tooMany;
        try
        {
            batch = EventBatchParser.Parse(body.WrittenMemory, entry.EnvironmentId, time.GetUtcNow(), settings.MaxBatchEvents, out error, out tooMany);
        }
        finally
        {
            body.Dispose();
        }
        if (tooMany) return TooLarge(error!);
        if (batch is null) return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request is not an event batch.", detail: error);

        if (!writer.TryEnqueue(batch, out var committed)) return Busy(http, settings, "The event queue is full.");
        try
        {
            await committed;
        }
        catch (Exception e) when (e is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            return Busy(http, settings, "The events could not be stored; nothing from this batch was acknowledged.", StatusCodes.Status503ServiceUnavailable);
        }
        return Results.Ok(new EventBatchReply(batch.Received, batch.Accepted, batch.Rejections.Count, batch.Rejections));
    }

    private static IResult TooLarge(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The batch is too large.", detail: detail);

    private static IResult Busy(HttpContext http, EventsOptions settings, string detail, int status = StatusCodes.Status429TooManyRequests)
    {
        http.Response.Headers.RetryAfter = settings.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: status, title: "Try again later.", detail: detail);
    }

    internal static string? SdkKeyOf(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return authorization["Bearer ".Length..].Trim();
        var apiKey = request.Headers["X-API-Key"].ToString();
        return apiKey.Length > 0 ? apiKey.Trim() : null;
    }

    /// <summary>Reads the body into a pooled buffer; null when it exceeds <paramref name="limit"/>.</summary>
    private static async Task<PooledBody?> ReadBodyAsync(HttpContext http, int limit)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit + 1L;
        var body = new PooledBody((int)Math.Min(limit + 1L, http.Request.ContentLength ?? 64 * 1024));
        try
        {
            while (true)
            {
                var memory = body.GetMemory(64 * 1024);
                var read = await http.Request.Body.ReadAsync(memory, http.RequestAborted);
                if (read == 0) return body;
                body.Advance(read);
                if (body.WrittenCount > limit)
                {
                    body.Dispose();
                    return null;
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            body.Dispose();
            return null;
        }
    }

    /// <summary>A growable buffer rented from the shared pool.</summary>
    private sealed class PooledBody(int initial) : IDisposable
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initial, 1024));

        public int WrittenCount { get; private set; }

        public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, WrittenCount);

        public Memory<byte> GetMemory(int hint)
        {
            if (_buffer.Length - WrittenCount < hint)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, WrittenCount + hint));
                _buffer.AsSpan(0, WrittenCount).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }
            return _buffer.AsMemory(WrittenCount);
        }

        public void Advance(int count) => WrittenCount += count;

        public void Dispose()
        {
            var buffer = Interlocked.Exchange(ref _buffer, []);
            if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
