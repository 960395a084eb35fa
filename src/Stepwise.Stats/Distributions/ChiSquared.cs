namespace Stepwise.Stats.Distributions;

/// <summary>The chi-square distribution with k &gt; 0 degrees of freedom, via the regularized gamma function.</summary>
public static class ChiSquared
{
    /// <summary>Cumulative distribution P(X ≤ x) = P(k/2, x/2).</summary>
    /// <param name="x">Point.</param>
    /// <param name="degreesOfFreedom">k &gt; 0.</param>
    /// <returns>P(X ≤ x).</returns>
    public static double Cdf(double x, double degreesOfFreedom) =>
        SpecialFunctions.RegularizedGammaP(0.5 * degreesOfFreedom, 0.5 * x);

    /// <summary>Survival function P(X &gt; x) = Q(k/2, x/2), accurate for tiny p-values.</summary>
    /// <param name="x">Point.</param>
    /// <param name="degreesOfFreedom">k &gt; 0.</param>
    /// <returns>P(X &gt; x).</returns>
    public static double Sf(double x, double degreesOfFreedom) =>
        SpecialFunctions.RegularizedGammaQ(0.5 * degreesOfFreedom, 0.5 * x);
}
