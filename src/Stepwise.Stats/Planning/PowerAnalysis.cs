using Stepwise.Stats.Distributions;

namespace Stepwise.Stats.Planning;

/// <summary>
/// Power, sample size and minimum detectable effect (MDE) for a two-sample comparison of means under
/// the normal approximation, counting both rejection tails for two-sided tests. Matches
/// <c>statsmodels.stats.power.NormalIndPower</c> with effect_size = effect / standard deviation,
/// nobs1 = control units and ratio = treatment units / control units.
/// For proportions use the standard deviation √(p(1 − p)) of the baseline.
/// </summary>
public static class PowerAnalysis
{
    /// <summary>Probability of detecting an effect of the given size.</summary>
    /// <param name="standardDeviation">Per-unit standard deviation of the metric.</param>
    /// <param name="effect">True absolute effect (sign matters only for one-sided tests; positive is detectable).</param>
    /// <param name="controlUnits">Units in the control group.</param>
    /// <param name="ratio">Treatment units / control units.</param>
    /// <param name="alpha">Significance level.</param>
    /// <param name="alternative">Two- or one-sided test.</param>
    /// <returns>Power in [0, 1].</returns>
    public static double Power(double standardDeviation, double effect, double controlUnits, double ratio = 1, double alpha = 0.05, Alternative alternative = Alternative.TwoSided)
    {
        double shift = effect / standardDeviation * Math.Sqrt(EffectiveUnits(controlUnits, ratio));
        if (alternative == Alternative.OneSided) return Normal.Sf(Normal.UpperQuantile(alpha) - shift);
        double critical = Normal.UpperQuantile(alpha / 2);
        return Normal.Sf(critical - shift) + Normal.Cdf(-critical - shift);
    }

    /// <summary>Control units needed to reach the target power (treatment gets ratio × as many).</summary>
    /// <param name="standardDeviation">Per-unit standard deviation of the metric.</param>
    /// <param name="minimumDetectableEffect">Absolute effect to detect, &gt; 0.</param>
    /// <param name="alpha">Significance level.</param>
    /// <param name="power">Target power, for example 0.8.</param>
    /// <param name="ratio">Treatment units / control units.</param>
    /// <param name="alternative">Two- or one-sided test.</param>
    /// <returns>Control units (not rounded up).</returns>
    public static double ControlSampleSize(double standardDeviation, double minimumDetectableEffect, double alpha = 0.05, double power = 0.8, double ratio = 1, Alternative alternative = Alternative.TwoSided)
    {
        double effectSize = Math.Abs(minimumDetectableEffect) / standardDeviation;
        if (!(effectSize > 0)) throw new ArgumentOutOfRangeException(nameof(minimumDetectableEffect), minimumDetectableEffect, "The effect and standard deviation must be positive.");
        // Start from the closed form that ignores the far tail, then solve the exact equation.
        double zSum = Normal.UpperQuantile(alternative == Alternative.TwoSided ? alpha / 2 : alpha) + Normal.UpperQuantile(1 - power);
        double effective = zSum * zSum / (effectSize * effectSize);
        double start = effective * (1 + ratio) / ratio;
        return Solve(n => Power(standardDeviation, Math.Abs(minimumDetectableEffect), n, ratio, alpha, alternative) - power, start);
    }

    /// <summary>Smallest absolute effect detectable with the given units and power.</summary>
    /// <param name="standardDeviation">Per-unit standard deviation of the metric.</param>
    /// <param name="controlUnits">Units in the control group.</param>
    /// <param name="alpha">Significance level.</param>
    /// <param name="power">Target power.</param>
    /// <param name="ratio">Treatment units / control units.</param>
    /// <param name="alternative">Two- or one-sided test.</param>
    /// <returns>The MDE in the metric's units.</returns>
    public static double MinimumDetectableEffect(double standardDeviation, double controlUnits, double alpha = 0.05, double power = 0.8, double ratio = 1, Alternative alternative = Alternative.TwoSided)
    {
        double zSum = Normal.UpperQuantile(alternative == Alternative.TwoSided ? alpha / 2 : alpha) + Normal.UpperQuantile(1 - power);
        double start = zSum * standardDeviation / Math.Sqrt(EffectiveUnits(controlUnits, ratio));
        return Solve(e => Power(standardDeviation, e, controlUnits, ratio, alpha, alternative) - power, start);
    }

    /// <summary>Days needed to enrol the required units given daily eligible traffic and the share exposed.</summary>
    /// <param name="requiredUnits">Units needed across all groups.</param>
    /// <param name="dailyUnits">New eligible units per day.</param>
    /// <param name="exposedShare">Share of eligible traffic in the experiment (0, 1].</param>
    /// <returns>Days, rounded up to whole days.</returns>
    public static int DurationDays(double requiredUnits, double dailyUnits, double exposedShare = 1)
    {
        if (!(dailyUnits > 0 && exposedShare > 0 && exposedShare <= 1)) throw new ArgumentOutOfRangeException(nameof(dailyUnits), "Traffic and exposed share must be positive.");
        return (int)Math.Ceiling(requiredUnits / (dailyUnits * exposedShare) - 1e-9);
    }

    private static double EffectiveUnits(double controlUnits, double ratio) => 1 / (1 / controlUnits + 1 / (controlUnits * ratio));

    /// <summary>Finds the root of an increasing function by bracketing around a start and bisecting on a log scale.</summary>
    private static double Solve(Func<double, double> increasing, double start)
    {
        double low = start, high = start;
        while (increasing(low) > 0 && low > 1e-300) low /= 2;
        while (increasing(high) < 0 && high < 1e300) high *= 2;
        for (int i = 0; i < 200 && high - low > 1e-12 * high; i++)
        {
            double mid = Math.Sqrt(low * high);
            if (increasing(mid) < 0) low = mid; else high = mid;
        }
        return 0.5 * (low + high);
    }
}
