using System.Text.Json;
using Stepwise.Flags.Hashing;

namespace Stepwise.Flags.Json;

/// <summary>
/// Reads optional, typed members of a payload object, collecting a readable error for each member of the
/// wrong type instead of throwing. JSON null counts as absent.
/// </summary>
internal sealed class FieldReader(JsonElement obj, string context, List<string> errors)
{
    public JsonElement Object => obj;

    public bool Has(string name) => obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out _);

    public JsonElement Raw(string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : default;

    public string? String(string name)
    {
        var value = Raw(name);
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }
        // GrowthBook payloads sometimes carry ids and phases as numbers; JavaScript would stringify them.
        if (value.ValueKind == JsonValueKind.Number)
        {
            return JsSemantics.ToJsString(value);
        }
        Expect(value, name, "a string");
        return null;
    }

    public double? Number(string name)
    {
        var value = Raw(name);
        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.GetDouble();
        }
        Expect(value, name, "a number");
        return null;
    }

    public int? Integer(string name)
    {
        var number = Number(name);
        if (number is null)
        {
            return null;
        }
        if (number != Math.Floor(number.Value) || Math.Abs(number.Value) > int.MaxValue)
        {
            errors.Add($"{context}: '{name}' must be an integer");
            return null;
        }
        return (int)number.Value;
    }

    public bool? Boolean(string name)
    {
        var value = Raw(name);
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.ValueKind == JsonValueKind.True;
        }
        Expect(value, name, "a boolean");
        return null;
    }

    public JsonElement Array(string name)
    {
        var value = Raw(name);
        if (value.ValueKind == JsonValueKind.Array)
        {
            return value;
        }
        Expect(value, name, "an array");
        return default;
    }

    public double[]? NumberArray(string name)
    {
        var array = Array(name);
        if (array.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        var result = new double[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number)
            {
                errors.Add($"{context}: '{name}' must contain only numbers");
                return null;
            }
            result[i++] = item.GetDouble();
        }
        return result;
    }

    /// <summary>Reads a <c>[start, end]</c> pair.</summary>
    public BucketRange? Range(string name) => ReadRange(Raw(name), name);

    public BucketRange[]? Ranges(string name)
    {
        var array = Array(name);
        if (array.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        var result = new List<BucketRange>();
        foreach (var item in array.EnumerateArray())
        {
            if (ReadRange(item, name) is not { } range)
            {
                return null;
            }
            result.Add(range);
        }
        return [.. result];
    }

    private BucketRange? ReadRange(JsonElement value, string name)
    {
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 2
            && value[0].ValueKind == JsonValueKind.Number && value[1].ValueKind == JsonValueKind.Number)
        {
            return new BucketRange(value[0].GetDouble(), value[1].GetDouble());
        }
        errors.Add($"{context}: '{name}' must be [start, end] number pairs");
        return null;
    }

    /// <summary>Records a type error when the member is present.</summary>
    private void Expect(JsonElement value, string name, string expected)
    {
        if (value.ValueKind != JsonValueKind.Undefined)
        {
            errors.Add($"{context}: '{name}' must be {expected}, not {value.ValueKind}");
        }
    }
}
