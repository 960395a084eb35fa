using System.Globalization;
using Stepwise.Stats;
using Stepwise.Stats.Analysis;

namespace Stepwise.Cli.Analyze;

/// <summary>Plain-language sentences for the table output: one per result, one per decision.</summary>
internal static class Explanation
{
    /// <summary>What one metric says about one variant, and why.</summary>
    /// <param name="r">The result.</param>
    /// <param name="report">The whole report (α, correction, control name).</param>
    /// <param name="family">Number of comparisons the correction ran across.</param>
    /// <returns>One sentence (or two).</returns>
    public static string ForResult(MetricResult r, ExperimentReport report, int family)
    {
        if (ResultText.IsUndefined(r))
        {
            return $"{r.Metric}: {r.Variant} cannot be compared with {report.Control}: each needs at least two units with varying values.";
        }

        string level = DisplayNumbers.Confidence(report.Alpha);
        string alpha = report.Alpha.ToString("0.###", CultureInfo.InvariantCulture);
        string numbers = $"{ResultText.Effect(r, r.AbsoluteEffect)} ({DisplayNumbers.SignedPercent(r.RelativeEffect)}), {level} CI {ResultText.Interval(r)}, p = {DisplayNumbers.PValue(r.PValue)}";
        string corrected = family > 1 ? $" after {CorrectionName(report.Correction)} correction for {family} comparisons" : "";
        string sentence = r.Outcome switch
        {
            Outcome.Better => $"{r.Metric}: {r.Variant} is significantly higher than {report.Control}, {numbers}. The increase holds at alpha = {alpha}{corrected}.",
            Outcome.Worse => $"{r.Metric}: {r.Variant} is significantly lower than {report.Control}, {numbers}. The drop holds at alpha = {alpha}{corrected}.",
            _ when r.PValue < report.Alpha => $"{r.Metric}: {r.Variant} differs from {report.Control} by {numbers}, but not significantly{corrected} (adjusted p = {DisplayNumbers.PValue(r.AdjustedPValue)} >= {alpha}); treat it as a possible chance finding.",
            _ => $"{r.Metric}: no significant difference between {r.Variant} and {report.Control}, {numbers}. The true effect could be anywhere in that interval, including zero.",
        };
        if (r.Cuped && r.VarianceReduction is double reduction && double.IsFinite(reduction))
        {
            string covariate = r.Metric + CsvLayout.CovariateSuffix;
            string raw = ResultText.Effect(r, r.VariantMean - r.ControlMean);
            sentence += reduction > 0
                ? $" CUPED on {covariate} removed {DisplayNumbers.Percent(reduction)} of the variance; the effect is adjusted for pre-period differences between the groups (raw difference of means {raw})."
                : $" CUPED on {covariate} did not reduce the variance: the pre-period values barely predict the metric (raw difference of means {raw}).";
        }

        return sentence;
    }

    /// <summary>The recommendation for one variant, with the reason in one sentence.</summary>
    /// <param name="decision">The decision rule's verdict.</param>
    /// <param name="results">That variant's results.</param>
    /// <returns>A label and a sentence.</returns>
    public static (string Label, string Sentence) ForDecision(VariantDecision decision, IReadOnlyList<MetricResult> results)
    {
        string better = Names(results, Outcome.Better);
        string worse = Names(results, Outcome.Worse);
        return decision.Recommendation switch
        {
            Recommendation.Ship => ("SHIP", $"{better} significantly better and no metric significantly worse."),
            Recommendation.DoNotShip => ("DO NOT SHIP", $"{worse} significantly worse."),
            Recommendation.Untrustworthy => ("UNTRUSTWORTHY", "the sample ratio mismatch means assignment or logging is broken; fix it and rerun the experiment before deciding."),
            _ => ("INCONCLUSIVE", "no metric is significantly better or worse; collect more data, or accept that any effect is too small to detect with this sample."),
        };
    }

    private static string Names(IReadOnlyList<MetricResult> results, Outcome outcome)
    {
        var names = results.Where(r => r.Outcome == outcome).Select(r => r.Metric).ToList();
        return names.Count switch
        {
            0 => "no metric is",
            1 => $"{names[0]} is",
            _ => $"{string.Join(", ", names.SkipLast(1))} and {names[^1]} are",
        };
    }

    private static string CorrectionName(CorrectionMethod method) => method switch
    {
        CorrectionMethod.BenjaminiHochberg => "Benjamini-Hochberg",
        _ => method.ToString(),
    };
}
