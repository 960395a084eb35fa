namespace Stepwise.Careers.Cycles;

/// <summary>
/// One round of assessment for a population (the whole organization or a unit and everything under it), against the
/// framework version published when it opened. Each stage has its own deadline; people move through the stages one by one.
/// </summary>
public sealed class AssessmentCycle
{
    public Guid Id { get; init; }
    public required string Name { get; set; }
    /// <summary>The unit whose subtree is assessed; null for the whole organization.</summary>
    public Guid? UnitId { get; init; }
    public required string FrameworkKey { get; init; }
    public required string FrameworkVersion { get; init; }
    /// <summary>How many steps the framework has: ratings outside 1..StepCount are refused.</summary>
    public int StepCount { get; init; }
    /// <summary>The framework's characteristics when the cycle opened, so ratings stay valid when a new version is published.</summary>
    public List<CycleCharacteristic> Characteristics { get; init; } = [];
    public DateOnly SelfDue { get; set; }
    public DateOnly ManagerDue { get; set; }
    public DateOnly CalibrationDue { get; set; }
    public DateOnly FunctionalSyncDue { get; set; }
    public DateOnly LeadershipReviewDue { get; set; }
    public DateOnly FinalizeDue { get; set; }
    public CycleState State { get; set; }
    public DateTimeOffset OpenedAt { get; init; }
    public required string OpenedBy { get; init; }
    public DateTimeOffset? ClosedAt { get; set; }

    public bool IsOpen => State == CycleState.Open;

    /// <summary>The lowest step that needs leadership review: the top two steps.</summary>
    public int LeadershipReviewFrom => Math.Max(1, StepCount - 1);

    public bool IsStepInFramework(int step) => step >= 1 && step <= StepCount;

    /// <summary>The deadline of what a participant at <paramref name="stage"/> is waiting for; null when nothing is left.</summary>
    public DateOnly? DeadlineFor(CycleParticipant participant) => participant.Stage switch
    {
        ParticipantStage.NotStarted => participant.SelfSubmittedAt is null ? SelfDue : ManagerDue,
        ParticipantStage.SelfSubmitted => ManagerDue,
        // Both assessments are in: the discussion must happen before the tribe calibrates.
        ParticipantStage.ManagerSubmitted or ParticipantStage.Discussed => CalibrationDue,
        ParticipantStage.Calibrated => participant.NeedsLeadershipReview(this) ? LeadershipReviewDue : FinalizeDue,
        ParticipantStage.LeadershipReviewed => FinalizeDue,
        _ => null,
    };
}

public enum CycleState
{
    Open,
    Closed,
}

public sealed record CycleCharacteristic(string Id, string Name);
