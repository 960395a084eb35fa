using Stepwise.Careers.Compensation;
using Stepwise.Careers.Distribution;

namespace Stepwise.Careers.Cycles;

public sealed record CycleDeadlines(DateOnly Self, DateOnly Manager, DateOnly Calibration, DateOnly FunctionalSync, DateOnly LeadershipReview,
    DateOnly Finalize)
{
    public static CycleDeadlines Of(AssessmentCycle c) =>
        new(c.SelfDue, c.ManagerDue, c.CalibrationDue, c.FunctionalSyncDue, c.LeadershipReviewDue, c.FinalizeDue);
}

public sealed record CycleSummary(Guid Id, string Name, Guid? UnitId, string UnitName, string FrameworkVersion, int StepCount,
    IReadOnlyList<CycleCharacteristic> Characteristics, CycleState State, DateTimeOffset OpenedAt, string OpenedBy, DateTimeOffset? ClosedAt,
    CycleDeadlines Deadlines, int Participants, int Finalized, Guid? MyAssessmentId, bool CanAdminister, IReadOnlyList<CycleUnit> Tribes);

public sealed record CycleUnit(Guid Id, string Name);

public sealed record EntryView(int Revision, IReadOnlyList<CharacteristicRating> Ratings, int OverallStep, string? Reason, string SubmittedBy,
    DateTimeOffset SubmittedAt);

/// <summary>One characteristic side by side; a side is null while it is hidden or not submitted.</summary>
public sealed record ComparisonRow(string CharacteristicId, string Name, int? SelfStep, string? SelfEvidence, int? ManagerStep, string? ManagerEvidence)
{
    public bool? Agrees => SelfStep is { } s && ManagerStep is { } m ? s == m : null;
}

public sealed record AdjustmentView(AdjustmentStage Stage, int? FromLevel, int ToLevel, string Reason, string By, DateTimeOffset At);

/// <summary>What the caller may do with an assessment now.</summary>
public sealed record AssessmentPermissions(bool SubmitSelf, bool ReviseSelf, bool SubmitManager, bool ReviseManager, bool Discuss, bool Calibrate);

/// <summary>
/// One person's assessment as the caller may see it. Until someone has submitted their own, the other side's ratings are
/// withheld (<see cref="SelfHidden"/>, <see cref="ManagerHidden"/>) so neither anchors the other.
/// </summary>
public sealed record AssessmentView(Guid Id, Guid CycleId, string CycleName, CycleState CycleState, Guid PersonId, string PersonName,
    Guid? ManagerId, string? ManagerName, string Discipline, int? CurrentLevel, ParticipantStage Stage, int StepCount,
    IReadOnlyList<CycleCharacteristic> Characteristics, IReadOnlyList<EntryView> SelfRevisions, IReadOnlyList<EntryView> ManagerRevisions,
    bool SelfHidden, bool ManagerHidden, IReadOnlyList<ComparisonRow> Comparison, int? AgreedLevel, string? DiscussionNote, int? ProposedLevel,
    bool NeedsLeadershipReview, DateOnly? NextDeadline, bool Overdue, IReadOnlyList<AdjustmentView> Adjustments, AssessmentPermissions Can);

/// <summary>One row of a session (calibration, functional sync, leadership review, team list).</summary>
public sealed record ProposalRow(Guid AssessmentId, Guid PersonId, string PersonName, Guid? ManagerId, string? ManagerName, Guid? TribeId,
    string? TribeName, string Discipline, int? CurrentLevel, int? SelfLevel, int? ManagerLevel, int? AgreedLevel, int? ProposedLevel,
    ParticipantStage Stage, bool NeedsLeadershipReview, bool Overdue);

public sealed record CalibrationView(Guid CycleId, string CycleName, CycleState CycleState, Guid TribeId, string TribeName, int StepCount,
    IReadOnlyList<ProposalRow> People, DistributionComparison Distribution, double TribeMean, IReadOnlyList<ManagerPattern> Managers,
    IReadOnlyList<AdjustmentView> Changes, bool CanChange);

public sealed record DisciplineGroup(string Discipline, IReadOnlyList<ProposalRow> People, DistributionComparison Distribution);

public sealed record FunctionalSyncView(Guid CycleId, string CycleName, int StepCount, IReadOnlyList<DisciplineGroup> Disciplines, bool CanChange);

public sealed record LeadershipReviewView(Guid CycleId, string CycleName, int StepCount, int FromLevel, IReadOnlyList<ProposalRow> People,
    bool CanReview);

public sealed record TeamView(Guid CycleId, string CycleName, IReadOnlyList<ProposalRow> People);

public sealed record StageCount(ParticipantStage Stage, int Count);

public sealed record UnitProgress(Guid? UnitId, string UnitName, int Participants, IReadOnlyList<StageCount> Stages, int Overdue,
    double BehindShare, double AverageDaysLate);

public sealed record OverduePerson(Guid AssessmentId, Guid PersonId, string PersonName, string UnitName, ParticipantStage Stage, DateOnly Due,
    int DaysLate, string WaitingOn);

/// <summary>Progress of a cycle: counts per stage overall and per team, teams ranked by how far behind, overdue people.</summary>
public sealed record ProgressView(Guid CycleId, string CycleName, DateOnly Today, IReadOnlyList<StageCount> Stages, IReadOnlyList<UnitProgress> Teams,
    IReadOnlyList<UnitProgress> Tribes, IReadOnlyList<OverduePerson> Overdue);

public sealed record ReminderResult(int People, int Notified);

public sealed record FinalizeResult(int Finalized, int Remaining, bool Closed, DateOnly EffectiveOn);

public sealed record CyclePromotionCost(Guid CycleId, PromotionCost Cost);
