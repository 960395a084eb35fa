namespace Stepwise.Delivery.Model;

public enum RolloutStatus
{
    Draft,
    Running,
    Paused,

    /// <summary>The last stage is live; the holdback stays out until released.</summary>
    Released,
    RolledBack,
}

/// <summary>
/// A progressive rollout of one flag value in one environment. Units are placed on a hash line once:
/// the first <see cref="Holdback"/> of it is the control group, and each stage widens the included range
/// after it, so nobody loses the feature when a stage advances.
/// </summary>
public sealed class RolloutPlan
{
    public static readonly IReadOnlyList<double> DefaultStages = [0.01, 0.05, 0.10, 0.25, 0.50, 0.99];
    public const double DefaultHoldback = 0.01;

    public Guid Id { get; set; }
    public Guid FlagId { get; set; }
    public Guid EnvironmentId { get; set; }
    public required string Value { get; set; }
    public string HashAttribute { get; set; } = "id";
    public required string Seed { get; set; }
    public string? Condition { get; set; }
    public List<double> Stages { get; set; } = [.. DefaultStages];
    public double Holdback { get; set; } = DefaultHoldback;
    public TimeSpan MinimumStageDuration { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Index into <see cref="Stages"/>; -1 before the first stage starts.</summary>
    public int CurrentStage { get; set; } = -1;

    public RolloutStatus Status { get; set; }
    public DateTimeOffset? StageStartedAt { get; set; }
    public bool HoldbackReleased { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<RolloutEvent> History { get; set; } = [];

    /// <summary>Metrics and rules the scheduled guard applies; null when the rollout is advanced by hand only.</summary>
    public RolloutGuard? Guard { get; set; }

    /// <summary>The guard found the stage done and healthy, and the plan wants a person to approve the next step.</summary>
    public string? AwaitingApproval { get; set; }

    /// <summary>The exposure key the SDKs and the analysis use for this rollout (the payload rule id).</summary>
    public string AnalysisKey => $"rollout-{Id:N}";

    /// <summary>When the last stage went live (the start of the holdback period), from the history.</summary>
    public DateTimeOffset? ReleasedAt => Status == RolloutStatus.Released
        ? History.LastOrDefault(e => e.Action is RolloutAction.Started or RolloutAction.Advanced && e.ToStage == Stages.Count - 1)?.At ?? StageStartedAt
        : null;

    public bool IsLive => Status is RolloutStatus.Running or RolloutStatus.Paused or RolloutStatus.Released;

    public bool IsLastStage => CurrentStage == Stages.Count - 1;

    /// <summary>Share of all units that currently get the value.</summary>
    public double CurrentShare => !IsLive || CurrentStage < 0 ? 0 : HoldbackReleased ? 1 : Stages[CurrentStage];

    /// <summary>The included hash range [start, end): after the holdback, as wide as the stage; everything once the holdback is released.</summary>
    public (double Start, double End) IncludedRange =>
        HoldbackReleased ? (0, 1) : (Holdback, Math.Min(1, Holdback + (CurrentStage < 0 ? 0 : Stages[CurrentStage])));
}

public enum RolloutAction
{
    Started,
    Advanced,
    Paused,
    Resumed,
    RolledBack,
    HoldbackReleased,
}

/// <summary>One step in a rollout's story, kept with the plan so its page can show the timeline.</summary>
public sealed record RolloutEvent(DateTimeOffset At, RolloutAction Action, int FromStage, int ToStage, string? By, string? Reason);
