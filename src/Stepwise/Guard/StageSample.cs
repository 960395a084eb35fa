using Stepwise.Stats;
using Stepwise.Stats.Analysis;
using Stepwise.Stats.Planning;

namespace Stepwise.Guard;

/// <summary>
/// The sample a rollout stage needs: for each guardrail, the units that detect a harm as large as its margin (relative
/// to the control mean) with the plan's power in a one-sided test at α, at the split observed so far (treatment / control
/// units) and with the standard deviation observed in the control arm. The stage needs the largest of them.
/// </summary>
public static class StageSample
{
    /// <summary>Total units (both arms) needed; 0 without guardrails; null while the data cannot size it (no units or no variance yet).</summary>
    public static long? Required(ExperimentData data, IReadOnlyDictionary<string, double> margins, double alpha, double power)
    {
        if (margins.Count == 0) return 0;
        if (data.UnitCounts.Count < 2 || data.UnitCounts[0] < 2 || data.UnitCounts[1] < 2) return null;
        var ratio = (double)data.UnitCounts[1] / data.UnitCounts[0];
        long needed = 0;
        foreach (var metric in data.Metrics)
        {
            if (!margins.TryGetValue(metric.Definition.Name, out var margin)) continue;
            var control = metric.ByVariant[0];
            var (mean, sd) = MeanAndDeviation(metric, control);
            var harm = Math.Abs(mean) * margin;
            if (!(harm > 0) || !(sd > 0) || !double.IsFinite(sd)) return null;
            var controlUnits = PowerAnalysis.ControlSampleSize(sd, harm, alpha, power, ratio, Alternative.OneSided);
            needed = Math.Max(needed, (long)Math.Ceiling(controlUnits * (1 + ratio)));
        }
        return needed;
    }

    /// <summary>The per-unit mean and standard deviation of the metric in one arm (a ratio by the delta method).</summary>
    public static (double Mean, double Deviation) MeanAndDeviation(MetricData metric, CoMoments m)
    {
        if (metric.IsBinary) return (m.MeanY, Math.Sqrt(m.MeanY * (1 - m.MeanY)));
        if (metric.Definition.Type != MetricType.Ratio) return (m.MeanY, m.Y.StandardDeviation);
        if (m.MeanX == 0) return (double.NaN, double.NaN);
        var r = m.MeanY / m.MeanX;
        var variance = (m.Y.Variance - 2 * r * m.Covariance + r * r * m.X.Variance) / (m.MeanX * m.MeanX);
        return (r, Math.Sqrt(Math.Max(0, variance)));
    }
}
