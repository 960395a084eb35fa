using System.Text.Json;
using Stepwise.Flags.Json;

namespace Stepwise.Flags.Conditions;

/// <summary>
/// The members of an <c>$in</c> list or saved group, indexed by type so a lookup is one hash probe
/// (strings probe with a stack-decoded span, never allocating). Membership is JavaScript strict equality:
/// the string "3" is not a member of [3]. Object and array members never match, as in JavaScript.
/// </summary>
internal sealed class MemberSet
{
    private readonly HashSet<string> _strings;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _stringLookup;
    private readonly HashSet<double> _numbers = [];
    private readonly bool _hasTrue;
    private readonly bool _hasFalse;
    private readonly bool _hasNull;

    /// <summary>Short case-sensitive lists compare UTF-8 bytes in place: cheaper than decoding and hashing.</summary>
    private readonly byte[][]? _smallUtf8;

    private const int SmallListLimit = 8;

    public static readonly MemberSet Empty = new(default, ignoreCase: false);

    public MemberSet(JsonElement array, bool ignoreCase)
    {
        IgnoreCase = ignoreCase;
        _strings = new HashSet<string>(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        _stringLookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
        if (array.ValueKind != JsonValueKind.Array)
        {
            return;
        }
        foreach (var item in array.EnumerateArray())
        {
            switch (item.ValueKind)
            {
                case JsonValueKind.String:
                    _strings.Add(item.GetString()!);
                    break;
                case JsonValueKind.Number:
                    _numbers.Add(item.GetDouble());
                    break;
                case JsonValueKind.True:
                    _hasTrue = true;
                    break;
                case JsonValueKind.False:
                    _hasFalse = true;
                    break;
                case JsonValueKind.Null:
                    _hasNull = true;
                    break;
            }
        }
        if (!ignoreCase && _strings.Count <= SmallListLimit)
        {
            _smallUtf8 = [.. _strings.Select(System.Text.Encoding.UTF8.GetBytes)];
        }
    }

    public bool IgnoreCase { get; }

    /// <summary>True when <paramref name="value"/> is a member.</summary>
    public bool Contains(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String when _smallUtf8 is not null:
                // Unescaped text (nearly always) compares as raw bytes: one document access instead of one per member.
                var raw = JsSemantics.RawString(value);
                var escaped = raw.IndexOf((byte)'\\') >= 0;
                foreach (var member in _smallUtf8)
                {
                    if (escaped ? value.ValueEquals(member) : raw.SequenceEqual(member))
                    {
                        return true;
                    }
                }
                return false;
            case JsonValueKind.String:
                return _strings.Count > 0 && _stringLookup.Contains(JsSemantics.ToJsString(value, stackalloc char[JsSemantics.StackTextLength]));
            case JsonValueKind.Number:
                return _numbers.Contains(value.GetDouble());
            case JsonValueKind.True:
                return _hasTrue;
            case JsonValueKind.False:
                return _hasFalse;
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return _hasNull;
            default:
                return false;
        }
    }

    /// <summary>Membership of an unescaped UTF-8 string; false when this set cannot answer from bytes alone.</summary>
    public bool TryContainsUtf8(ReadOnlySpan<byte> utf8, out bool found)
    {
        found = false;
        if (_smallUtf8 is null)
        {
            return false;
        }
        foreach (var member in _smallUtf8)
        {
            if (utf8.SequenceEqual(member))
            {
                found = true;
                break;
            }
        }
        return true;
    }

    /// <summary>GrowthBook's <c>isIn</c>: an array attribute matches when any of its elements is a member.</summary>
    public bool Intersects(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return Contains(value);
        }
        foreach (var item in value.EnumerateArray())
        {
            if (Contains(item))
            {
                return true;
            }
        }
        return false;
    }
}
