using Stepwise.Stats.Distributions;

namespace Stepwise.Stats;

/// <summary>The outcome of a sample-ratio-mismatch check.</summary>
/// <param name="ChiSquare">Pearson's χ² statistic Σ (O − E)² / E.</param>
/// <param name="DegreesOfFreedom">Number of variants − 1.</param>
/// <param name="PValue">Upper-tail χ² probability.</param>
/// <param name="Threshold">p-value below which a mismatch is declared.</param>
/// <param name="ExpectedCounts">Expected units per variant under the planned weights.</param>
public sealed record SrmResult(double ChiSquare, int DegreesOfFreedom, double PValue, double Threshold, IReadOnlyList<double> ExpectedCounts)
{
    /// <summary>True when <see cref="PValue"/> &lt; <see cref="Threshold"/>: the assignment is broken and effects must not be trusted.</summary>
    public bool IsMismatch => PValue < Threshold;
}

/// <summary>
/// Sample-ratio-mismatch (SRM) check: Pearson's chi-square goodness of fit of the observed units per
/// variant against the planned weights (Fabijan et al., KDD 2019). Matches
/// <c>scipy.stats.chisquare(observed, expected)</c>. The conventional threshold is p &lt; 0.001.
/// </summary>
public static class SampleRatioMismatch
{
    /// <summary>The conventional SRM threshold.</summary>
    public const double DefaultThreshold = 0.001;

    /// <summary>Tests observed unit counts against planned weights.</summary>
    /// <param name="observed">Units per variant.</param>
    /// <param name="weights">Planned weights per variant, same order; positive, normalized internally.</param>
    /// <param name="threshold">p-value below which a mismatch is declared.</param>
    /// <returns>The χ² statistic, p-value and verdict.</returns>
    public static SrmResult Test(ReadOnlySpan<long> observed, ReadOnlySpan<double> weights, double threshold = DefaultThreshold)
    {
        if (observed.Length < 2) throw new ArgumentException("At least two variants are needed.", nameof(observed));
        if (weights.Length != observed.Length) throw new ArgumentException("One weight per variant is needed.", nameof(weights));
        double weightSum = 0, total = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            if (!(weights[i] > 0) || double.IsInfinity(weights[i])) throw new ArgumentException("Weights must be positive and finite.", nameof(weights));
            if (observed[i] < 0) throw new ArgumentException("Counts cannot be negative.", nameof(observed));
            weightSum += weights[i];
            total += observed[i];
        }
        var expected = new double[observed.Length];
        double chiSquare = 0;
        for (int i = 0; i < observed.Length; i++)
        {
            expected[i] = total * weights[i] / weightSum;
            double d = observed[i] - expected[i];
            chiSquare += expected[i] > 0 ? d * d / expected[i] : 0;
        }
        int df = observed.Length - 1;
        double p = total > 0 ? ChiSquared.Sf(chiSquare, df) : 1;
        return new SrmResult(chiSquare, df, p, threshold, expected);
    }
}
