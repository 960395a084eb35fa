namespace Stepwise.Stats.Distributions;

/// <summary>The standard normal distribution N(0, 1).</summary>
public static class Normal
{
    private const double InvSqrt2 = 0.70710678118654752440;
    private const double InvSqrt2Pi = 0.39894228040143267794;

    /// <summary>Probability density φ(x).</summary>
    /// <param name="x">Point.</param>
    /// <returns>φ(x).</returns>
    public static double Pdf(double x) => InvSqrt2Pi * Math.Exp(-0.5 * x * x);

    /// <summary>Cumulative distribution Φ(x) = P(Z ≤ x), accurate in relative terms for very negative x.</summary>
    /// <param name="x">Point.</param>
    /// <returns>Φ(x).</returns>
    public static double Cdf(double x) => 0.5 * ErrorFunction.Erfc(-x * InvSqrt2);

    /// <summary>Survival function 1 − Φ(x) = P(Z &gt; x), accurate in relative terms for large x.</summary>
    /// <param name="x">Point.</param>
    /// <returns>1 − Φ(x).</returns>
    public static double Sf(double x) => 0.5 * ErrorFunction.Erfc(x * InvSqrt2);

    /// <summary>Quantile Φ⁻¹(p): Acklam's rational approximation polished by Halley steps to full precision.</summary>
    /// <param name="p">Probability in (0, 1); 0 and 1 give −∞ and +∞.</param>
    /// <returns>The x with Φ(x) = p.</returns>
    public static double Quantile(double p)
    {
        if (double.IsNaN(p) || p < 0 || p > 1) return double.NaN;
        if (p == 0) return double.NegativeInfinity;
        if (p == 1) return double.PositiveInfinity;
        // Work in the lower tail so the refinement uses a small, accurately known probability.
        return p > 0.5 ? -LowerQuantile(1 - p) : LowerQuantile(p);
    }

    /// <summary>Upper quantile: the x with 1 − Φ(x) = q, exact even for tiny q.</summary>
    /// <param name="q">Upper-tail probability in (0, 1).</param>
    /// <returns>Φ⁻¹(1 − q).</returns>
    public static double UpperQuantile(double q) => -Quantile(q);

    private static double LowerQuantile(double p)
    {
        double x = AcklamLowerHalf(p);
        for (int i = 0; i < 3; i++)
        {
            double error = Cdf(x) - p;
            double u = error / Pdf(x);
            double step = u / (1 + 0.5 * x * u);
            if (!double.IsFinite(step)) break;
            x -= step;
            if (Math.Abs(step) <= 1e-15 * Math.Max(1, Math.Abs(x))) break;
        }
        return x;
    }

    private static double AcklamLowerHalf(double p)
    {
        const double pLow = 0.02425;
        if (p < pLow)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            return (((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00)
                / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q + 3.754408661907416e+00) * q + 1);
        }
        double r = p - 0.5, s = r * r;
        return (((((-3.969683028665376e+01 * s + 2.209460984245205e+02) * s - 2.759285104469687e+02) * s + 1.383577518672690e+02) * s - 3.066479806614716e+01) * s + 2.506628277459239e+00) * r
            / (((((-5.447609879822406e+01 * s + 1.615858368580409e+02) * s - 1.556989798598866e+02) * s + 6.680131188771972e+01) * s - 1.328068155288572e+01) * s + 1);
    }
}
