using System.Globalization;

namespace Stepwise.Careers.Reports;

/// <summary>One way to write the reports' figures, so the pages and the CSV files show the same numbers.</summary>
public static class ReportFormat
{
    /// <summary>A share as a percentage with one decimal ("37.5").</summary>
    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>Percentage points with a sign ("+2.5", "-4.0", "0.0").</summary>
    public static string Points(double points) => Math.Round(points, 1).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);

    /// <summary>A distribution's deviation from the target (never negative), in points ("35.0").</summary>
    public static string Deviation(double points) => Math.Round(points, 1).ToString("0.0", CultureInfo.InvariantCulture);

    public static string Months(double? months) => months?.ToString("0.0", CultureInfo.InvariantCulture) ?? "";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Hidden(int minGroupSize) => $"hidden: fewer than {minGroupSize} people";
}
