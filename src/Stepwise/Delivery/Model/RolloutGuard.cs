namespace Stepwise.Delivery.Model;

/// <summary>What the guard does when a guardrail is significantly harmed or the split is broken (SRM).</summary>
public enum GuardHarmAction
{
    /// <summary>Stop widening; units already in keep the value until a person decides.</summary>
    Pause,

    /// <summary>Take the value away from everyone at once.</summary>
    RollBack,
}

/// <summary>When a stage has run long enough to be judged.</summary>
public enum StageCompletion
{
    /// <summary>Once the sample computed from the guardrail margins is reached.</summary>
    Sample,

    /// <summary>Once the minimum stage duration has passed.</summary>
    Duration,

    /// <summary>Once both the sample and the minimum duration are reached (the default: weekly cycles and power).</summary>
    Both,
}

/// <summary>A guardrail the rollout must not harm; <see cref="Margin"/> (relative) overrides the catalogue's margin.</summary>
public sealed record GuardMetric(string MetricKey, double? Margin = null);

/// <summary>
/// The guard of a progressive rollout: which catalogue metrics it watches, how a stage is judged, and what happens
/// without a person: at each check a harmed guardrail or a sample-ratio mismatch pauses or rolls back; a stage that
/// reached its sample with no harm advances on its own or waits for approval; after full release the holdback stays
/// <see cref="HoldbackDays"/> days to measure the long-term effect.
/// </summary>
public sealed class RolloutGuard
{
    public const int MaxHoldbackDays = 365;

    public List<string> SuccessMetrics { get; set; } = [];
    public List<GuardMetric> Guardrails { get; set; } = [];
    public double Alpha { get; set; } = 0.05;

    /// <summary>Power to detect a harm as large as a guardrail's margin; it sets each stage's sample.</summary>
    public double Power { get; set; } = 0.8;

    public bool AutoAdvance { get; set; }
    public GuardHarmAction OnHarm { get; set; } = GuardHarmAction.RollBack;
    public StageCompletion Completion { get; set; } = StageCompletion.Both;
    public int HoldbackDays { get; set; } = 14;

    /// <summary>True: release the holdback when its period ends; false: flag it for a person.</summary>
    public bool AutoReleaseHoldback { get; set; }
}
