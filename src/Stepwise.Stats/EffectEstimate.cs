using Stepwise.Stats.Distributions;

namespace Stepwise.Stats;

/// <summary>
/// The comparison of a treatment (variant) with the control on one metric: both means, the absolute
/// effect (treatment − control) with its two-sided (1 − α) interval and p-value, and the relative
/// effect (treatment / control − 1) with a delta-method interval. A value type: building one allocates nothing.
/// </summary>
public readonly record struct EffectEstimate
{
    /// <summary>Control mean (CUPED-adjusted when the estimate is adjusted).</summary>
    public double ControlMean { get; init; }

    /// <summary>Treatment mean (CUPED-adjusted when the estimate is adjusted).</summary>
    public double TreatmentMean { get; init; }

    /// <summary>Treatment mean − control mean.</summary>
    public double AbsoluteEffect { get; init; }

    /// <summary>Standard error of the absolute effect.</summary>
    public double StandardError { get; init; }

    /// <summary>Degrees of freedom of the reference t distribution; +∞ means a normal (z) reference.</summary>
    public double DegreesOfFreedom { get; init; }

    /// <summary>Test statistic AbsoluteEffect / StandardError.</summary>
    public double Statistic { get; init; }

    /// <summary>Two-sided p-value for "no difference".</summary>
    public double PValue { get; init; }

    /// <summary>Significance level the intervals were built for.</summary>
    public double Alpha { get; init; }

    /// <summary>Lower bound of the two-sided (1 − α) interval of the absolute effect.</summary>
    public double CiLow { get; init; }

    /// <summary>Upper bound of the two-sided (1 − α) interval of the absolute effect.</summary>
    public double CiHigh { get; init; }

    /// <summary>Treatment mean / control mean − 1.</summary>
    public double RelativeEffect { get; init; }

    /// <summary>Delta-method standard error of the relative effect.</summary>
    public double RelativeStandardError { get; init; }

    /// <summary>Lower bound of the (1 − α) interval of the relative effect.</summary>
    public double RelativeCiLow { get; init; }

    /// <summary>Upper bound of the (1 − α) interval of the relative effect.</summary>
    public double RelativeCiHigh { get; init; }

    /// <summary>True when <see cref="PValue"/> &lt; <see cref="Alpha"/>.</summary>
    public bool IsSignificant => PValue < Alpha;

    /// <summary>
    /// Builds an estimate from two independent group means and the estimated variances of those means.
    /// Every test in the library reduces to this: Welch (variance s²/n, Welch–Satterthwaite ν),
    /// proportions (p(1 − p)/n, ν = ∞), ratio metrics (delta-method variance, ν = ∞) and CUPED.
    /// </summary>
    /// <param name="controlMean">Control group mean.</param>
    /// <param name="controlMeanVariance">Estimated variance of the control mean.</param>
    /// <param name="treatmentMean">Treatment group mean.</param>
    /// <param name="treatmentMeanVariance">Estimated variance of the treatment mean.</param>
    /// <param name="degreesOfFreedom">ν of the t reference distribution, or +∞ for normal.</param>
    /// <param name="alpha">Two-sided significance level in (0, 1).</param>
    /// <returns>The estimate; NaN fields when a variance is undefined.</returns>
    public static EffectEstimate FromGroupMeans(
        double controlMean, double controlMeanVariance,
        double treatmentMean, double treatmentMeanVariance,
        double degreesOfFreedom, double alpha)
    {
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 1).");
        double effect = treatmentMean - controlMean;
        double variance = controlMeanVariance + treatmentMeanVariance;
        double se = Math.Sqrt(variance);
        double statistic, pValue, critical;
        if (se > 0)
        {
            statistic = effect / se;
            pValue = StudentT.TwoSidedPValue(statistic, degreesOfFreedom);
            critical = StudentT.Quantile(1 - alpha / 2, degreesOfFreedom);
        }
        else
        {
            // Degenerate: no sampling noise at all. Any difference is certain; none is certainly none.
            statistic = double.IsNaN(se) ? double.NaN : effect == 0 ? 0 : Math.CopySign(double.PositiveInfinity, effect);
            pValue = double.IsNaN(se) ? double.NaN : effect == 0 ? 1 : 0;
            critical = 0;
        }

        // Delta method for R = T/C − 1 with independent groups:
        // Var(R) ≈ Var(T)/C² + T²·Var(C)/C⁴.
        double relative = treatmentMean / controlMean - 1;
        double c2 = controlMean * controlMean;
        double relativeSe = Math.Sqrt(treatmentMeanVariance / c2 + treatmentMean * treatmentMean * controlMeanVariance / (c2 * c2));
        return new EffectEstimate
        {
            ControlMean = controlMean,
            TreatmentMean = treatmentMean,
            AbsoluteEffect = effect,
            StandardError = se,
            DegreesOfFreedom = degreesOfFreedom,
            Statistic = statistic,
            PValue = pValue,
            Alpha = alpha,
            CiLow = effect - critical * se,
            CiHigh = effect + critical * se,
            RelativeEffect = relative,
            RelativeStandardError = relativeSe,
            RelativeCiLow = relative - critical * relativeSe,
            RelativeCiHigh = relative + critical * relativeSe,
        };
    }
}
