namespace Stepwise.Learn.Model;

/// <summary>What a retrospective looks back on. Delivery's experiments and rollouts exist; the other kinds are named by text until their modules do.</summary>
public enum SubjectKind
{
    Project,
    Feature,
    Incident,
    Experiment,
    Rollout,
}

public enum RetroOutcome
{
    Succeeded,
    Mixed,
    Failed,
}

public enum RetroStatus
{
    Open,
    Closed,
}

/// <summary>
/// A blameless look back at one subject, owned by a unit. While open the team adds contributions, lessons,
/// actions and the decision timeline; closing it freezes everything except the status of its actions, which
/// keep coming back to the unit's next retrospectives until they are done or dropped.
/// </summary>
public sealed class Retrospective
{
    public Guid Id { get; set; }
    public required string Title { get; set; }
    public SubjectKind SubjectKind { get; set; }

    /// <summary>The subject's key or id in its module (an experiment key, a rollout id), when it has one.</summary>
    public string? SubjectRef { get; set; }

    public Guid OwnerUnitId { get; set; }
    public RetroOutcome Outcome { get; set; }
    public string? Summary { get; set; }
    public List<string> Tags { get; set; } = [];

    /// <summary>Private retrospectives are seen only by the owning unit's members, the leads above it and administrators.</summary>
    public bool IsPrivate { get; set; }

    public RetroStatus Status { get; set; }
    public DateOnly HeldOn { get; set; }
    public List<CriticalDecision> Decisions { get; set; } = [];
    public Guid? FacilitatorUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    public bool IsClosed => Status == RetroStatus.Closed;
}

/// <summary>One point on the timeline: what was decided, what the decision rested on, and what came of it.</summary>
public sealed record CriticalDecision(DateOnly? On, string Decided, string? InformedBy, string? Result);
