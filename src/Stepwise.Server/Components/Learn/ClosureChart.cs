using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Components;
using Stepwise.Learn;

namespace Stepwise.Server.Components.Learn;

/// <summary>Horizontal bars of action closure rates, as inline SVG drawn on the server (the organization first, in blue).</summary>
public static class ClosureChart
{
    private const int RowHeight = 26, LabelWidth = 220, BarWidth = 360, Width = LabelWidth + BarWidth + 120;

    public static MarkupString Svg(IReadOnlyList<ClosureRate> rows)
    {
        var height = rows.Count * RowHeight + 10;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"closure-chart mb-3\" role=\"img\" aria-labelledby=\"closure-title\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\">");
        svg.Append("<title id=\"closure-title\">Share of action items closed per team</title>");
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var y = i * RowHeight + 5;
            var bold = r.UnitId is null ? "bold" : "normal";
            var fill = r.UnitId is null ? "#0d6efd" : "#198754";
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 16}\" text-anchor=\"end\" font-size=\"13\" font-weight=\"{bold}\">{WebUtility.HtmlEncode(r.Unit)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{BarWidth}\" height=\"20\" fill=\"#e9ecef\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{(int)Math.Round(r.Rate * BarWidth)}\" height=\"20\" fill=\"{fill}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + BarWidth + 8}\" y=\"{y + 16}\" font-size=\"13\">{LearnText.Percent(r.Rate)} ({r.Closed}/{r.Total})</text>");
        }
        return new MarkupString(svg.Append("</svg>").ToString());
    }
}
