using System.Globalization;
using Spectre.Console;
using Stepwise.Stats;
using Stepwise.Stats.Analysis;

namespace Stepwise.Cli.Analyze;

/// <summary>
/// The human-readable report: the sample-ratio check first (a loud warning when it fails), then one
/// row per metric and variant, one plain-language sentence per row, and the recommendation per variant.
/// </summary>
internal static class AnalysisTable
{
    private const int TextWidth = 110;

    /// <summary>Writes the report to <paramref name="console"/>.</summary>
    /// <param name="console">Where to write.</param>
    /// <param name="report">The analysis.</param>
    /// <param name="input">The input path as typed.</param>
    /// <param name="rows">Rows read.</param>
    /// <param name="live">True for a terminal: rounded borders.</param>
    public static void Write(IAnsiConsole console, ExperimentReport report, string input, long rows, bool live)
    {
        TableBorder border = live ? TableBorder.Rounded : TableBorder.Ascii;
        int metrics = report.Results.Select(r => r.Metric).Distinct(StringComparer.Ordinal).Count();
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"[bold]Experiment analysis of {input}[/]: {DisplayNumbers.Count(rows)} units, {report.Variants.Count} variants, {metrics} {(metrics == 1 ? "metric" : "metrics")}; control '{report.Control}', alpha = {report.Alpha}");
        console.WriteLine();
        WriteSrm(console, report, border, live);
        console.WriteLine();
        WriteResults(console, report, border);
        console.WriteLine();
        WriteExplanations(console, report);
        console.WriteLine();
        WriteDecisions(console, report);
    }

    private static void WriteSrm(IAnsiConsole console, ExperimentReport report, TableBorder border, bool live)
    {
        SrmResult srm = report.Srm;
        string p = DisplayNumbers.PValue(srm.PValue);
        string threshold = srm.Threshold.ToString("0.####", CultureInfo.InvariantCulture);
        if (srm.IsMismatch)
        {
            var warning = new Panel(new Markup(
                $"[bold red]SAMPLE RATIO MISMATCH: the results below are NOT trustworthy.[/]\n" +
                $"Chi-square p = {p} < {threshold}: the units are not split between the variants as planned. " +
                "Assignment, logging or filtering is broken, so every effect below may be biased. Find the cause before reading them."))
            {
                Header = new PanelHeader("[bold red] WARNING [/]"),
                Border = live ? BoxBorder.Heavy : BoxBorder.Ascii,
                Width = Math.Min(console.Profile.Width, TextWidth),
                BorderStyle = new Style(Color.Red),
            };
            console.Write(warning);
        }
        else
        {
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"[bold]Sample ratio check:[/] [green]OK[/] (chi-square p = {p}, not below {threshold}): the split matches the planned weights.");
        }

        var table = new Table().Border(border)
            .AddColumn("Variant")
            .AddColumn(new TableColumn("Units").RightAligned())
            .AddColumn(new TableColumn("Observed share").RightAligned())
            .AddColumn(new TableColumn("Planned share").RightAligned());
        long total = report.UnitCounts.Sum();
        foreach (int v in ControlFirst(report))
        {
            string name = report.Variants[v];
            table.AddRow(
                Markup.Escape(name == report.Control && name != "control" ? name + " (control)" : name),
                DisplayNumbers.Count(report.UnitCounts[v]),
                DisplayNumbers.Percent((double)report.UnitCounts[v] / total),
                DisplayNumbers.Percent(report.ExpectedWeights[v]));
        }

        console.Write(table);
    }

    private static void WriteResults(IAnsiConsole console, ExperimentReport report, TableBorder border)
    {
        string level = DisplayNumbers.Confidence(report.Alpha);
        var table = new Table().Border(border)
            .AddColumn("Metric")
            .AddColumn("Variant")
            .AddColumn(new TableColumn("Control mean").RightAligned())
            .AddColumn(new TableColumn("Variant mean").RightAligned())
            .AddColumn(new TableColumn("Effect").RightAligned())
            .AddColumn(new TableColumn($"{level} CI").RightAligned())
            .AddColumn(new TableColumn("Relative").RightAligned())
            .AddColumn(new TableColumn("p").RightAligned())
            .AddColumn(new TableColumn($"{report.Correction} p").RightAligned())
            .AddColumn(new TableColumn("CUPED").RightAligned())
            .AddColumn("Test");
        foreach (MetricResult r in report.Results)
        {
            table.AddRow(
                Text(r.Metric),
                Text(r.Variant),
                Text(ResultText.Mean(r, r.ControlMean)),
                Text(ResultText.Mean(r, r.VariantMean)),
                Styled(r, ResultText.Effect(r, r.AbsoluteEffect)),
                Text(ResultText.Interval(r)),
                Text(DisplayNumbers.SignedPercent(r.RelativeEffect)),
                Text(DisplayNumbers.PValue(r.PValue)),
                Text(DisplayNumbers.PValue(r.AdjustedPValue)),
                Text(ResultText.Cuped(r)),
                Text(r.Method));
        }

        console.MarkupLine("[bold]Results[/] (effect = variant - control, in percentage points (pp) for 0/1 metrics; CUPED = share of variance removed)");
        console.Write(table);
    }

    private static void WriteExplanations(IAnsiConsole console, ExperimentReport report)
    {
        int family = report.Results.Count(r => r.Role == MetricRole.Success);
        console.MarkupLine(report.Srm.IsMismatch
            ? "[bold]What it means[/] [red](if the data could be trusted; see the sample ratio mismatch above)[/]"
            : "[bold]What it means[/]");
        foreach (MetricResult r in report.Results)
        {
            WriteWrapped(console, Explanation.ForResult(r, report, family));
        }
    }

    private static void WriteDecisions(IAnsiConsole console, ExperimentReport report)
    {
        console.MarkupLine("[bold]Decision[/]");
        foreach (VariantDecision decision in report.Decisions)
        {
            var results = report.Results.Where(r => r.Variant == decision.Variant).ToList();
            var (label, sentence) = Explanation.ForDecision(decision, results);
            string color = decision.Recommendation switch
            {
                Recommendation.Ship => "green",
                Recommendation.Inconclusive => "yellow",
                _ => "red",
            };
            console.MarkupInterpolated(CultureInfo.InvariantCulture, $"  {decision.Variant}: [bold {color}]{label}[/] - ");
            WriteWrapped(console, sentence, decision.Variant.Length + label.Length + 7);
        }
    }

    /// <summary>
    /// Writes a sentence as an indented paragraph no wider than <see cref="TextWidth"/>, so it reads
    /// well in a terminal and in a file alike.
    /// </summary>
    private static void WriteWrapped(IAnsiConsole console, string text, int firstLineUsed = 0)
    {
        int width = Math.Min(console.Profile.Width, TextWidth);
        var line = new System.Text.StringBuilder(firstLineUsed == 0 ? "  " : "");
        int used = firstLineUsed == 0 ? 2 : firstLineUsed;
        // "p = 0.01" stays on one line: the words around '=' are glued for the split and restored below.
        foreach (string glued in text.Replace(" = ", "\u0001=\u0001", StringComparison.Ordinal).Split(' '))
        {
            string word = glued.Replace('\u0001', ' ');
            if (used + line.Length > 4 && used + word.Length + 1 > width)
            {
                console.WriteLine(line.ToString().TrimEnd());
                line.Clear().Append("    ");
                used = 4;
            }

            line.Append(word).Append(' ');
            used += word.Length + 1;
        }

        console.WriteLine(line.ToString().TrimEnd());
    }

    /// <summary>Variant indexes with the control first, then data order.</summary>
    internal static IEnumerable<int> ControlFirst(ExperimentReport report) =>
        Enumerable.Range(0, report.Variants.Count).OrderBy(v => report.Variants[v] == report.Control ? 0 : 1);

    private static Text Text(string text) => new(text);

    private static Markup Styled(MetricResult r, string text) => r.Outcome switch
    {
        Outcome.Better => new Markup($"[green]{Markup.Escape(text)}[/]"),
        Outcome.Worse => new Markup($"[red]{Markup.Escape(text)}[/]"),
        _ => new Markup(Markup.Escape(text)),
    };
}
