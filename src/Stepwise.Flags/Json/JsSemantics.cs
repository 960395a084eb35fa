using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace Stepwise.Flags.Json;

/// <summary>
/// JavaScript value semantics over <see cref="JsonElement"/>: GrowthBook's reference SDK is JavaScript, so
/// truthiness, <c>String(x)</c> and <c>Number(x)</c> must behave the same for payloads to mean the same thing
/// in every SDK. A missing value (<see cref="JsonValueKind.Undefined"/>) behaves like JSON null, as GrowthBook's
/// path lookup returns null for missing attributes.
/// </summary>
internal static class JsSemantics
{
    /// <summary>Large enough for almost every id or attribute value; longer text falls back to a string.</summary>
    public const int StackTextLength = 256;

    public static bool IsNullish(JsonElement value) => value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;

    public static bool IsTruthy(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => RawString(value).Length > 0,
        JsonValueKind.Number => value.TryGetDouble(out var d) && d != 0 && !double.IsNaN(d),
        JsonValueKind.True or JsonValueKind.Object or JsonValueKind.Array => true,
        _ => false,
    };

    /// <summary>The UTF-8 bytes between the quotes of a JSON string token (still escaped).</summary>
    public static ReadOnlySpan<byte> RawString(JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        return raw.Length >= 2 ? raw[1..^1] : raw;
    }

