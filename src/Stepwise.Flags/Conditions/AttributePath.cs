using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Stepwise.Flags.Conditions;

/// <summary>
/// A dotted attribute path ("address.city") split and UTF-8 encoded once at load time, so lookups on the hot
/// path compare bytes directly against the attribute document without transcoding or allocating.
/// </summary>
internal sealed class AttributePath
{
    private readonly byte[][] _segments;
    private readonly int[] _indexes;

    public AttributePath(string path) : this(path.Split('.'))
    {
    }

    private AttributePath(string[] segments)
    {
        Segments = segments;
        First = segments.Length > 0 ? segments[0] : "";
        IsSingleSegment = segments.Length == 1;
        _segments = Array.ConvertAll(segments, Encoding.UTF8.GetBytes);
        _indexes = Array.ConvertAll(segments, s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1);
    }

    public IReadOnlyList<string> Segments { get; }

    /// <summary>The top-level attribute name.</summary>
    public string First { get; }

    /// <summary>True for a plain attribute name (no dots), resolvable straight from an attribute index.</summary>
    public bool IsSingleSegment { get; }

    /// <summary>The same path without its first segment (used to unwrap a prerequisite's <c>value</c>);
    /// an empty path resolves to the root itself.</summary>
    public AttributePath Tail() => new(Segments.Skip(1).ToArray());

    /// <summary>Walks the path; a missing step yields an undefined element (treated as null).</summary>
    public JsonElement Resolve(in AttributeScope scope)
    {
        var current = scope.Root;
        var first = 0;
        if (scope.Index is { } index && _segments.Length > 0)
        {
            current = index.Get(First);
            first = 1;
        }
        for (var i = first; i < _segments.Length; i++)
        {
            switch (current.ValueKind)
            {
                case JsonValueKind.Object when current.TryGetProperty(_segments[i], out var next):
                    current = next;
                    break;
                case JsonValueKind.Array when _indexes[i] >= 0 && _indexes[i] < current.GetArrayLength():
                    current = current[_indexes[i]];
                    break;
                default:
                    return default;
            }
        }
        return current;
    }
}
