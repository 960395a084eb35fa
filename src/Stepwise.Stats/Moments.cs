namespace Stepwise.Stats;

/// <summary>
/// Mergeable sufficient statistics of one sample: count, mean and the sum of squared deviations from
/// the mean (M2). Centered storage keeps variances exact where raw sums of squares would cancel.
/// Add values one at a time (Welford), merge partial results (Chan et al.), or build from the raw
/// sums a database returns with <see cref="FromSums"/>.
/// </summary>
/// <param name="Count">Number of units.</param>
/// <param name="Mean">Sample mean (0 when empty).</param>
/// <param name="SumSquaredDeviations">Σ (xᵢ − mean)².</param>
public readonly record struct Moments(long Count, double Mean, double SumSquaredDeviations)
{
    /// <summary>Σ xᵢ.</summary>
    public double Sum => Count * Mean;

    /// <summary>Unbiased sample variance (n − 1 denominator); NaN with fewer than two units.</summary>
    public double Variance => Count > 1 ? SumSquaredDeviations / (Count - 1) : double.NaN;

    /// <summary>Sample standard deviation.</summary>
    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>Estimated variance of the sample mean, s²/n.</summary>
    public double VarianceOfMean => Variance / Count;

    /// <summary>Returns these moments with one more observation.</summary>
    /// <param name="value">The observation.</param>
    /// <returns>The updated moments.</returns>
    public Moments Add(double value)
    {
        long n = Count + 1;
        double delta = value - Mean;
        double mean = Mean + delta / n;
        return new Moments(n, mean, SumSquaredDeviations + delta * (value - mean));
    }

    /// <summary>Moments of the union of two disjoint samples.</summary>
    /// <param name="left">First sample.</param>
    /// <param name="right">Second sample.</param>
    /// <returns>The merged moments.</returns>
    public static Moments Combine(Moments left, Moments right)
    {
        if (left.Count == 0) return right;
        if (right.Count == 0) return left;
        long n = left.Count + right.Count;
        double delta = right.Mean - left.Mean;
        double mean = left.Mean + delta * right.Count / n;
        double m2 = left.SumSquaredDeviations + right.SumSquaredDeviations
            + delta * delta * ((double)left.Count * right.Count / n);
        return new Moments(n, mean, m2);
    }

    /// <summary>Builds moments from count, Σx and Σx² (as computed in SQL).</summary>
    /// <param name="count">Number of units.</param>
    /// <param name="sum">Σ xᵢ.</param>
    /// <param name="sumOfSquares">Σ xᵢ².</param>
    /// <returns>The moments.</returns>
    public static Moments FromSums(long count, double sum, double sumOfSquares)
    {
        if (count <= 0) return default;
        double mean = sum / count;
        return new Moments(count, mean, Math.Max(0, sumOfSquares - sum * mean));
    }

    /// <summary>Moments of a 0/1 metric from the number of units and of successes.</summary>
    /// <param name="count">Number of units.</param>
    /// <param name="successes">Number of units with value 1.</param>
    /// <returns>The moments.</returns>
    public static Moments FromProportion(long count, long successes)
    {
        if (count <= 0) return default;
        double p = (double)successes / count;
        return new Moments(count, p, successes * (1 - p));
    }

    /// <summary>Moments of a sample held in memory (two passes for accuracy).</summary>
    /// <param name="values">The observations.</param>
    /// <returns>The moments.</returns>
    public static Moments FromValues(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty) return default;
        double sum = 0;
        foreach (double v in values) sum += v;
        double mean = sum / values.Length;
        double m2 = 0, correction = 0;
        foreach (double v in values)
        {
            double d = v - mean;
            m2 += d * d;
            correction += d;
        }
        // Second-order correction for the rounding error in the mean.
        m2 -= correction * correction / values.Length;
        return new Moments(values.Length, mean + correction / values.Length, Math.Max(0, m2));
    }
}
