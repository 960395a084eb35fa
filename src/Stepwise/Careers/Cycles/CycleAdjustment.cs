namespace Stepwise.Careers.Cycles;

/// <summary>A logged change of someone's proposed step after the assessments: who, when, at which stage, and why.</summary>
public sealed class CycleAdjustment
{
    public Guid Id { get; init; }
    public Guid CycleId { get; init; }
    public Guid ParticipantId { get; init; }
    public AdjustmentStage Stage { get; init; }
    public int? FromLevel { get; init; }
    public int ToLevel { get; init; }
    public required string Reason { get; init; }
    public Guid? ByPersonId { get; init; }
    public required string By { get; init; }
    public DateTimeOffset At { get; init; }
}

public enum AdjustmentStage
{
    Discussion,
    Calibration,
    FunctionalSync,
    LeadershipReview,
}
