namespace Stepwise.Stats.Analysis;

/// <summary>Sufficient statistics of one metric in every variant.</summary>
/// <param name="Definition">The metric.</param>
/// <param name="ByVariant">Co-moments per variant, in the order of <see cref="ExperimentData.Variants"/>. Y is the metric; X the covariate or denominator (unused otherwise).</param>
/// <param name="IsBinary">True when every observed value was 0 or 1 (makes <see cref="MetricType.Auto"/> a proportion).</param>
public sealed record MetricData(MetricDefinition Definition, IReadOnlyList<CoMoments> ByVariant, bool IsBinary);

/// <summary>
/// Everything the analysis needs, independent of where it came from: built by
/// <see cref="ExperimentAccumulator"/> from rows, or directly from aggregates computed in a database
/// (<see cref="CoMoments.FromSums"/>).
/// </summary>
/// <param name="Variants">Variant names.</param>
/// <param name="UnitCounts">Units assigned to each variant (for the SRM check), same order.</param>
/// <param name="Metrics">Per-metric statistics.</param>
public sealed record ExperimentData(IReadOnlyList<string> Variants, IReadOnlyList<long> UnitCounts, IReadOnlyList<MetricData> Metrics);
