namespace Stepwise.Stats.Distributions;

/// <summary>
/// Student's t distribution with real-valued degrees of freedom ν &gt; 0 (Welch's ν is not an integer).
/// Tails come from the regularized incomplete beta function: P(T &gt; t) = ½ I_{ν/(ν+t²)}(ν/2, ½).
/// ν = +∞ gives the standard normal.
/// </summary>
public static class StudentT
{
    /// <summary>Probability density.</summary>
    /// <param name="t">Point.</param>
    /// <param name="degreesOfFreedom">ν &gt; 0.</param>
    /// <returns>The density at t.</returns>
    public static double Pdf(double t, double degreesOfFreedom)
    {
        double nu = degreesOfFreedom;
        if (double.IsPositiveInfinity(nu)) return Normal.Pdf(t);
        double logDensity = -0.5 * Math.Log(nu) - SpecialFunctions.LogBeta(0.5 * nu, 0.5)
            - 0.5 * (nu + 1) * Log1p.Of(t * t / nu);
        return Math.Exp(logDensity);
    }

    /// <summary>Cumulative distribution P(T ≤ t).</summary>
    /// <param name="t">Point.</param>
    /// <param name="degreesOfFreedom">ν &gt; 0.</param>
    /// <returns>P(T ≤ t).</returns>
    public static double Cdf(double t, double degreesOfFreedom) => Sf(-t, degreesOfFreedom);

    /// <summary>Survival function P(T &gt; t), accurate in relative terms in the upper tail.</summary>
    /// <param name="t">Point.</param>
    /// <param name="degreesOfFreedom">ν &gt; 0.</param>
    /// <returns>P(T &gt; t).</returns>
    public static double Sf(double t, double degreesOfFreedom)
    {
        double nu = degreesOfFreedom;
        if (double.IsNaN(t) || !(nu > 0)) return double.NaN;
        if (double.IsPositiveInfinity(nu)) return Normal.Sf(t);
        if (double.IsInfinity(t)) return t > 0 ? 0 : 1;
        double t2 = t * t;
        double x = nu / (nu + t2);
        double y = t2 / (nu + t2);
        double upperTail = 0.5 * SpecialFunctions.RegularizedBeta(0.5 * nu, 0.5, x, y);
        return t >= 0 ? upperTail : 1 - upperTail;
    }

    /// <summary>Two-sided p-value P(|T| ≥ |t|).</summary>
    /// <param name="t">Observed statistic.</param>
    /// <param name="degreesOfFreedom">ν &gt; 0.</param>
    /// <returns>The two-sided tail probability.</returns>
    public static double TwoSidedPValue(double t, double degreesOfFreedom) =>
        Math.Min(1, 2 * Sf(Math.Abs(t), degreesOfFreedom));

    /// <summary>Quantile: the t with P(T ≤ t) = p.</summary>
    /// <param name="p">Probability in [0, 1].</param>
    /// <param name="degreesOfFreedom">ν &gt; 0.</param>
    /// <returns>The p-quantile.</returns>
    public static double Quantile(double p, double degreesOfFreedom)
    {
        double nu = degreesOfFreedom;
        if (double.IsNaN(p) || p < 0 || p > 1 || !(nu > 0)) return double.NaN;
        if (double.IsPositiveInfinity(nu)) return Normal.Quantile(p);
        if (p == 0) return double.NegativeInfinity;
        if (p == 1) return double.PositiveInfinity;
        if (p == 0.5) return 0;
        return p > 0.5 ? -LowerTailQuantile(1 - p, nu) : LowerTailQuantile(p, nu);
    }

    /// <summary>Solves P(T ≤ t) = p for p &lt; ½ (so t &lt; 0) by safeguarded Newton steps on ln P.</summary>
    private static double LowerTailQuantile(double p, double nu)
    {
        double t = Math.Min(-1e-8, CornishFisherStart(Normal.Quantile(p), nu));
        double low = double.NegativeInfinity, high = 0;
        double logP = Math.Log(p);
        for (int i = 0; i < 200; i++)
        {
            double cdf = Sf(-t, nu);
            double step = (Math.Log(cdf) - logP) * cdf / Pdf(t, nu);
            // Newton converges quadratically: once the step is tiny, the remaining error is ~step².
            if (Math.Abs(step) <= 1e-9 * Math.Abs(t)) return t - step;
            if (cdf > p) high = t; else low = t;
            double next = t - step;
            if (!(next > low && next < high))
                next = double.IsNegativeInfinity(low) ? 2 * Math.Min(t, -1) : 0.5 * (low + high);
            t = next;
        }
        return t;
    }

    // Fisher–Cornish expansion of t_p in powers of 1/ν (Abramowitz &amp; Stegun 26.7.5): a good start for Newton.
    private static double CornishFisherStart(double z, double nu)
    {
        if (nu < 1) return z * Math.Pow(1 + 1 / nu, 4);
        double z2 = z * z;
        double g1 = (z2 + 1) * z / 4;
        double g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
        double g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
        return z + g1 / nu + g2 / (nu * nu) + g3 / (nu * nu * nu);
    }
}
