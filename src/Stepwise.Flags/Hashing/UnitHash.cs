using System.Text;
using System.Text.Json;
using Stepwise.Flags.Json;

namespace Stepwise.Flags.Hashing;

/// <summary>
/// Hashes a unit id taken from the attributes. Ids are almost always unescaped ASCII strings, which hash
/// straight from the JSON bytes; anything else goes through its JavaScript string form.
/// </summary>
internal static class UnitHash
{
    /// <summary>True when <paramref name="value"/> is usable as a unit id (JavaScript-truthy).</summary>
    public static bool TryHash(JsonElement value, string seed, int version, out double bucket)
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
                return GrowthBookHash.TryHashAscii(seed, raw, version, out bucket);
            }
        }
        else if (!JsSemantics.IsTruthy(value))
        {
            bucket = 0;
            return false;
        }
        Span<char> buffer = stackalloc char[JsSemantics.StackTextLength];
        return GrowthBookHash.TryHash(seed, JsSemantics.ToJsString(value, buffer), version, out bucket);
    }
}
