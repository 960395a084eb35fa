using System.Globalization;
using System.Text.Json;
using Stepwise.Delivery.Model;

namespace Stepwise.Server.Components.Delivery;

/// <summary>Turns what people type into form fields into the JSON and numbers the services take, recording what does not parse.</summary>
public static class JsonInput
{
    /// <summary>
    /// A flag value. For string flags plain text is the value itself (typing quotes is optional), which is
    /// how the forms show string values; other types take JSON (true, 42, {"a": 1}). Empty means absent.
    /// </summary>
    public static JsonElement? Value(string? text, FlagValueType type, string field, PageErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text.Trim();
        if (type == FlagValueType.String && !trimmed.StartsWith('"')) return JsonSerializer.SerializeToElement(trimmed);
        return Parse(trimmed, field, errors);
    }

    /// <summary>A targeting condition or other JSON document; empty means none.</summary>
    public static JsonElement? Document(string? text, string field, PageErrors errors) =>
        string.IsNullOrWhiteSpace(text) ? null : Parse(text.Trim(), field, errors);

    /// <summary>A percentage typed into a field, as a share; empty gives null.</summary>
    public static double? Share(string? text, string field, PageErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (double.TryParse(text.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && double.IsFinite(percent))
            return percent / 100;
        errors.Add(field, $"'{text}' is not a percentage.");
        return null;
    }

    /// <summary>A comma-separated list of percentages ("1, 5, 10") as shares.</summary>
    public static IReadOnlyList<double>? Shares(string? text, string field, PageErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var shares = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Share(part, field, errors) is { } share) shares.Add(share);
        }
        return shares;
    }

    private static JsonElement? Parse(string text, string field, PageErrors errors)
    {
        try
        {
            return JsonElement.Parse(text);
        }
        catch (JsonException e)
        {
            errors.Add(field, $"This is not valid JSON: {FirstSentence(e.Message)}");
            return null;
        }
    }

    private static string FirstSentence(string message) => message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0];
}
