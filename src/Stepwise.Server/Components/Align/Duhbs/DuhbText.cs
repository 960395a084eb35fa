using System.Globalization;
using Stepwise.Align.Duhbs;
using Stepwise.Delivery.Lifecycle;

namespace Stepwise.Server.Components.Align.Duhbs;

/// <summary>Words and formats the DUHB pages share, and the one-line metric format the form uses ("trial-conversion increase 0.05").</summary>
public static class DuhbText
{
    public static string State(DuhbState state) => state switch
    {
        DuhbState.InReview => "In review",
        DuhbState.Closed => "Closed",
        _ => "Draft",
    };

    public static string Badge(DuhbState state) => state switch
    {
        DuhbState.InReview => "info",
        DuhbState.Closed => "secondary",
        _ => "light",
    };

    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Percent(double share) => (share * 100).ToString("+0.#;-0.#;0", CultureInfo.InvariantCulture) + "%";

    public static string Metric(SuccessMetric m) => $"{m.MetricKey} {Direction(m.Direction)} {Number(m.MinimumEffect)}";

    public static string Metric(GuardrailMetric m) => $"{m.MetricKey} {Direction(m.Direction)} {Number(m.Margin)}";

    private static string Direction(MetricDirection d) => d == MetricDirection.Increase ? "increase" : "decrease";

    public static IEnumerable<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    /// <summary>"key direction amount" lines; a line that does not parse is kept as a metric the service will refuse with a reason.</summary>
    public static List<(string Key, MetricDirection Direction, double Amount)> Metrics(string? text) =>
        [.. Lines(text).Select(line =>
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var direction = parts.Length > 1 && parts[1].StartsWith("dec", StringComparison.OrdinalIgnoreCase) ? MetricDirection.Decrease : MetricDirection.Increase;
            var amount = parts.Length > 2 && double.TryParse(parts[2].TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var a) ? a : double.NaN;
            return (parts[0], direction, amount);
        })];

    /// <summary>"label | number | unit | source" lines.</summary>
    public static List<DataPoint> DataPoints(string? text) =>
        [.. Lines(text).Select(line =>
        {
            var parts = line.Split('|').Select(p => p.Trim()).ToArray();
            var value = parts.Length > 1 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
            return new DataPoint(parts[0], value, parts.Length > 2 ? parts[2] : null, parts.Length > 3 ? parts[3] : null);
        })];

    public static string DataPointLines(IEnumerable<DataPoint> points) =>
        string.Join('\n', points.Select(p => $"{p.Label} | {Number(p.Value)} | {p.Unit} | {p.Source}"));
}
