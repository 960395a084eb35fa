namespace Stepwise.Stats.Analysis;

/// <summary>The recommendation for one variant.</summary>
public enum Recommendation
{
    /// <summary>At least one success metric is significantly better and every guardrail is non-inferior.</summary>
    Ship,

    /// <summary>A success metric or guardrail is significantly worse.</summary>
    DoNotShip,

    /// <summary>The evidence does not support either conclusion yet.</summary>
    Inconclusive,

    /// <summary>Sample ratio mismatch: assignment is broken, so no effect can be trusted.</summary>
    Untrustworthy,
}

/// <summary>A variant's recommendation and the reasons for it, in plain language.</summary>
/// <param name="Variant">The variant.</param>
/// <param name="Recommendation">What to do.</param>
/// <param name="Reasons">Why, one sentence per metric or check.</param>
public sealed record VariantDecision(string Variant, Recommendation Recommendation, IReadOnlyList<string> Reasons);

/// <summary>The full analysis of an experiment.</summary>
/// <param name="Control">Control variant name.</param>
/// <param name="Variants">All variant names, in data order.</param>
/// <param name="UnitCounts">Observed units per variant, same order.</param>
/// <param name="ExpectedWeights">Planned weights per variant, normalized to sum to 1, same order.</param>
/// <param name="Srm">Sample-ratio-mismatch check.</param>
/// <param name="Results">One result per metric and treatment variant.</param>
/// <param name="Decisions">One decision per treatment variant.</param>
/// <param name="Alpha">Significance level used.</param>
/// <param name="Correction">Correction applied to success metrics.</param>
/// <param name="AlwaysValid">True when p-values and intervals are always valid.</param>
public sealed record ExperimentReport(
    string Control,
    IReadOnlyList<string> Variants,
    IReadOnlyList<long> UnitCounts,
    IReadOnlyList<double> ExpectedWeights,
    SrmResult Srm,
    IReadOnlyList<MetricResult> Results,
    IReadOnlyList<VariantDecision> Decisions,
    double Alpha,
    CorrectionMethod Correction,
    bool AlwaysValid);
