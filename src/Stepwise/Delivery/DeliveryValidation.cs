using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Stepwise.Api;
using Stepwise.Delivery.Model;

namespace Stepwise.Delivery;

/// <summary>Checks shared by every delivery write: keys, typed values, targeting conditions and shares.</summary>
public static partial class DeliveryValidation
{
    public const int MaxJsonLength = 65536;
    public const double Tolerance = 1e-9;

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,99}$")]
    public static partial Regex KeyPattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.-]{0,99}$")]
    public static partial Regex AttributePattern();

    public static string NormalizeKey(string? key) => key?.Trim().ToLowerInvariant() ?? "";

    public static FieldErrors Key(this FieldErrors errors, string field, string key)
    {
        if (key.Length == 0) errors.Add(field, $"'{field}' is required.");
        else if (!KeyPattern().IsMatch(key))
            errors.Add(field, "Use up to 100 lowercase letters, digits, '.', '_' and '-', starting with a letter or digit.");
        return errors;
    }

    public static FieldErrors Attribute(this FieldErrors errors, string field, string? attribute)
    {
        if (attribute is not null && !AttributePattern().IsMatch(attribute))
            errors.Add(field, $"'{attribute}' is not an attribute name (letters, digits, '_', '.', '-').");
        return errors;
    }

    /// <summary>Checks a share of units is a number in [0, 1].</summary>
    public static FieldErrors Share(this FieldErrors errors, string field, double? share, bool allowZero = true)
    {
        if (share is not { } s) return errors;
        if (double.IsNaN(s) || s < 0 || s > 1) errors.Add(field, $"'{field}' must be between 0 and 1 (a share of units); got {s.ToString(CultureInfo.InvariantCulture)}.");
        else if (!allowZero && s <= 0) errors.Add(field, $"'{field}' must be more than 0.");
        return errors;
    }

    /// <summary>Returns the value as compact JSON when it fits the flag's type; otherwise records why and returns null.</summary>
    public static string? Value(this FieldErrors errors, string field, FlagValueType type, JsonElement? value)
    {
        if (value is not { } v || v.ValueKind == JsonValueKind.Undefined)
        {
            errors.Add(field, $"'{field}' is required.");
            return null;
        }
        var fits = type switch
        {
            FlagValueType.Boolean => v.ValueKind is JsonValueKind.True or JsonValueKind.False,
            FlagValueType.String => v.ValueKind == JsonValueKind.String,
            FlagValueType.Number => v.ValueKind == JsonValueKind.Number,
            _ => v.ValueKind != JsonValueKind.Null,
        };
        if (!fits)
        {
            errors.Add(field, $"'{field}' must be a {TypeName(type)} value for this flag; got {v.ValueKind.ToString().ToLowerInvariant()}.");
            return null;
        }
        var text = v.GetRawText();
        if (text.Length > MaxJsonLength)
        {
            errors.Add(field, $"'{field}' is {text.Length} characters of JSON; the limit is {MaxJsonLength}.");
            return null;
        }
        return JsonSerializer.Serialize(v);
    }

    /// <summary>Checks a targeting condition compiles in the evaluation engine; returns compact JSON, or null when absent or broken.</summary>
    public static string? Condition(this FieldErrors errors, string field, JsonElement? condition)
    {
        if (condition is not { } c || c.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null) return null;
        if (c.ValueKind != JsonValueKind.Object)
        {
            errors.Add(field, $"'{field}' must be a JSON object (a targeting condition such as {{\"country\": {{\"$in\": [\"NL\", \"BE\"]}}}}).");
            return null;
        }
        var text = c.GetRawText();
        if (text.Length > MaxJsonLength)
        {
            errors.Add(field, $"'{field}' is {text.Length} characters of JSON; the limit is {MaxJsonLength}.");
            return null;
        }
        var compiled = global::Stepwise.Flags.Conditions.Condition.Parse(c);
        foreach (var problem in compiled.Errors) errors.Add(field, problem);
        if (!compiled.IsValid) return null;
        return c.EnumerateObject().Any() ? JsonSerializer.Serialize(c) : null;
    }

    public static string TypeName(FlagValueType type) => type switch
    {
        FlagValueType.Boolean => "boolean",
        FlagValueType.String => "string",
        FlagValueType.Number => "number",
        _ => "JSON",
    };

    public static string Percent(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
