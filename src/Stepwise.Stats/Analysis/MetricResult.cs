namespace Stepwise.Stats.Analysis;

/// <summary>What one metric says about one variant.</summary>
public enum Outcome
{
    /// <summary>Significantly better in the preferred direction.</summary>
    Better,

    /// <summary>Significantly worse.</summary>
    Worse,

    /// <summary>Guardrail shown to be no worse than its margin.</summary>
    NonInferior,

    /// <summary>Not enough evidence either way.</summary>
    Inconclusive,
}

/// <summary>The comparison of one variant with the control on one metric.</summary>
public sealed record MetricResult
{
    /// <summary>Metric name.</summary>
    public required string Metric { get; init; }

    /// <summary>Variant compared with the control.</summary>
    public required string Variant { get; init; }

    /// <summary>The comparison used (never <see cref="MetricType.Auto"/>).</summary>
    public required MetricType Type { get; init; }

    /// <summary>The metric's role.</summary>
    public required MetricRole Role { get; init; }

    /// <summary>The metric's preferred direction.</summary>
    public required Direction PreferredDirection { get; init; }

    /// <summary>Human-readable name of the test, for example "Welch t-test" or "CUPED + Welch t-test".</summary>
    public required string Method { get; init; }

    /// <summary>Control units with this metric.</summary>
    public required long ControlUnits { get; init; }

    /// <summary>Variant units with this metric.</summary>
    public required long VariantUnits { get; init; }

    /// <summary>Observed (unadjusted) control mean or ratio.</summary>
    public required double ControlMean { get; init; }

    /// <summary>Observed (unadjusted) variant mean or ratio.</summary>
    public required double VariantMean { get; init; }

    /// <summary>The fixed-horizon estimate; CUPED-adjusted when <see cref="Cuped"/>.</summary>
    public required EffectEstimate Estimate { get; init; }

    /// <summary>Variant − control (CUPED-adjusted when <see cref="Cuped"/>).</summary>
    public double AbsoluteEffect => Estimate.AbsoluteEffect;

    /// <summary>Variant / control − 1.</summary>
    public double RelativeEffect => Estimate.RelativeEffect;

    /// <summary>Lower end of the reported (1 − α) interval of the absolute effect (always valid when that mode is on).</summary>
    public required double CiLow { get; init; }

    /// <summary>Upper end of the reported (1 − α) interval of the absolute effect.</summary>
    public required double CiHigh { get; init; }

    /// <summary>The reported two-sided p-value (always valid when that mode is on), before correction.</summary>
    public required double PValue { get; init; }

    /// <summary>p-value after the multiple-comparison correction (success metrics only; equals <see cref="PValue"/> otherwise).</summary>
    public required double AdjustedPValue { get; init; }

    /// <summary>True when the estimate is CUPED-adjusted.</summary>
    public bool Cuped { get; init; }

    /// <summary>CUPED θ, when adjusted.</summary>
    public double? CupedTheta { get; init; }

    /// <summary>Share of the effect's variance removed by CUPED, when adjusted.</summary>
    public double? VarianceReduction { get; init; }

    /// <summary>The guardrail's non-inferiority test, when the metric has a margin.</summary>
    public NonInferiorityResult? NonInferiority { get; init; }

    /// <summary>The Bayesian summary, when requested.</summary>
    public BayesianResult? Bayesian { get; init; }

    /// <summary>What this metric says about the variant, at the analysis α.</summary>
    public required Outcome Outcome { get; init; }
}
