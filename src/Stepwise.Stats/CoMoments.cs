namespace Stepwise.Stats;

/// <summary>
/// Mergeable sufficient statistics of a sample of pairs (y, x): count, both means, both sums of
/// squared deviations and the sum of cross-products. Y is the metric (or a ratio's numerator);
/// X is the CUPED pre-period covariate (or a ratio's denominator).
/// </summary>
/// <param name="Count">Number of units.</param>
/// <param name="MeanY">Mean of y.</param>
/// <param name="MeanX">Mean of x.</param>
/// <param name="SumSquaredDeviationsY">Σ (yᵢ − ȳ)².</param>
/// <param name="SumSquaredDeviationsX">Σ (xᵢ − x̄)².</param>
/// <param name="SumCrossDeviations">Σ (yᵢ − ȳ)(xᵢ − x̄).</param>
public readonly record struct CoMoments(
    long Count, double MeanY, double MeanX,
    double SumSquaredDeviationsY, double SumSquaredDeviationsX, double SumCrossDeviations)
{
    /// <summary>The moments of y alone.</summary>
    public Moments Y => new(Count, MeanY, SumSquaredDeviationsY);

    /// <summary>The moments of x alone.</summary>
    public Moments X => new(Count, MeanX, SumSquaredDeviationsX);

    /// <summary>Sample covariance of y and x (n − 1 denominator).</summary>
    public double Covariance => Count > 1 ? SumCrossDeviations / (Count - 1) : double.NaN;

    /// <summary>Returns these co-moments with one more pair.</summary>
    /// <param name="y">The metric value.</param>
    /// <param name="x">The covariate or denominator value.</param>
    /// <returns>The updated co-moments.</returns>
    public CoMoments Add(double y, double x)
    {
        long n = Count + 1;
        double dy = y - MeanY, dx = x - MeanX;
        double meanY = MeanY + dy / n, meanX = MeanX + dx / n;
        return new CoMoments(n, meanY, meanX,
            SumSquaredDeviationsY + dy * (y - meanY),
            SumSquaredDeviationsX + dx * (x - meanX),
            SumCrossDeviations + dx * (y - meanY));
    }

    /// <summary>Co-moments of the union of two disjoint samples.</summary>
    /// <param name="left">First sample.</param>
    /// <param name="right">Second sample.</param>
    /// <returns>The merged co-moments.</returns>
    public static CoMoments Combine(CoMoments left, CoMoments right)
    {
        if (left.Count == 0) return right;
        if (right.Count == 0) return left;
        long n = left.Count + right.Count;
        double weight = (double)left.Count * right.Count / n;
        double dy = right.MeanY - left.MeanY, dx = right.MeanX - left.MeanX;
        return new CoMoments(n,
            left.MeanY + dy * right.Count / n,
            left.MeanX + dx * right.Count / n,
            left.SumSquaredDeviationsY + right.SumSquaredDeviationsY + dy * dy * weight,
            left.SumSquaredDeviationsX + right.SumSquaredDeviationsX + dx * dx * weight,
            left.SumCrossDeviations + right.SumCrossDeviations + dx * dy * weight);
    }

    /// <summary>Builds co-moments from the raw sums a database returns.</summary>
    /// <param name="count">Number of units.</param>
    /// <param name="sumY">Σ y.</param>
    /// <param name="sumX">Σ x.</param>
    /// <param name="sumYSquares">Σ y².</param>
    /// <param name="sumXSquares">Σ x².</param>
    /// <param name="sumCrossProducts">Σ x·y.</param>
    /// <returns>The co-moments.</returns>
    public static CoMoments FromSums(long count, double sumY, double sumX, double sumYSquares, double sumXSquares, double sumCrossProducts)
    {
        if (count <= 0) return default;
        double meanY = sumY / count, meanX = sumX / count;
        return new CoMoments(count, meanY, meanX,
            Math.Max(0, sumYSquares - sumY * meanY),
            Math.Max(0, sumXSquares - sumX * meanX),
            sumCrossProducts - sumY * meanX);
    }

    /// <summary>Co-moments of paired samples held in memory (two passes for accuracy).</summary>
    /// <param name="y">Metric values.</param>
    /// <param name="x">Covariate or denominator values, same length as <paramref name="y"/>.</param>
    /// <returns>The co-moments.</returns>
    public static CoMoments FromValues(ReadOnlySpan<double> y, ReadOnlySpan<double> x)
    {
        if (y.Length != x.Length) throw new ArgumentException("y and x must have the same length.", nameof(x));
        Moments my = Moments.FromValues(y), mx = Moments.FromValues(x);
        double cross = 0;
        for (int i = 0; i < y.Length; i++) cross += (y[i] - my.Mean) * (x[i] - mx.Mean);
        return new CoMoments(y.Length, my.Mean, mx.Mean, my.SumSquaredDeviations, mx.SumSquaredDeviations, cross);
    }
}
