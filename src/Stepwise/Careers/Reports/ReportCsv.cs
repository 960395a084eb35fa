using System.Globalization;
using System.Text;
using Stepwise.Careers.Distribution;

namespace Stepwise.Careers.Reports;

/// <summary>The reports as CSV: the figures the pages show, formatted the same way, hidden groups included as hidden.</summary>
public static class ReportCsv
{
    public static string Distribution(DistributionReport report)
    {
        var csv = new StringBuilder("group,people,step,step_name,count,share_percent,target_percent,deviation_points,group_deviation_points,note\n");
        void Comparison(string name, DistributionComparison c)
        {
            foreach (var s in c.Steps)
                Line(csv, name, Int(c.Total), Int(s.Level), Steps.StepLevels.Name(s.Level), Int(s.Count), ReportFormat.Percent(s.Share),
                    ReportFormat.Percent(s.TargetShare), ReportFormat.Points(s.DeviationPoints), ReportFormat.Deviation(c.DeviationPoints), "");
        }
        var all = $"All: {report.Frame.ScopeLabel}";
        if (report.Overall is { } overall) Comparison(all, overall);
        else Line(csv, all, "", "", "", "", "", "", "", "", ReportFormat.Hidden(report.Frame.MinGroupSize));
        foreach (var g in report.Groups)
        {
            if (g.Comparison is { } c) Comparison(g.Name, c);
            else Line(csv, g.Name, "", "", "", "", "", "", "", "", ReportFormat.Hidden(report.Frame.MinGroupSize));
        }
        return csv.ToString();
    }

    public static string Promotions(PromotionsReport report)
    {
        var csv = new StringBuilder("unit,period,period_start,promotions,note\n");
        var all = $"All: {report.Frame.ScopeLabel}";
        if (report.Hidden) Line(csv, all, "", "", "", ReportFormat.Hidden(report.Frame.MinGroupSize));
        foreach (var b in report.Buckets) Line(csv, all, b.Period, ReportFormat.Date(b.Start), Int(b.Promotions), "");
        foreach (var unit in report.ByTribe)
        {
            if (unit.Hidden) Line(csv, unit.Name, "", "", "", ReportFormat.Hidden(report.Frame.MinGroupSize));
            foreach (var b in unit.Buckets) Line(csv, unit.Name, b.Period, ReportFormat.Date(b.Start), Int(b.Promotions), "");
        }
        return csv.ToString();
    }

    public static string TimeInStep(TimeInStepReport report)
    {
        var csv = new StringBuilder("step,step_name,people,median_months,span,people_in_span,note\n");
        foreach (var s in report.Steps)
        {
            if (s.Hidden)
            {
                Line(csv, Int(s.Level), s.StepName, "", "", "", "", ReportFormat.Hidden(report.Frame.MinGroupSize));
                continue;
            }
            foreach (var b in s.Buckets) Line(csv, Int(s.Level), s.StepName, Int(s.People), ReportFormat.Months(s.MedianMonths), b.Label, Int(b.People), "");
        }
        return csv.ToString();
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder csv, params string[] cells) =>
        csv.Append(string.Join(',', cells.Select(Escape))).Append('\n');

    /// <summary>Quotes what needs quoting, and defuses cells a spreadsheet would run as a formula.</summary>
    private static string Escape(string cell)
    {
        if (cell.Length > 0 && "=@".Contains(cell[0], StringComparison.Ordinal)) cell = "'" + cell;
        return cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;
    }
}
