namespace Stepwise.Delivery.Lifecycle;

public sealed record HypothesisRequest(string? Statement, List<SuccessMetric>? SuccessMetrics, List<GuardrailMetric>? GuardrailMetrics);

public sealed record CreateFeatureRequest(string? Key, string? Name, string? Summary, Guid? OwnerUnitId, HypothesisRequest? Hypothesis, List<string>? FlagKeys);

/// <summary>Replaces the feature's description, owner, hypothesis and flags. The hypothesis is fixed once users have the feature.</summary>
public sealed record UpdateFeatureRequest(string? Name, string? Summary, Guid? OwnerUnitId, HypothesisRequest? Hypothesis, List<string>? FlagKeys);

/// <summary>
/// A gate decision. <see cref="ExpectedPhase"/> guards against two people deciding at once: when given, the decision is
/// refused unless the feature is still in that phase. <see cref="ToPhase"/> is only for Iterate (an earlier phase or the same one).
/// <see cref="AnalysisId"/> cites a stored analysis of the feature's experiment or rollout: it becomes evidence and its measured effect is copied.
/// </summary>
public sealed record DecisionRequest(
    GateDecisionKind? Kind,
    string? Rationale,
    List<EvidenceLink>? Evidence,
    double? MeasuredEffect,
    FeaturePhase? ExpectedPhase,
    FeaturePhase? ToPhase,
    Guid? AnalysisId = null);

public sealed record InvestmentRequest(DateOnly? WeekStart, double? PersonWeeks, string? Note);

public sealed record AllocationRequest(double? Share, DateOnly? From, DateOnly? To);
