using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Stepwise.Flags.Evaluation;

namespace Stepwise.Delivery.Ofrep;

/// <summary>
/// A parsed OFREP request body. The context becomes the unit's attributes; OpenFeature's <c>targetingKey</c>
/// also answers as <c>id</c> (the default hash attribute) when the context has no <c>id</c> of its own.
/// </summary>
internal sealed class OfrepRequest : IDisposable
{
    private const int MaxBodyBytes = 64 * 1024;
    private readonly JsonDocument? _document;

    private OfrepRequest(JsonDocument? document, EvaluationContext context, string? targetingKey, OfrepError? error)
    {
        _document = document;
        Context = context;
        TargetingKey = targetingKey;
        Error = error;
    }

    public EvaluationContext Context { get; }
    public string? TargetingKey { get; }
    public OfrepError? Error { get; }

    /// <summary>True when the context carries a value for <paramref name="attribute"/>.</summary>
    public bool HasAttribute(string attribute) =>
        Context.Attributes.ValueKind == JsonValueKind.Object && Context.Attributes.TryGetProperty(attribute, out var value)
        && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) && !(value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0);

    public static async Task<OfrepRequest> ReadAsync(HttpContext http)
    {
        var body = await ReadBodyAsync(http);
        if (body is null) return Failed("PARSE_ERROR", $"The body is larger than {MaxBodyBytes} bytes.");
        if (body.Value.Length == 0) return new OfrepRequest(null, EvaluationContext.Empty, null, null);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.Value, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            return Failed("PARSE_ERROR", $"The body is not valid JSON: {e.Message}");
        }
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return Failed("PARSE_ERROR", "The body must be a JSON object such as {\"context\": {\"targetingKey\": \"user-1\"}}.");
        }
        if (!root.TryGetProperty("context", out var context) || context.ValueKind == JsonValueKind.Null)
            return new OfrepRequest(document, EvaluationContext.Empty, null, null);
        if (context.ValueKind != JsonValueKind.Object)
        {
            var kind = context.ValueKind.ToString().ToLowerInvariant();
            document.Dispose();
            return Failed("INVALID_CONTEXT", $"'context' must be an object; got {kind}.");
        }
        string? targetingKey = null;
        if (context.TryGetProperty("targetingKey", out var tk))
        {
            if (tk.ValueKind != JsonValueKind.String)
            {
                document.Dispose();
                return Failed("INVALID_CONTEXT", "'context.targetingKey' must be a string.");
            }
            targetingKey = tk.GetString();
        }
        var attributes = context;
        if (!string.IsNullOrEmpty(targetingKey) && !context.TryGetProperty("id", out _)) attributes = WithId(context, targetingKey);
        return new OfrepRequest(document, new EvaluationContext { Attributes = attributes }, targetingKey, null);
    }

    private static JsonElement WithId(JsonElement context, string id)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in context.EnumerateObject()) property.WriteTo(writer);
            writer.WriteString("id", id);
            writer.WriteEndObject();
        }
        return JsonElement.Parse(buffer.WrittenSpan);
    }

    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContext http)
    {
        if (http.Request.ContentLength > MaxBodyBytes) return null;
        var stream = new MemoryStream(http.Request.ContentLength is { } length ? (int)length : 256);
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
            {
                if (stream.Length + read > MaxBodyBytes) return null;
                stream.Write(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return stream.GetBuffer().AsMemory(0, (int)stream.Length);
    }

    private static OfrepRequest Failed(string code, string details) => new(null, EvaluationContext.Empty, null, new OfrepError(code, details));

    public void Dispose() => _document?.Dispose();
}
