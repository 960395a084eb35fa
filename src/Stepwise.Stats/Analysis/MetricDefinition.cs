namespace Stepwise.Stats.Analysis;

/// <summary>How a metric is compared.</summary>
public enum MetricType
{
    /// <summary>Proportion when every observed value is 0 or 1, otherwise mean.</summary>
    Auto,

    /// <summary>Per-unit mean, Welch's t-test.</summary>
    Mean,

    /// <summary>Per-unit 0/1 outcome, two-proportion z-test.</summary>
    Proportion,

    /// <summary>Σ numerator / Σ denominator over units (the secondary value), delta-method z-test.</summary>
    Ratio,
}

/// <summary>The part a metric plays in the ship decision.</summary>
public enum MetricRole
{
    /// <summary>The change is meant to improve it; multiple-comparison corrected.</summary>
    Success,

    /// <summary>Must not get worse beyond its margin; tested for non-inferiority.</summary>
    Guardrail,

    /// <summary>Reported only; no effect on the decision.</summary>
    Diagnostic,
}

/// <summary>A metric to analyse and how to read it.</summary>
/// <param name="Name">Metric name (for example the CSV column).</param>
public sealed record MetricDefinition(string Name)
{
    /// <summary>How the metric is compared; <see cref="MetricType.Auto"/> by default.</summary>
    public MetricType Type { get; init; } = MetricType.Auto;

    /// <summary>The metric's role in the decision; success by default.</summary>
    public MetricRole Role { get; init; } = MetricRole.Success;

    /// <summary>Which direction is an improvement.</summary>
    public Direction PreferredDirection { get; init; } = Direction.Increase;

    /// <summary>
    /// True when each unit also carries a pre-period covariate (a <c>&lt;metric&gt;_pre</c> column):
    /// the metric is then CUPED-adjusted. For ratio metrics the secondary value is the denominator instead.
    /// </summary>
    public bool HasCovariate { get; init; }

    /// <summary>Tolerated worsening for guardrails (required for them); see <see cref="MarginType"/>.</summary>
    public double? NonInferiorityMargin { get; init; }

    /// <summary>Whether <see cref="NonInferiorityMargin"/> is relative to the control mean (default) or absolute.</summary>
    public MarginType MarginType { get; init; } = MarginType.Relative;

    /// <summary>True when each unit supplies a secondary value (covariate or denominator).</summary>
    public bool HasSecondaryValue => HasCovariate || Type == MetricType.Ratio;
}
