namespace Stepwise.Careers.Cycles;

/// <summary>
/// One person in a cycle. Manager, tribe, team and discipline are taken when the cycle opens, so moves during the cycle
/// do not reshuffle sessions. The stage only moves forward; every change of the proposed step is a <see cref="CycleAdjustment"/>.
/// </summary>
public sealed class CycleParticipant
{
    public Guid Id { get; init; }
    public Guid CycleId { get; init; }
    public Guid PersonId { get; init; }
    public Guid? ManagerId { get; init; }
    public Guid? TribeId { get; init; }
    /// <summary>The squad (or chapter, or tribe) the person works in, for progress per team.</summary>
    public Guid? TeamId { get; init; }
    public string Discipline { get; init; } = "";
    public int? CurrentLevel { get; init; }
    public ParticipantStage Stage { get; set; }
    public int? SelfLevel { get; set; }
    public int? ManagerLevel { get; set; }
    public int? AgreedLevel { get; set; }
    public string? DiscussionNote { get; set; }
    /// <summary>The step currently proposed: the manager's, then the agreed one, then whatever calibration and reviews made of it.</summary>
    public int? ProposedLevel { get; set; }
    public DateTimeOffset? SelfSubmittedAt { get; set; }
    public DateTimeOffset? ManagerSubmittedAt { get; set; }
    public DateTimeOffset? DiscussedAt { get; set; }
    public DateTimeOffset? CalibratedAt { get; set; }
    public DateTimeOffset? LeadershipReviewedAt { get; set; }
    public Guid? LeadershipReviewerId { get; set; }
    public DateTimeOffset? FinalizedAt { get; set; }
    public Guid? StepRecordId { get; set; }

    public bool NeedsLeadershipReview(AssessmentCycle cycle) => ProposedLevel is { } level && level >= cycle.LeadershipReviewFrom;

    /// <summary>Ready for HR to finalize: calibrated, and reviewed by leadership when proposed for the top two steps.</summary>
    public bool IsReadyToFinalize(AssessmentCycle cycle) =>
        Stage == ParticipantStage.LeadershipReviewed || (Stage == ParticipantStage.Calibrated && !NeedsLeadershipReview(cycle));

    /// <summary>Both assessments are in: the stage moves past the submissions (either may come first).</summary>
    public void AfterSubmission()
    {
        if (Stage > ParticipantStage.ManagerSubmitted) return;
        Stage = (SelfSubmittedAt, ManagerSubmittedAt) switch
        {
            (not null, not null) => ParticipantStage.ManagerSubmitted,
            (not null, null) => ParticipantStage.SelfSubmitted,
            _ => ParticipantStage.NotStarted,
        };
    }
}

/// <summary>Where a participant stands. Order matters in memory (later stages compare greater); the database stores names, so queries use sets.</summary>
public enum ParticipantStage
{
    NotStarted,
    SelfSubmitted,
    ManagerSubmitted,
    Discussed,
    Calibrated,
    LeadershipReviewed,
    Finalized,
}
