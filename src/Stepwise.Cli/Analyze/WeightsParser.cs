using System.Globalization;

namespace Stepwise.Cli.Analyze;

/// <summary>Parses <c>--weights control=0.5,treatment=0.5</c>.</summary>
internal static class WeightsParser
{
    /// <summary>Parses NAME=WEIGHT pairs separated by commas; weights are positive numbers on any scale.</summary>
    /// <param name="text">The option's value.</param>
    /// <param name="weights">The weights by variant name, in the order given.</param>
    /// <param name="error">What is wrong, when parsing fails.</param>
    /// <returns>True when the text is valid.</returns>
    public static bool TryParse(string text, out Dictionary<string, double> weights, out string? error)
    {
        weights = new Dictionary<string, double>(StringComparer.Ordinal);
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "no weights given; expected NAME=WEIGHT pairs such as control=0.5,treatment=0.5";
            return false;
        }

        foreach (string part in text.Split(','))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? "" : part[..equals].Trim();
            string number = equals < 0 ? "" : part[(equals + 1)..].Trim();
            if (name.Length == 0 || number.Length == 0)
            {
                error = $"'{part.Trim()}' is not NAME=WEIGHT; expected pairs such as control=0.5,treatment=0.5";
                return false;
            }

            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double weight) || !double.IsFinite(weight))
            {
                error = $"'{number}' (the weight of '{name}') is not a number";
                return false;
            }

            if (weight <= 0)
            {
                error = $"the weight of '{name}' must be positive, not {number}";
                return false;
            }

            if (!weights.TryAdd(name, weight))
            {
                error = $"'{name}' is given twice";
                return false;
            }
        }

        return true;
    }
}
