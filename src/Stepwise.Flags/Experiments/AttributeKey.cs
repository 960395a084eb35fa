using System.Text;
using System.Text.Json;

namespace Stepwise.Flags.Experiments;

/// <summary>A top-level attribute name (hash and fallback attributes are never dotted paths), pre-encoded.</summary>
internal sealed class AttributeKey(string name)
{
    public static readonly AttributeKey Id = new("id");

    private readonly byte[] _utf8 = Encoding.UTF8.GetBytes(name);

    public string Name { get; } = name;

    public static AttributeKey Of(string? name) => name is null or "id" ? Id : new AttributeKey(name);

    public JsonElement Lookup(Evaluation.EvaluationContext context) =>
        context.AttributeIndex is { } index ? index.Get(Name) : Lookup(context.Attributes);

    public JsonElement Lookup(JsonElement attributes) =>
        attributes.ValueKind == JsonValueKind.Object && attributes.TryGetProperty(_utf8, out var value) ? value : default;
}
