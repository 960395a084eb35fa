using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Stepwise.Delivery.Payload;

/// <summary>
/// SDK endpoints: the payload for a client key, in the GrowthBook shape (so GrowthBook SDKs in any language
/// consume it), with ETag revalidation, and a server-sent-events stream that pushes each new payload.
/// These are the only unauthenticated data endpoints: the client key selects one environment's payload.
/// </summary>
public static class PayloadApi
{
    public const string CorsPolicy = "Sdk";
    private static readonly byte[] EventPrefix = "event: features\ndata: "u8.ToArray();
    private static readonly byte[] EventSuffix = "\n\n"u8.ToArray();
    private static readonly byte[] Heartbeat = ": ping\n\n"u8.ToArray();

    public static IEndpointRouteBuilder MapPayloadApi(this IEndpointRouteBuilder routes)
    {
        var sdk = routes.MapGroup("/api/features").WithTags("SDK").AllowAnonymous().RequireCors(CorsPolicy);
        sdk.MapGet("/{clientKey}", GetPayloadAsync).WithName("GetSdkPayload")
            .WithSummary("The SDK payload (GrowthBook shape) of the environment a client key selects. Supports If-None-Match.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status404NotFound);
        sdk.MapGet("/{clientKey}/stream", StreamAsync).WithName("StreamSdkPayload")
            .WithSummary("Server-sent events: the current payload on connect, then each new one as event 'features'; ': ping' heartbeats.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream").ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> GetPayloadAsync(HttpContext http, string clientKey, PayloadCache cache)
    {
        var state = await cache.CurrentAsync(http.RequestAborted);
        if (state.Find(clientKey, out var snapshot) != KeyLookup.Found) return UnknownKey();
        http.Response.Headers.ETag = snapshot!.ETag;
        http.Response.Headers.CacheControl = "no-cache";
        if (ETags.Matches(http.Request.Headers.IfNoneMatch, snapshot.ETag)) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(snapshot.Json, "application/json");
    }

    private static async Task StreamAsync(HttpContext http, string clientKey, PayloadCache cache, IOptions<DeliveryOptions> options, TimeProvider time)
    {
        var ct = http.RequestAborted;
        var state = await cache.CurrentAsync(ct);
        if (state.Find(clientKey, out var snapshot) != KeyLookup.Found)
        {
            await UnknownKey().ExecuteAsync(http);
            return;
        }
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var heartbeat = TimeSpan.FromSeconds(Math.Max(1, options.Value.StreamHeartbeatSeconds));
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await http.Response.Body.WriteAsync(EventPrefix, ct);
                await http.Response.Body.WriteAsync(snapshot!.Json, ct);
                await http.Response.Body.WriteAsync(EventSuffix, ct);
                await http.Response.Body.FlushAsync(ct);
                while (!snapshot.Superseded.IsCompleted)
                {
                    var tick = Task.Delay(heartbeat, time, ct);
                    if (await Task.WhenAny(snapshot.Superseded, tick) == tick)
                    {
                        await tick;
                        await http.Response.Body.WriteAsync(Heartbeat, ct);
                        await http.Response.Body.FlushAsync(ct);
                    }
                }
                // The key may have been revoked meanwhile: then the stream ends.
                if (cache.Current?.Find(clientKey, out snapshot) != KeyLookup.Found) return;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private static IResult UnknownKey() =>
        Results.Problem(title: "Unknown client key.", detail: "No active SDK key with this value; create one under Delivery → Environments.",
            statusCode: StatusCodes.Status404NotFound);
}

/// <summary>If-None-Match matching (weak comparison, lists and '*').</summary>
internal static class ETags
{
    public static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        foreach (var header in ifNoneMatch)
        {
            if (header is null) continue;
            foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (part == "*") return true;
                var candidate = part.StartsWith("W/", StringComparison.Ordinal) ? part[2..] : part;
                if (candidate == etag) return true;
            }
        }
        return false;
    }

    public static string For(ReadOnlySpan<byte> body) =>
        $"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body))[..32]}\"";
}
