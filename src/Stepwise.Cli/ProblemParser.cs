using System.Globalization;
using System.Text.Json;

namespace Stepwise.Cli;

/// <summary>
/// Reads problem+json leniently: the import's <c>errors</c> array of row errors, or ASP.NET's
/// validation shape where <c>errors</c> maps a field name to messages. Anything unreadable yields null.
/// </summary>
internal static class ProblemParser
{
    public static ProblemDetails? TryParse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var errors = new List<ImportError>();
            if (TryGet(root, "errors", out var errorsElement))
            {
                if (errorsElement.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in errorsElement.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.Object)
                        {
                            errors.Add(new ImportError(
                                String(item, "file"),
                                Int(item, "line"),
                                Int(item, "column"),
                                String(item, "field"),
                                String(item, "message")));
                        }
                        else if (item.ValueKind == JsonValueKind.String)
                        {
                            errors.Add(new ImportError(null, null, null, null, item.GetString()));
                        }
                    }
                }
                else if (errorsElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in errorsElement.EnumerateObject())
                    {
                        var messages = property.Value.ValueKind == JsonValueKind.Array
                            ? property.Value.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.String ? m.GetString() : m.GetRawText())
                            : [property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText()];
                        foreach (var message in messages)
                        {
                            errors.Add(new ImportError(null, null, null, property.Name, message));
                        }
                    }
                }
            }

            return new ProblemDetails(
                String(root, "type"),
                String(root, "title"),
                Int(root, "status"),
                String(root, "detail"),
                Int(root, "errorCount"),
                errors);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string? String(JsonElement element, string name) =>
        TryGet(element, name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        } : null;

    private static int? Int(JsonElement element, string name)
    {
        if (!TryGet(element, name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        return value.ValueKind == JsonValueKind.String
            && int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : null;
    }
}