    /// <summary>
    /// JavaScript <c>String(value)</c> written into <paramref name="buffer"/> without allocating when it fits;
    /// otherwise an allocated string's characters. Arrays and objects follow JS: joined elements / "[object Object]".
    /// </summary>
    public static ReadOnlySpan<char> ToJsString(JsonElement value, Span<char> buffer)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var raw = RawString(value);
                if (raw.IndexOf((byte)'\\') < 0 && raw.Length <= buffer.Length
                    && Utf8.ToUtf16(raw, buffer, out _, out var written) == System.Buffers.OperationStatus.Done)
                {
                    return buffer[..written];
                }
                return value.GetString().AsSpan();
            case JsonValueKind.Number:
                var number = value.GetDouble();
                return TryFormatNumber(number, buffer, out var length) ? buffer[..length] : FormatNumber(number).AsSpan();
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            case JsonValueKind.Array:
                return JoinArray(value).AsSpan();
            case JsonValueKind.Object:
                return "[object Object]";
            default:
                return "null";
        }
    }

    /// <summary>Allocating convenience form of <see cref="ToJsString(JsonElement, Span{char})"/>.</summary>
    public static string ToJsString(JsonElement value)
    {
        Span<char> buffer = stackalloc char[StackTextLength];
        return ToJsString(value, buffer).ToString();
    }

    private static string JoinArray(JsonElement array)
    {
        var parts = new List<string>();
        foreach (var item in array.EnumerateArray())
        {
            parts.Add(IsNullish(item) ? "" : ToJsString(item));
        }
        return string.Join(',', parts);
    }

    /// <summary>JavaScript <c>Number(value)</c>; missing and null are 0 as in JS relational comparisons.</summary>
    public static double ToNumber(JsonElement value) => value.ValueKind switch
    {
        // Integer parsing is several times cheaper than double parsing, and most targeting numbers are integers.
        JsonValueKind.Number => value.TryGetInt64(out var integer) ? integer : value.GetDouble(),
        JsonValueKind.String => ParseJsNumber(ToJsString(value, stackalloc char[StackTextLength])),
        JsonValueKind.True => 1,
        JsonValueKind.False or JsonValueKind.Null or JsonValueKind.Undefined => 0,
        JsonValueKind.Array => value.GetArrayLength() switch
        {
            0 => 0,
            1 => ParseJsNumber(ToJsString(value[0], stackalloc char[StackTextLength])),
            _ => double.NaN,
        },
        _ => double.NaN,
    };

    /// <summary>JavaScript string-to-number conversion: trimmed, empty is 0, hex allowed, otherwise NaN.</summary>
    public static double ParseJsNumber(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IsEmpty)
        {
            return 0;
        }
        if (text.Length > 2 && text[0] == '0' && (text[1] is 'x' or 'X'))
        {
            return ulong.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex)
                ? hex : double.NaN;
        }
        // .NET accepts "NaN", thousands separators are not allowed by the chosen styles.
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN;
    }

    /// <summary>Formats a number the way JavaScript's <c>String(number)</c> does for the common cases.</summary>
    public static bool TryFormatNumber(double number, Span<char> destination, out int written)
    {
        if (double.IsNaN(number))
        {
            return Copy("NaN", destination, out written);
        }
        if (double.IsInfinity(number))
        {
            return Copy(number > 0 ? "Infinity" : "-Infinity", destination, out written);
        }
        if (number == Math.Floor(number) && Math.Abs(number) < 1e21)
        {
            // "F0" prints integral doubles exactly; -0 prints as "0" in JS.
            return (number == 0 ? 0d : number).TryFormat(destination, out written, "F0", CultureInfo.InvariantCulture);
        }
        if (!number.TryFormat(destination, out written, "R", CultureInfo.InvariantCulture))
        {
            return false;
        }
        var text = destination[..written];
        var e = text.IndexOf('E');
        if (e < 0)
        {
            return true;
        }
        // .NET writes 1E+21 / 1.5E-07, JavaScript writes 1e+21 / 1.5e-7.
        Span<char> exponent = stackalloc char[8];
        var sign = text[e + 1];
        var digits = text[(e + 2)..].TrimStart('0');
        if (digits.Length + 2 > exponent.Length)
        {
            return false;
        }
        exponent[0] = 'e';
        exponent[1] = sign;
        digits.CopyTo(exponent[2..]);
        var exponentLength = digits.Length + 2;
        if (e + exponentLength > destination.Length)
        {
            return false;
        }
        exponent[..exponentLength].CopyTo(destination[e..]);
        written = e + exponentLength;
        return true;
    }

    public static string FormatNumber(double number)
    {
        Span<char> buffer = stackalloc char[64];
        return TryFormatNumber(number, buffer, out var written)
            ? buffer[..written].ToString()
            : number.ToString("R", CultureInfo.InvariantCulture);
    }

    private static bool Copy(string text, Span<char> destination, out int written)
    {
        written = text.Length;
        return text.AsSpan().TryCopyTo(destination);
    }

    /// <summary>JavaScript <c>typeof</c> as GrowthBook's <c>$type</c> reports it.</summary>
    public static string TypeName(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "null",
    };

    /// <summary>Structural equality; object member order does not matter and numbers compare by value.</summary>
    public static bool DeepEquals(JsonElement left, JsonElement right)
    {
        if (IsNullish(left) || IsNullish(right))
        {
            return IsNullish(left) && IsNullish(right);
        }
        return JsonElement.DeepEquals(left, right);
    }

    /// <summary>JavaScript strict equality (<c>===</c> / SameValueZero) for primitives.</summary>
    public static bool StrictEquals(JsonElement left, JsonElement right)
    {
        if (IsNullish(left) || IsNullish(right))
        {
            return IsNullish(left) && IsNullish(right);
        }
        return (left.ValueKind, right.ValueKind) switch
        {
            (JsonValueKind.String, JsonValueKind.String) => StringEquals(left, right),
            (JsonValueKind.Number, JsonValueKind.Number) => left.GetDouble() == right.GetDouble(),
            (JsonValueKind.True, JsonValueKind.True) or (JsonValueKind.False, JsonValueKind.False) => true,
            (JsonValueKind.Array, JsonValueKind.Array) or (JsonValueKind.Object, JsonValueKind.Object)
                => JsonElement.DeepEquals(left, right),
            _ => false,
        };
    }

    private static bool StringEquals(JsonElement left, JsonElement right)
    {
        var raw = RawString(right);
        return raw.IndexOf((byte)'\\') < 0 ? left.ValueEquals(raw) : left.ValueEquals(right.GetString());
    }
}
