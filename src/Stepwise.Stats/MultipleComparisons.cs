namespace Stepwise.Stats;

/// <summary>How p-values of a family of hypotheses are corrected.</summary>
public enum CorrectionMethod
{
    /// <summary>No correction.</summary>
    None,

    /// <summary>Bonferroni: min(1, m·p). Controls the family-wise error rate.</summary>
    Bonferroni,

    /// <summary>Holm's step-down: uniformly more powerful than Bonferroni, same FWER guarantee.</summary>
    Holm,

    /// <summary>Benjamini–Hochberg step-up: controls the false discovery rate.</summary>
    BenjaminiHochberg,
}

/// <summary>
/// Adjusted p-values for multiple comparisons (reject H_i when adjusted p_i &lt; α). Matches
/// <c>statsmodels.stats.multitest.multipletests</c> with methods 'bonferroni', 'holm' and 'fdr_bh'.
/// NaN p-values are left as NaN and not counted in the family.
/// </summary>
public static class MultipleComparisons
{
    /// <summary>Returns adjusted p-values in the input order.</summary>
    /// <param name="pValues">Raw p-values.</param>
    /// <param name="method">The correction.</param>
    /// <returns>Adjusted p-values.</returns>
    public static double[] Adjust(ReadOnlySpan<double> pValues, CorrectionMethod method)
    {
        var adjusted = new double[pValues.Length];
        Adjust(pValues, method, adjusted);
        return adjusted;
    }

    /// <summary>Writes adjusted p-values, in the input order, into <paramref name="adjusted"/>.</summary>
    /// <param name="pValues">Raw p-values.</param>
    /// <param name="method">The correction.</param>
    /// <param name="adjusted">Destination, same length as <paramref name="pValues"/>.</param>
    public static void Adjust(ReadOnlySpan<double> pValues, CorrectionMethod method, Span<double> adjusted)
    {
        if (adjusted.Length != pValues.Length) throw new ArgumentException("Destination length must match.", nameof(adjusted));
        pValues.CopyTo(adjusted);
        int[] order = SortedFiniteIndices(pValues);
        int m = order.Length;
        switch (method)
        {
            case CorrectionMethod.None:
                return;
            case CorrectionMethod.Bonferroni:
                foreach (int i in order) adjusted[i] = Math.Min(1, pValues[i] * m);
                return;
            case CorrectionMethod.Holm:
                double runningMax = 0;
                for (int rank = 0; rank < m; rank++)
                {
                    int i = order[rank];
                    runningMax = Math.Max(runningMax, Math.Min(1, pValues[i] * (m - rank)));
                    adjusted[i] = runningMax;
                }
                return;
            case CorrectionMethod.BenjaminiHochberg:
                double runningMin = 1;
                for (int rank = m - 1; rank >= 0; rank--)
                {
                    int i = order[rank];
                    runningMin = Math.Min(runningMin, pValues[i] * m / (rank + 1));
                    adjusted[i] = runningMin;
                }
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown correction method.");
        }
    }

    private static int[] SortedFiniteIndices(ReadOnlySpan<double> pValues)
    {
        int count = 0;
        foreach (double p in pValues) if (!double.IsNaN(p)) count++;
        var indices = new int[count];
        var keys = new double[count];
        for (int i = 0, k = 0; i < pValues.Length; i++)
        {
            if (double.IsNaN(pValues[i])) continue;
            indices[k] = i;
            keys[k++] = pValues[i];
        }
        // Stable order for ties keeps the result identical to statsmodels' mergesort.
        Array.Sort(keys, indices);
        return StableTies(keys, indices);
    }

    private static int[] StableTies(double[] keys, int[] indices)
    {
        for (int start = 0; start < keys.Length;)
        {
            int end = start + 1;
            while (end < keys.Length && keys[end] == keys[start]) end++;
            if (end - start > 1) Array.Sort(indices, start, end - start);
            start = end;
        }
        return indices;
    }
}
