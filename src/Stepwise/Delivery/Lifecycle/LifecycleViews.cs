using Stepwise.Delivery.Model;

namespace Stepwise.Delivery.Lifecycle;

public sealed record FeatureSummary(
    string Key, string Name, Guid OwnerUnitId, string OwnerUnitName, FeaturePhase Phase, DateTimeOffset PhaseSince,
    string HypothesisStatement, int SuccessMetricCount, IReadOnlyList<string> FlagKeys);

public sealed record HypothesisView(string Statement, IReadOnlyList<SuccessMetric> SuccessMetrics, IReadOnlyList<GuardrailMetric> GuardrailMetrics);

public sealed record DecisionView(
    Guid Id, GateDecisionKind Kind, FeaturePhase FromPhase, FeaturePhase ToPhase, string Rationale,
    IReadOnlyList<EvidenceLink> Evidence, double? MeasuredEffect, string DecidedBy, DateTimeOffset DecidedAt);

/// <summary>A linked flag as the feature page shows it: whether it exists and how far its production rollout went.</summary>
public sealed record FeatureFlagView(string Key, bool Exists, string? Name, bool Archived, string? ProductionRollout, double? ProductionShare);

public sealed record AllocationView(Guid Id, double Share, DateOnly From, DateOnly? To);

public sealed record InvestmentView(
    IReadOnlyList<InvestmentWeek> Weeks,
    double TotalPersonWeeks,
    double PersonWeeksBeforeFirstValue,
    double PersonWeeksBeforeFullRelease,
    double? TimeToFirstValueDays);

public sealed record FeatureDetails(
    string Key, string Name, string? Summary, Guid OwnerUnitId, string OwnerUnitName, FeaturePhase Phase, DateTimeOffset PhaseSince,
    DateTimeOffset CreatedAt, DateTimeOffset? FirstValueAt, DateTimeOffset? FullReleaseAt,
    HypothesisView Hypothesis, IReadOnlyList<FeatureFlagView> Flags, IReadOnlyList<DecisionView> Decisions,
    IReadOnlyList<AllocationView> Allocations, InvestmentView Investment)
{
    public IReadOnlyList<PhaseChange> PhaseChanges =>
        [new(CreatedAt, FeaturePhase.ThinkIt), .. Decisions.OrderBy(d => d.DecidedAt).Where(d => d.ToPhase != d.FromPhase).Select(d => new PhaseChange(d.DecidedAt, d.ToPhase))];
}

/// <summary>Person-weeks spent per phase in one tribe (or unit without a tribe).</summary>
public sealed record UnitPhaseInvestment(Guid UnitId, string UnitName, IReadOnlyDictionary<FeaturePhase, double> PersonWeeks)
{
    public double Total => PersonWeeks.Values.Sum();
}

public sealed record OrgInvestmentView(IReadOnlyList<UnitPhaseInvestment> Units, IReadOnlyDictionary<FeaturePhase, double> Totals, int FeatureCount);

/// <summary>A rollout that reached everyone long ago but whose flag still ships in the payload.</summary>
public sealed record StaleFlag(string FlagKey, string FlagName, string Environment, DateTimeOffset ReleasedSince, int Days, string? FeatureKey);

/// <summary>A maintained feature whose measured value does not reach the effect its hypothesis called worthwhile.</summary>
public sealed record UnjustifiedFeature(string FeatureKey, string Name, string OwnerUnitName, FeaturePhase Phase, string Reason, double? MeasuredEffect, double? MinimumEffect);

public sealed record MaintenanceView(int StaleAfterDays, IReadOnlyList<StaleFlag> StaleFlags, IReadOnlyList<UnjustifiedFeature> Unjustified);

/// <summary>An experiment on one of a feature's flags, with the link to its analysis of the feature's hypothesis metrics.</summary>
public sealed record FeatureExperimentView(string Key, string Name, string FlagKey, ExperimentStatus Status, DateTimeOffset? StartedAt, DateTimeOffset? StoppedAt,
    string AnalysisLink);

public sealed record FeatureLinkView(string Key, string Name);
