namespace Stepwise.Stats.Analysis;

/// <summary>
/// Streams unit rows into per-variant sufficient statistics in constant memory (one
/// <see cref="CoMoments"/> per metric and variant). Feed it one row per unit; merge accumulators filled
/// in parallel with <see cref="Merge"/>; call <see cref="ToData"/> and pass the result to
/// <see cref="ExperimentAnalysis.Analyze"/>. Not thread-safe: use one per thread.
/// </summary>
public sealed class ExperimentAccumulator
{
    private readonly MetricDefinition[] _metrics;
    private readonly Dictionary<string, int> _variantIndex = new(StringComparer.Ordinal);
    private readonly List<string> _variants = [];
    private readonly List<long> _units = [];
    private readonly List<CoMoments[]> _moments = [];
    private readonly bool[] _nonBinary;

    /// <summary>Creates an accumulator for the given metrics, in the order values will be supplied.</summary>
    /// <param name="metrics">The metrics.</param>
    public ExperimentAccumulator(IReadOnlyList<MetricDefinition> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (metrics.Count == 0) throw new ArgumentException("At least one metric is needed.", nameof(metrics));
        _metrics = [.. metrics];
        _nonBinary = new bool[_metrics.Length];
    }

    /// <summary>The metrics, in value order.</summary>
    public IReadOnlyList<MetricDefinition> Metrics => _metrics;

    /// <summary>Variant names in order of first appearance.</summary>
    public IReadOnlyList<string> Variants => _variants;

    /// <summary>Rows added so far.</summary>
    public long RowCount { get; private set; }

    /// <summary>The index of a variant, registering it on first sight. Cache it to skip the lookup per row.</summary>
    /// <param name="variant">Variant name.</param>
    /// <returns>The variant's index.</returns>
    public int GetVariantIndex(string variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        if (_variantIndex.TryGetValue(variant, out int index)) return index;
        index = _variants.Count;
        _variantIndex.Add(variant, index);
        _variants.Add(variant);
        _units.Add(0);
        _moments.Add(new CoMoments[_metrics.Length]);
        return index;
    }

    /// <summary>Adds one unit.</summary>
    /// <param name="variant">The unit's variant.</param>
    /// <param name="values">One value per metric.</param>
    /// <param name="secondaryValues">One value per metric: the covariate or denominator where the metric has one, ignored otherwise. May be empty when no metric has one.</param>
    public void Add(string variant, ReadOnlySpan<double> values, ReadOnlySpan<double> secondaryValues = default) =>
        Add(GetVariantIndex(variant), values, secondaryValues);

    /// <summary>Adds one unit to a variant known by index.</summary>
    /// <param name="variantIndex">Index from <see cref="GetVariantIndex"/>.</param>
    /// <param name="values">One value per metric.</param>
    /// <param name="secondaryValues">One value per metric: the covariate or denominator where the metric has one.</param>
    /// <exception cref="ArgumentException">A value is not finite, or a span has the wrong length.</exception>
    public void Add(int variantIndex, ReadOnlySpan<double> values, ReadOnlySpan<double> secondaryValues = default)
    {
        if (values.Length != _metrics.Length) throw new ArgumentException($"Expected {_metrics.Length} values.", nameof(values));
        CoMoments[] moments = _moments[variantIndex];
        for (int m = 0; m < _metrics.Length; m++)
        {
            double y = values[m];
            double x = 0;
            if (_metrics[m].HasSecondaryValue)
            {
                if (secondaryValues.Length != _metrics.Length) throw new ArgumentException($"Expected {_metrics.Length} secondary values.", nameof(secondaryValues));
                x = secondaryValues[m];
            }
            if (!double.IsFinite(y) || !double.IsFinite(x))
                throw new ArgumentException($"Metric '{_metrics[m].Name}' has a value that is not a finite number.", nameof(values));
            if (y != 0 && y != 1) _nonBinary[m] = true;
            moments[m] = moments[m].Add(y, x);
        }
        _units[variantIndex]++;
        RowCount++;
    }

    /// <summary>Adds another accumulator's statistics (same metrics) into this one, matching variants by name.</summary>
    /// <param name="other">The accumulator to merge in.</param>
    public void Merge(ExperimentAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._metrics.Length != _metrics.Length) throw new ArgumentException("Accumulators must have the same metrics.", nameof(other));
        for (int v = 0; v < other._variants.Count; v++)
        {
            int target = GetVariantIndex(other._variants[v]);
            _units[target] += other._units[v];
            for (int m = 0; m < _metrics.Length; m++)
                _moments[target][m] = CoMoments.Combine(_moments[target][m], other._moments[v][m]);
        }
        for (int m = 0; m < _metrics.Length; m++) _nonBinary[m] |= other._nonBinary[m];
        RowCount += other.RowCount;
    }

    /// <summary>Snapshot of the statistics gathered so far.</summary>
    /// <returns>The experiment data.</returns>
    public ExperimentData ToData()
    {
        var metrics = new MetricData[_metrics.Length];
        for (int m = 0; m < metrics.Length; m++)
        {
            var byVariant = new CoMoments[_variants.Count];
            for (int v = 0; v < byVariant.Length; v++) byVariant[v] = _moments[v][m];
            metrics[m] = new MetricData(_metrics[m], byVariant, !_nonBinary[m]);
        }
        return new ExperimentData([.. _variants], [.. _units], metrics);
    }
}
