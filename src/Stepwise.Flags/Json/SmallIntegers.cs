using System.Globalization;
using System.Text.Json;

namespace Stepwise.Flags.Json;

/// <summary>
/// Pre-built number elements for array lengths, so <c>$size</c> can hand a length to an ordinary value test
/// without allocating a JSON document per evaluation.
/// </summary>
internal static class SmallIntegers
{
    private const int Count = 1024;
    private static readonly JsonElement Numbers = JsonElement.Parse("[" + string.Join(',', Enumerable.Range(0, Count)) + "]");

    public static JsonElement Get(int value) => value is >= 0 and < Count
        ? Numbers[value]
        : JsonElement.Parse(value.ToString(CultureInfo.InvariantCulture));
}
