using System.Globalization;
using System.Text.Json;

namespace Stepwise.Flags.Tests.Conformance;

/// <summary>
/// Structural JSON comparison for expected-vs-actual results: member order is ignored, numbers compare with a
/// small tolerance (expected values are written rounded), and a member listed in <c>compareAsText</c> compares
/// by its JavaScript string form (GrowthBook echoes <c>hashValue</c> with the attribute's original type).
/// </summary>
internal static class JsonEquivalence
{
    private const double Tolerance = 1e-9;

    public static bool Equivalent(JsonElement expected, JsonElement actual, out string difference, params string[] compareAsText) =>
        Compare(expected, actual, "$", compareAsText, out difference);

    private static bool Compare(JsonElement expected, JsonElement actual, string path, string[] asText, out string difference)
    {
        difference = "";
        if (expected.ValueKind == JsonValueKind.Number && actual.ValueKind == JsonValueKind.Number)
        {
            return Math.Abs(expected.GetDouble() - actual.GetDouble()) <= Tolerance || Fail(expected, actual, path, out difference);
        }
        if (expected.ValueKind != actual.ValueKind)
        {
            return Fail(expected, actual, path, out difference);
        }
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedNames = expected.EnumerateObject().Select(p => p.Name).ToHashSet();
                var actualNames = actual.EnumerateObject().Select(p => p.Name).ToHashSet();
                if (!expectedNames.SetEquals(actualNames))
                {
                    difference = $"{path}: members [{string.Join(",", expectedNames.Order())}] expected, got [{string.Join(",", actualNames.Order())}]";
                    return false;
                }
                foreach (var name in expectedNames)
                {
                    var e = expected.GetProperty(name);
                    var a = actual.GetProperty(name);
                    if (asText.Contains(name) ? TextOf(e) != TextOf(a) : !Compare(e, a, $"{path}.{name}", asText, out difference))
                    {
                        if (difference.Length == 0)
                        {
                            Fail(e, a, $"{path}.{name}", out difference);
                        }
                        return false;
                    }
                }
                return true;
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                {
                    return Fail(expected, actual, path, out difference);
                }
                for (var i = 0; i < expected.GetArrayLength(); i++)
                {
                    if (!Compare(expected[i], actual[i], $"{path}[{i}]", asText, out difference))
                    {
                        return false;
                    }
                }
                return true;
            case JsonValueKind.String:
                return expected.GetString() == actual.GetString() || Fail(expected, actual, path, out difference);
            default:
                return true;
        }
    }

    private static string TextOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetDouble().ToString(CultureInfo.InvariantCulture),
        _ => value.GetRawText(),
    };

    private static bool Fail(JsonElement expected, JsonElement actual, string path, out string difference)
    {
        difference = $"{path}: expected {Raw(expected)}, got {Raw(actual)}";
        return false;
    }

    private static string Raw(JsonElement value) => value.ValueKind == JsonValueKind.Undefined ? "(missing)" : value.GetRawText();
}
