namespace Stepwise.Delivery.Lifecycle;

/// <summary>
/// A feature (a bet) owned by a squad. It carries the hypothesis it is meant to prove, moves through the phases
/// only by recorded gate decisions, and accumulates the investment made in it, so its page can tell its whole story.
/// </summary>
public sealed class Feature
{
    public Guid Id { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public string? Summary { get; set; }
    public Guid OwnerUnitId { get; set; }
    public FeaturePhase Phase { get; set; }
    public DateTimeOffset PhaseSince { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the feature first reached users (first entry into Ship it).</summary>
    public DateTimeOffset? FirstValueAt { get; set; }

    /// <summary>When everyone got it (first entry into Tweak it).</summary>
    public DateTimeOffset? FullReleaseAt { get; set; }

    public string HypothesisStatement { get; set; } = "";
    public List<SuccessMetric> SuccessMetrics { get; set; } = [];
    public List<GuardrailMetric> GuardrailMetrics { get; set; } = [];

    /// <summary>Flags that deliver the feature (keys in the delivery module).</summary>
    public List<string> FlagKeys { get; set; } = [];

    public List<GateDecision> Decisions { get; set; } = [];

    /// <summary>Enters <paramref name="phase"/> (a no-op when already there), keeping the first moments it reached users and everyone.</summary>
    public void MoveTo(FeaturePhase phase, DateTimeOffset at)
    {
        if (phase == Phase) return;
        Phase = phase;
        PhaseSince = at;
        if (phase.ReachesUsers()) FirstValueAt ??= at;
        if (phase.IsFullyReleased()) FullReleaseAt ??= at;
    }
    public List<InvestmentEntry> Investments { get; set; } = [];
    public List<SquadAllocation> Allocations { get; set; } = [];
}

/// <summary>A metric the feature should move: the direction it should go and the smallest relative change worth having.</summary>
public sealed record SuccessMetric(string MetricKey, MetricDirection Direction, double MinimumEffect);

/// <summary>A metric the feature must not harm by more than <see cref="Margin"/> (relative) in the bad direction.</summary>
public sealed record GuardrailMetric(string MetricKey, MetricDirection Direction, double Margin);

/// <summary>Which way is good for a metric.</summary>
public enum MetricDirection
{
    Increase,
    Decrease,
}

/// <summary>A recorded gate: what was decided, why, on what evidence, by whom.</summary>
public sealed class GateDecision
{
    public Guid Id { get; set; }
    public Guid FeatureId { get; set; }
    public GateDecisionKind Kind { get; set; }
    public FeaturePhase FromPhase { get; set; }
    public FeaturePhase ToPhase { get; set; }
    public required string Rationale { get; set; }
    public List<EvidenceLink> Evidence { get; set; } = [];

    /// <summary>The measured relative effect on the first success metric, when the evidence measured one.</summary>
    public double? MeasuredEffect { get; set; }

    public Guid? DecidedByPersonId { get; set; }
    public required string DecidedBy { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
}

public sealed record EvidenceLink(EvidenceKind Kind, string Title, string? Url);

/// <summary>People × time spent on the feature in one week, entered by the team (overrides the squad allocation for that week).</summary>
public sealed class InvestmentEntry
{
    public Guid Id { get; set; }
    public Guid FeatureId { get; set; }

    /// <summary>The Monday of the week.</summary>
    public DateOnly WeekStart { get; set; }

    public double PersonWeeks { get; set; }
    public string? Note { get; set; }
}

/// <summary>A share of the owning squad's people working on the feature from a date (to a date).</summary>
public sealed class SquadAllocation
{
    public Guid Id { get; set; }
    public Guid FeatureId { get; set; }
    public double Share { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
}
