using Stepwise.Stats;

namespace Stepwise.Events.Metrics;

/// <summary>How a metric turns a unit's events into the number that is compared between variants.</summary>
public enum MetricKind
{
    /// <summary>1 when the unit sent the event at least once after its first exposure, else 0 (binomial).</summary>
    Conversion,

    /// <summary>Average value per event: Σ value / number of events over units, compared with the delta method.</summary>
    Mean,

    /// <summary>Σ value per unit (0 without events), compared with Welch's t-test.</summary>
    Sum,

    /// <summary>Σ value of the event / Σ value of the denominator event over units, with the delta method.</summary>
    Ratio,

    /// <summary>1 when the unit sent the event on day N after its first exposure (binomial); younger units are not counted yet.</summary>
    Retention,
}

/// <summary>
/// A product metric in the shared catalogue: experiments and rollout gates refer to it by key, so a metric means
/// the same thing in every analysis.
/// </summary>
public sealed class ProductMetric
{
    public Guid Id { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public MetricKind Kind { get; set; }

    /// <summary>The source event (<c>Track(metric, …)</c> name); the numerator of a ratio.</summary>
    public required string EventName { get; set; }

    /// <summary>The denominator's event name (ratio metrics only).</summary>
    public string? DenominatorEventName { get; set; }

    /// <summary>N of "retention at N days" (retention metrics only).</summary>
    public int? RetentionDays { get; set; }

    public Direction Direction { get; set; } = Direction.Increase;

    /// <summary>As a guardrail: the tolerated relative worsening (0.02 = 2%). Null: the metric cannot be a guardrail.</summary>
    public double? GuardrailMargin { get; set; }

    /// <summary>Days before a unit's first exposure whose events form the CUPED covariate; 0 turns CUPED off.</summary>
    public int CupedPrePeriodDays { get; set; }

    public Guid? CreatedByPersonId { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>CUPED applies to per-unit metrics; a ratio's secondary value is its denominator.</summary>
    public bool UsesCuped => CupedPrePeriodDays > 0 && Kind is MetricKind.Conversion or MetricKind.Sum or MetricKind.Retention;
}
