using System.Globalization;
using System.Security.Claims;
using Stepwise.Events.Metrics;

namespace Stepwise.Server.Components.Metrics;

/// <summary>Formatting shared by the metrics pages.</summary>
public static class MetricText
{
    public static string Kind(MetricView m) => m.Kind switch
    {
        MetricKind.Conversion => "conversion",
        MetricKind.Sum => "sum per unit",
        MetricKind.Mean => "mean per event",
        MetricKind.Ratio => "ratio",
        MetricKind.Retention => $"retention on day {m.RetentionDays}",
        _ => m.Kind.ToString(),
    };

    public static string Percent(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static string Number(double? value, string format = "0.####") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "—";

    public static string SignedPercent(double? share) =>
        share is { } s ? (s >= 0 ? "+" : "") + (s * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%" : "—";

    public static string P(double? p) => p switch
    {
        null => "—",
        < 0.0001 => "< 0.0001",
        { } v => v.ToString("0.####", CultureInfo.InvariantCulture),
    };

    public static bool CanEdit(ClaimsPrincipal user, MetricView metric) => MetricService.CanEdit(user, metric.CreatedByPersonId, metric.CreatedByUserId);
}
