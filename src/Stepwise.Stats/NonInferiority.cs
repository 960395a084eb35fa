using Stepwise.Stats.Distributions;

namespace Stepwise.Stats;

/// <summary>The outcome of a one-sided non-inferiority test.</summary>
/// <param name="Margin">The tolerated worsening (positive, in the units of <paramref name="MarginType"/>).</param>
/// <param name="MarginType">Whether the margin is relative or absolute.</param>
/// <param name="Statistic">(effect − worst tolerated effect) / SE, oriented so that large values favour non-inferiority.</param>
/// <param name="PValue">One-sided p-value for H0: the treatment is worse than the margin.</param>
/// <param name="Bound">The one-sided (1 − α) confidence bound on the effect on the side of harm.</param>
/// <param name="IsNonInferior">True when H0 is rejected at α.</param>
public readonly record struct NonInferiorityResult(double Margin, MarginType MarginType, double Statistic, double PValue, double Bound, bool IsNonInferior);

/// <summary>
/// Non-inferiority tests for guardrail metrics: H0 "the treatment is worse than the margin" against
/// H1 "it is at most margin worse". With higher-is-better, H0: Δ ≤ −m; with lower-is-better, H0: Δ ≥ m.
/// Absolute margins test the absolute effect with its own reference distribution (Welch t or z);
/// relative margins test the relative effect with its delta-method standard error.
/// </summary>
public static class NonInferiority
{
    /// <summary>Runs the one-sided test on an estimate already computed.</summary>
    /// <param name="estimate">The treatment-vs-control estimate.</param>
    /// <param name="margin">Tolerated worsening, ≥ 0.</param>
    /// <param name="marginType">Relative (fraction of control) or absolute.</param>
    /// <param name="preferred">The metric's preferred direction.</param>
    /// <param name="alpha">One-sided significance level.</param>
    /// <returns>The test result.</returns>
    public static NonInferiorityResult Test(in EffectEstimate estimate, double margin, MarginType marginType, Direction preferred, double alpha = 0.05)
    {
        if (!(margin >= 0)) throw new ArgumentOutOfRangeException(nameof(margin), margin, "The margin must be zero or positive.");
        bool relative = marginType == MarginType.Relative;
        double effect = relative ? estimate.RelativeEffect : estimate.AbsoluteEffect;
        double se = relative ? estimate.RelativeStandardError : estimate.StandardError;
        double df = estimate.DegreesOfFreedom;
        // Orient so that "good" is positive: improvement in the preferred direction.
        double sign = preferred == Direction.Increase ? 1 : -1;
        double statistic = (sign * effect + margin) / se;
        double pValue = StudentT.Sf(statistic, df);
        double critical = StudentT.Quantile(1 - alpha, df);
        double bound = effect - sign * critical * se;
        return new NonInferiorityResult(margin, marginType, statistic, pValue, bound, pValue < alpha);
    }

    /// <summary>
    /// The always-valid version for continuous monitoring: non-inferior when the confidence sequence
    /// (see <see cref="Sequential.AlwaysValidInference"/>) excludes the margin on the side of harm.
    /// </summary>
    /// <param name="estimate">The treatment-vs-control estimate at this look.</param>
    /// <param name="margin">Tolerated worsening, ≥ 0.</param>
    /// <param name="marginType">Relative (fraction of control) or absolute.</param>
    /// <param name="preferred">The metric's preferred direction.</param>
    /// <param name="totalUnits">Units in both groups at this look.</param>
    /// <param name="plannedUnits">Total units at which the sequence should be tightest; fixed in advance.</param>
    /// <param name="alpha">Significance level.</param>
    /// <returns>The test result; the p-value is always valid.</returns>
    public static NonInferiorityResult TestAlwaysValid(in EffectEstimate estimate, double margin, MarginType marginType, Direction preferred, long totalUnits, long plannedUnits, double alpha = 0.05)
    {
        if (!(margin >= 0)) throw new ArgumentOutOfRangeException(nameof(margin), margin, "The margin must be zero or positive.");
        bool relative = marginType == MarginType.Relative;
        double effect = relative ? estimate.RelativeEffect : estimate.AbsoluteEffect;
        double se = relative ? estimate.RelativeStandardError : estimate.StandardError;
        double sign = preferred == Direction.Increase ? 1 : -1;
        double statistic = (sign * effect + margin) / se;
        double pValue = statistic > 0
            ? Math.Min(1, 1 / Sequential.AlwaysValidInference.LikelihoodRatio(statistic, totalUnits, plannedUnits, alpha))
            : 1;
        double bound = effect - sign * Sequential.AlwaysValidInference.HalfWidthFactor(totalUnits, plannedUnits, alpha) * se;
        return new NonInferiorityResult(margin, marginType, statistic, pValue, bound, pValue < alpha);
    }
}
