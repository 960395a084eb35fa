using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Stepwise.Delivery.Payload;

namespace Stepwise.Delivery.Ofrep;

/// <summary>
/// The OpenFeature Remote Evaluation Protocol: server-side evaluation of one flag or all flags for a context,
/// authenticated by an SDK key (<c>Authorization: Bearer</c> or <c>X-API-Key</c>). Evaluation runs on the
/// compiled payload in memory; a request never touches the database.
/// </summary>
public static class OfrepApi
{
    private static readonly string[] SupportedTypes = ["boolean", "string", "int", "float", "object"];

    public static IEndpointRouteBuilder MapOfrepApi(this IEndpointRouteBuilder routes)
    {
        var ofrep = routes.MapGroup("/ofrep/v1").WithTags("OFREP").AllowAnonymous().RequireCors(PayloadApi.CorsPolicy);
        ofrep.MapPost("/evaluate/flags/{key}", EvaluateFlagAsync).WithName("OfrepEvaluateFlag")
            .WithSummary("Evaluates one flag for the context in the body ({\"context\": {\"targetingKey\": \"user-1\", …}}).")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        ofrep.MapPost("/evaluate/flags", EvaluateAllAsync).WithName("OfrepEvaluateFlags")
            .WithSummary("Evaluates every flag of the key's environment for a context; ETag / If-None-Match supported.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        ofrep.MapGet("/configuration", ConfigurationAsync).WithName("OfrepConfiguration")
            .WithSummary("What this OFREP server supports.").Produces(StatusCodes.Status200OK, contentType: "application/json");
        return routes;
    }

    private static async Task EvaluateFlagAsync(HttpContext http, string key, PayloadCache cache, SdkRateLimiter limiter)
    {
        var (snapshot, sdkKey) = await AuthenticateAsync(http, cache);
        if (snapshot is null || !await AdmitAsync(http, limiter, sdkKey!)) return;
        using var request = await OfrepRequest.ReadAsync(http);
        if (request.Error is { } error)
        {
            await WriteFailureAsync(http, StatusCodes.Status400BadRequest, key, error.Code, error.Details);
            return;
        }
        if (!snapshot.Flags.TryGetValue(key, out var flag))
        {
            await WriteFailureAsync(http, StatusCodes.Status404NotFound, key, "FLAG_NOT_FOUND", $"No flag '{key}' in environment '{snapshot.Environment}'.");
            return;
        }
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (!OfrepEvaluation.Write(writer, snapshot, flag, request, out var failure))
            {
                await WriteFailureAsync(http, StatusCodes.Status400BadRequest, key, failure.Code, failure.Details);
                return;
            }
        }
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(buffer.WrittenMemory, http.RequestAborted);
    }

    private static async Task EvaluateAllAsync(HttpContext http, PayloadCache cache, SdkRateLimiter limiter)
    {
        var (snapshot, sdkKey) = await AuthenticateAsync(http, cache);
        if (snapshot is null || !await AdmitAsync(http, limiter, sdkKey!)) return;
        using var request = await OfrepRequest.ReadAsync(http);
        if (request.Error is { } error)
        {
            await WriteBulkFailureAsync(http, error.Code, error.Details);
            return;
        }
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("flags");
            foreach (var flag in snapshot.OrderedFlags)
            {
                if (!OfrepEvaluation.Write(writer, snapshot, flag, request, out var failure))
                {
                    writer.WriteStartObject();
                    writer.WriteString("key", flag.Key);
                    writer.WriteString("errorCode", failure.Code);
                    writer.WriteString("errorDetails", failure.Details);
                    writer.WriteEndObject();
                }
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        var etag = ETags.For(buffer.WrittenSpan);
        http.Response.Headers.ETag = etag;
        if (ETags.Matches(http.Request.Headers.IfNoneMatch, etag))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(buffer.WrittenMemory, http.RequestAborted);
    }

    private static async Task ConfigurationAsync(HttpContext http, PayloadCache cache)
    {
        var (snapshot, _) = await AuthenticateAsync(http, cache);
        if (snapshot is null) return;
        await Results.Json(new
        {
            name = "Stepwise",
            capabilities = new
            {
                cacheInvalidation = new { polling = new { enabled = true, minPollingIntervalMs = 1000 } },
                flagEvaluation = new { supportedTypes = SupportedTypes },
            },
        }).ExecuteAsync(http);
    }

    /// <summary>Finds the key's environment, answering 401 (no or unknown key) or 403 (revoked key) otherwise.</summary>
    private static async ValueTask<(PayloadSnapshot?, string?)> AuthenticateAsync(HttpContext http, PayloadCache cache)
    {
        var key = SdkKeyOf(http.Request);
        var state = await cache.CurrentAsync(http.RequestAborted);
        switch (state.Find(key, out var snapshot))
        {
            case KeyLookup.Found:
                return (snapshot, key);
            case KeyLookup.Revoked:
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                await WriteDetailsAsync(http, "This SDK key has been revoked.");
                return (null, null);
            default:
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                http.Response.Headers.WWWAuthenticate = "Bearer";
                await WriteDetailsAsync(http, key is null ? "Send an SDK key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'." : "Unknown SDK key.");
                return (null, null);
        }
    }

    internal static string? SdkKeyOf(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return authorization["Bearer ".Length..].Trim();
        var apiKey = request.Headers["X-API-Key"].ToString();
        return apiKey.Length > 0 ? apiKey.Trim() : null;
    }

    private static async ValueTask<bool> AdmitAsync(HttpContext http, SdkRateLimiter limiter, string sdkKey)
    {
        if (limiter.TryAcquire(sdkKey, out var retryAfter)) return true;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await WriteDetailsAsync(http, "Too many requests for this SDK key; retry after the time in Retry-After.");
        return false;
    }

    private static Task WriteDetailsAsync(HttpContext http, string details) =>
        http.Response.WriteAsJsonAsync(new GeneralError(details), OfrepJson.Default.GeneralError, cancellationToken: http.RequestAborted);

    private static Task WriteFailureAsync(HttpContext http, int status, string key, string code, string details)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new EvaluationFailure(key, code, details), OfrepJson.Default.EvaluationFailure, cancellationToken: http.RequestAborted);
    }

    private static Task WriteBulkFailureAsync(HttpContext http, string code, string details)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        return http.Response.WriteAsJsonAsync(new BulkFailure(code, details), OfrepJson.Default.BulkFailure, cancellationToken: http.RequestAborted);
    }
}
