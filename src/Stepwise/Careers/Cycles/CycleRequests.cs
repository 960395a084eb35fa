namespace Stepwise.Careers.Cycles;

/// <summary>Opens a cycle. <see cref="UnitId"/> null means the whole organization.</summary>
public sealed record OpenCycleRequest(string? Name, Guid? UnitId, DateOnly? SelfDue, DateOnly? ManagerDue, DateOnly? CalibrationDue,
    DateOnly? FunctionalSyncDue, DateOnly? LeadershipReviewDue, DateOnly? FinalizeDue);

public sealed record RatingRequest(string? CharacteristicId, int? Step, string? Evidence);

/// <summary>A self or manager assessment. <see cref="Reason"/> is required for a revision and ignored otherwise.</summary>
public sealed record AssessmentRequest(IReadOnlyList<RatingRequest>? Ratings, int? OverallStep, string? Reason = null);

public sealed record DiscussionRequest(int? AgreedStep, string? Note);

/// <summary>A change of the proposed step by calibration, functional sync or leadership review.</summary>
public sealed record AdjustmentRequest(int? Step, string? Reason);

/// <summary>Leadership approves the proposal as it is (no step) or adjusts it (a step and a reason).</summary>
public sealed record LeadershipReviewRequest(int? Step, string? Reason);

/// <summary>Finalizes everyone ready. <see cref="Confirm"/> must be true: the step records cannot be taken back.</summary>
public sealed record FinalizeRequest(DateOnly? EffectiveOn, bool Confirm);
