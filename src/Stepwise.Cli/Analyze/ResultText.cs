using Stepwise.Stats.Analysis;

namespace Stepwise.Cli.Analyze;

/// <summary>
/// How one result's numbers read in the table and the sentences: proportions as percentages with
/// effects in percentage points (pp), other metrics in their own unit.
/// </summary>
internal static class ResultText
{
    /// <summary>True when the metric's values are all 0 or 1.</summary>
    public static bool IsProportion(MetricResult r) => r.Type == MetricType.Proportion;

    /// <summary>A group mean.</summary>
    public static string Mean(MetricResult r, double mean) => IsProportion(r) ? DisplayNumbers.Value(mean * 100) + "%" : DisplayNumbers.Value(mean);

    /// <summary>An absolute effect or interval end, signed.</summary>
    public static string Effect(MetricResult r, double effect) =>
        IsProportion(r) ? (double.IsFinite(effect) ? DisplayNumbers.Signed(effect * 100) + " pp" : "n/a") : DisplayNumbers.Signed(effect);

    /// <summary>The (1 − α) interval of the absolute effect.</summary>
    public static string Interval(MetricResult r) => $"{Effect(r, r.CiLow)} to {Effect(r, r.CiHigh)}";

    /// <summary>The CUPED column: the share of the effect's variance removed, or a dash without CUPED.</summary>
    public static string Cuped(MetricResult r) => r.Cuped ? DisplayNumbers.Percent(r.VarianceReduction ?? double.NaN) : "-";

    /// <summary>True when the comparison could not be computed (fewer than two units in a group).</summary>
    public static bool IsUndefined(MetricResult r) => !double.IsFinite(r.PValue) || !double.IsFinite(r.AbsoluteEffect);
}
