using System.Text;
using System.Text.Json;
using Stepwise.Flags.Conditions;
using Stepwise.Flags.Json;

namespace Stepwise.Flags.Hashing;

/// <summary>
/// Hashes a unit id taken from the attributes. Ids are almost always unescaped ASCII strings, which hash
/// straight from the JSON bytes; anything else goes through its JavaScript string form.
/// </summary>
internal static class UnitHash
{
    /// <summary>True when <paramref name="value"/> is usable as a unit id (JavaScript-truthy).</summary>
    public static bool TryHash(JsonElement value, string seed, int version, out double bucket) =>
        TryHash(value, seed, Fnv1a.Hash(seed), version, out bucket);

    /// <summary>Hashes an indexed attribute: an ASCII string id hashes from its decoded bytes with no document access.</summary>
    public static bool TryHash(AttributeValue value, string seed, uint seedHash, int version, out double bucket)
    {
        if (value.IsAscii)
        {
            var utf8 = value.Utf8!;
            if (utf8.Length == 0)
            {
                bucket = 0;
                return false;
            }
            return GrowthBookHash.TryHashAscii(seed, seedHash, utf8, version, out bucket);
        }
        return TryHash(value.Element, seed, seedHash, version, out bucket);
    }

    /// <summary>As above, with <c>Fnv1a.Hash(seed)</c> precomputed by the caller (once per rule, not per unit).</summary>
    public static bool TryHash(JsonElement value, string seed, uint seedHash, int version, out double bucket)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            var raw = JsSemantics.RawString(value);
            if (raw.IsEmpty)
            {
                bucket = 0;
                return false;
            }
            if (Ascii.IsValid(raw) && raw.IndexOf((byte)'\\') < 0)
            {
                return GrowthBookHash.TryHashAscii(seed, seedHash, raw, version, out bucket);
            }
        }
        else if (!JsSemantics.IsTruthy(value))
        {
            bucket = 0;
            return false;
        }
        Span<char> buffer = stackalloc char[JsSemantics.StackTextLength];
        return GrowthBookHash.TryHash(seed, seedHash, JsSemantics.ToJsString(value, buffer), version, out bucket);
    }
}
