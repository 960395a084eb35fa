namespace Stepwise.Flags.Hashing;

/// <summary>Bucket arithmetic shared by rollouts, experiments, filters and namespaces.</summary>
public static class Bucketing
{
    /// <summary>Equal weights for <paramref name="numVariations"/> variations (empty when not positive).</summary>
    public static double[] GetEqualWeights(int numVariations)
    {
        if (numVariations <= 0)
        {
            return [];
        }
        var weights = new double[numVariations];
        Array.Fill(weights, 1d / numVariations);
        return weights;
    }

    /// <summary>
    /// Lays variations side by side over [0, 1), each range starting where its full weight starts and
    /// covering <c>coverage × weight</c> of it. Starting points do not depend on coverage, so raising coverage only
    /// ever adds units to a variation: nobody switches variation when an experiment grows.
    /// Invalid weights (wrong count, sum outside 0.99..1.01) fall back to equal weights; coverage is clamped to [0, 1].
    /// </summary>
    public static BucketRange[] GetBucketRanges(int numVariations, double coverage, IReadOnlyList<double>? weights)
    {
        coverage = double.IsNaN(coverage) ? 1 : Math.Clamp(coverage, 0, 1);
        var equal = GetEqualWeights(numVariations);
        IReadOnlyList<double> used = weights is not null && weights.Count == numVariations && SumsToOne(weights)
            ? weights
            : equal;
        var ranges = new BucketRange[used.Count];
        var cumulative = 0d;
        for (var i = 0; i < used.Count; i++)
        {
            var start = cumulative;
            cumulative += used[i];
            ranges[i] = new BucketRange(start, start + (coverage * used[i]));
        }
        return ranges;
    }

    private static bool SumsToOne(IReadOnlyList<double> weights)
    {
        var sum = 0d;
        foreach (var w in weights)
        {
            sum += w;
        }
        return sum is >= 0.99 and <= 1.01;
    }

    /// <summary>Index of the range containing <paramref name="bucket"/>, or -1 when it falls in no range.</summary>
    public static int ChooseVariation(double bucket, ReadOnlySpan<BucketRange> ranges)
    {
        for (var i = 0; i < ranges.Length; i++)
        {
            if (ranges[i].Contains(bucket))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// True when <paramref name="hashValue"/> falls inside <paramref name="range"/> of its namespace.
    /// Experiments given disjoint ranges of one namespace can never share a unit.
    /// </summary>
    public static bool InNamespace(ReadOnlySpan<char> hashValue, NamespaceRange range)
    {
        return GrowthBookHash.TryHash(range.Seed, hashValue, 1, out var bucket) && bucket >= range.Start && bucket < range.End;
    }
}
