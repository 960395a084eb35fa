using Stepwise.Careers.Distribution;

namespace Stepwise.Careers.Reports;

public enum Breakdown
{
    Organization,
    Tribe,
    Discipline,
    Location,
}

public enum PromotionPeriod
{
    Month,
    Quarter,
    Year,
}

/// <summary>What every report says about who it covers and what it hides.</summary>
public sealed record ReportFrame(ScopeKind Scope, string ScopeLabel, bool HidesSmallGroups, int MinGroupSize);

/// <summary>One group's distribution against the target; <see cref="Comparison"/> is null when the group is hidden.</summary>
public sealed record DistributionGroup(string Key, string Name, int People, bool Hidden, DistributionComparison? Comparison);

/// <summary>
/// The step distribution on <see cref="AsOf"/> of the people in scope who hold a step. <see cref="Overall"/> is null
/// when the whole scope is too small to show; <see cref="WithoutStep"/> counts the employed people not counted.
/// </summary>
public sealed record DistributionReport(DateOnly AsOf, Breakdown By, ReportFrame Frame, int MaxLevel, double FlagDeviationPoints,
    IReadOnlyDictionary<int, double> Target, DistributionComparison? Overall, int WithoutStep, IReadOnlyList<DistributionGroup> Groups, int HiddenGroups);

/// <summary>Promotions effective in one period (e.g. "2025-Q3"), starting on <see cref="Start"/>.</summary>
public sealed record PromotionBucket(string Period, DateOnly Start, int Promotions);

/// <summary>Promotions of one tribe per period; <see cref="Buckets"/> is empty when the tribe is hidden.</summary>
public sealed record PromotionUnit(Guid TribeId, string Name, int People, bool Hidden, int Total, IReadOnlyList<PromotionBucket> Buckets);

/// <summary>
/// Promotions (a step above the one held before) effective from <see cref="From"/> to <see cref="To"/>, per period, for the
/// scope and per tribe (the tribe the person was in on the promotion date).
/// </summary>
public sealed record PromotionsReport(DateOnly From, DateOnly To, PromotionPeriod Period, ReportFrame Frame, bool Hidden, int Total,
    IReadOnlyList<PromotionBucket> Buckets, IReadOnlyList<PromotionUnit> ByTribe, int HiddenTribes);

/// <summary>How many people of one step have held it for a span of time.</summary>
public sealed record TenureBucket(string Label, int MinMonths, int? MaxMonths, int People);

/// <summary>Time people have held the step they hold on the report date; null figures when the step's group is hidden.</summary>
public sealed record TimeInStep(int Level, string StepName, int People, bool Hidden, double? MedianMonths, IReadOnlyList<TenureBucket> Buckets);

public sealed record TimeInStepReport(DateOnly AsOf, ReportFrame Frame, IReadOnlyList<TimeInStep> Steps);
