using Stepwise.Stats.Distributions;

namespace Stepwise.Stats.Sequential;

/// <summary>An always-valid p-value and confidence interval at one look.</summary>
/// <param name="PValue">Always-valid p-value 1/Λ (capped at 1); reject when below α, at any look.</param>
/// <param name="CiLow">Lower end of the confidence sequence for the absolute effect at this look.</param>
/// <param name="CiHigh">Upper end of the confidence sequence for the absolute effect at this look.</param>
/// <param name="LikelihoodRatio">The mixture likelihood ratio Λ.</param>
public readonly record struct AlwaysValidResult(double PValue, double CiLow, double CiHigh, double LikelihoodRatio)
{
    /// <summary>True when the confidence sequence excludes zero (equivalently PValue ≤ α).</summary>
    public bool ExcludesZero => CiLow > 0 || CiHigh < 0;
}

/// <summary>
/// Always-valid inference for continuous monitoring: the normal-mixture sequential probability ratio
/// test (mSPRT; Robbins 1970, Johari, Koomen, Pekelis and Walsh, Operations Research 2022) written as
/// the asymptotic confidence sequence of Waudby-Smith et al. ("Time-uniform central limit theory and
/// asymptotic confidence sequences", Annals of Statistics 2024). With n units in total and mixing
/// parameter ρ, the half-width is
/// SE·√( (1 + nρ²)/(nρ²) · (2 ln(1/α) + ln(1 + nρ²)) ),
/// valid simultaneously over all looks, so the experiment may be checked any number of times.
/// ρ is fixed in advance by choosing the sample size at which the interval should be tightest.
/// </summary>
public static class AlwaysValidInference
{
    /// <summary>ρ² that minimizes the width at <paramref name="plannedUnits"/> total units (Waudby-Smith et al., eq. for ρ*).</summary>
    /// <param name="plannedUnits">Total units (both groups) at which the interval should be tightest.</param>
    /// <param name="alpha">Significance level.</param>
    /// <returns>ρ².</returns>
    public static double MixingParameter(long plannedUnits, double alpha)
    {
        if (plannedUnits <= 0) throw new ArgumentOutOfRangeException(nameof(plannedUnits), plannedUnits, "Planned units must be positive.");
        double twoLog = -2 * Math.Log(alpha);
        return (twoLog + Math.Log(twoLog + 1)) / plannedUnits;
    }

    /// <summary>Always-valid p-value and interval for an estimate computed at the current look.</summary>
    /// <param name="estimate">The current fixed-horizon estimate (its effect and standard error are used).</param>
    /// <param name="totalUnits">Units in both groups at this look.</param>
    /// <param name="plannedUnits">Total units at which the interval should be tightest; fixed before the experiment.</param>
    /// <param name="alpha">Significance level.</param>
    /// <returns>The always-valid result.</returns>
    public static AlwaysValidResult Evaluate(in EffectEstimate estimate, long totalUnits, long plannedUnits, double alpha = 0.05)
    {
        double lambda = LikelihoodRatio(estimate.Statistic, totalUnits, plannedUnits, alpha);
        double halfWidth = estimate.StandardError * HalfWidthFactor(totalUnits, plannedUnits, alpha);
        return new AlwaysValidResult(Math.Min(1, 1 / lambda), estimate.AbsoluteEffect - halfWidth, estimate.AbsoluteEffect + halfWidth, lambda);
    }

    /// <summary>The normal-mixture likelihood ratio Λ = (1 + nρ²)^(−1/2) · exp(z² · nρ² / (2(1 + nρ²))).</summary>
    /// <param name="z">Effect / standard error at this look.</param>
    /// <param name="totalUnits">Units in both groups at this look.</param>
    /// <param name="plannedUnits">Total units at which the interval should be tightest.</param>
    /// <param name="alpha">Significance level (sets ρ).</param>
    /// <returns>Λ; the always-valid p-value is min(1, 1/Λ).</returns>
    public static double LikelihoodRatio(double z, long totalUnits, long plannedUnits, double alpha = 0.05)
    {
        double nRho2 = NRho2(totalUnits, plannedUnits, alpha);
        return Math.Exp(-0.5 * Log1p.Of(nRho2) + 0.5 * z * z * nRho2 / (1 + nRho2));
    }

    /// <summary>Half-width of the confidence sequence in units of the standard error.</summary>
    /// <param name="totalUnits">Units in both groups at this look.</param>
    /// <param name="plannedUnits">Total units at which the interval should be tightest.</param>
    /// <param name="alpha">Significance level.</param>
    /// <returns>√((1 + nρ²)/(nρ²) · (2 ln(1/α) + ln(1 + nρ²))).</returns>
    public static double HalfWidthFactor(long totalUnits, long plannedUnits, double alpha = 0.05)
    {
        double nRho2 = NRho2(totalUnits, plannedUnits, alpha);
        return Math.Sqrt((1 + nRho2) / nRho2 * (-2 * Math.Log(alpha) + Log1p.Of(nRho2)));
    }

    private static double NRho2(long totalUnits, long plannedUnits, double alpha)
    {
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 1).");
        if (totalUnits <= 0) throw new ArgumentOutOfRangeException(nameof(totalUnits), totalUnits, "Total units must be positive.");
        return totalUnits * MixingParameter(plannedUnits, alpha);
    }
}
