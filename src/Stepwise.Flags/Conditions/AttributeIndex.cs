using System.Text;
using System.Text.Json;
using Stepwise.Flags.Json;

namespace Stepwise.Flags.Conditions;

/// <summary>
/// The top-level members of one attribute object, looked up by name without going back to the JSON document.
/// <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> scans and unescapes the document on every call,
/// which made attribute lookups most of a flag evaluation's cost; a unit's context is usually evaluated many times,
/// so it is indexed once, on first use (see <see cref="Evaluation.EvaluationContext"/>).
/// </summary>
internal sealed class AttributeIndex
{
    /// <summary>Above this many members a hash lookup beats comparing names one by one.</summary>
    private const int LinearScanLimit = 12;

    private readonly string[] _names;
    private readonly AttributeValue[] _values;
    private readonly Dictionary<string, int>? _positions;

    private AttributeIndex(string[] names, AttributeValue[] values)
    {
        _names = names;
        _values = values;
        if (names.Length > LinearScanLimit)
        {
            _positions = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
            for (var i = 0; i < names.Length; i++)
            {
                _positions[names[i]] = i;
            }
        }
    }

    /// <summary>Indexes <paramref name="attributes"/> (an object); a repeated name keeps its last value, as JSON.parse does.</summary>
    public static AttributeIndex Build(JsonElement attributes)
    {
        var names = new List<string>();
        var values = new List<AttributeValue>();
        foreach (var property in attributes.EnumerateObject())
        {
            var value = new AttributeValue(property.Value);
            var existing = names.IndexOf(property.Name);
            if (existing >= 0)
            {
                values[existing] = value;
                continue;
            }
            names.Add(property.Name);
            values.Add(value);
        }
        return new AttributeIndex([.. names], [.. values]);
    }

    /// <summary>The member named <paramref name="name"/>, or an undefined element.</summary>
    public JsonElement Get(string name) => GetValue(name).Element;

    /// <summary>The member named <paramref name="name"/> with its decoded forms, or <see cref="AttributeValue.Missing"/>.</summary>
    public AttributeValue GetValue(string name)
    {
        if (_positions is not null)
        {
            return _positions.TryGetValue(name, out var position) ? _values[position] : AttributeValue.Missing;
        }
        var names = _names;
        for (var i = 0; i < names.Length; i++)
        {
            if (names[i] == name)
            {
                return _values[i];
            }
        }
        return AttributeValue.Missing;
    }
}

/// <summary>
/// One top-level attribute, decoded once when its context is indexed: the hot condition tests and the unit hash read
/// these fields instead of asking the JSON document again on every evaluation.
/// </summary>
internal sealed class AttributeValue
{
    public static readonly AttributeValue Missing = new(default);

    public AttributeValue(JsonElement element)
    {
        Element = element;
        Kind = element.ValueKind;
        if (Kind == JsonValueKind.String)
        {
            Utf8 = Encoding.UTF8.GetBytes(element.GetString()!);
            IsAscii = Ascii.IsValid(Utf8);
        }
        else if (Kind == JsonValueKind.Number)
        {
            Number = JsSemantics.ToNumber(element);
        }
    }

    public JsonElement Element { get; }

    public JsonValueKind Kind { get; }

    /// <summary>A string's unescaped UTF-8 (what <see cref="JsonElement.ValueEquals(ReadOnlySpan{byte})"/> compares).</summary>
    public byte[]? Utf8 { get; }

    /// <summary>True for a string of ASCII characters only: its bytes are its UTF-16 code units, so it hashes directly.</summary>
    public bool IsAscii { get; }

    /// <summary>A number's value.</summary>
    public double Number { get; }
}

/// <summary>The value a condition is evaluated against, with the index of its members when it is a unit's attributes.</summary>
internal readonly struct AttributeScope(JsonElement root, AttributeIndex? index)
{
    public JsonElement Root { get; } = root;

    /// <summary>Set only when <see cref="Root"/> is an object that was indexed.</summary>
    public AttributeIndex? Index { get; } = index;

    public static implicit operator AttributeScope(JsonElement root) => new(root, null);
}
