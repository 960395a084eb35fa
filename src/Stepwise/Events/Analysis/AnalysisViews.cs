using Stepwise.Stats.Analysis;

namespace Stepwise.Events.Analysis;

/// <summary>Which metrics to analyse: success metrics and guardrails by catalogue key.</summary>
public sealed record AnalysisRequest(IReadOnlyList<string>? Metrics, IReadOnlyList<string>? Guardrails, long? PlannedUnits = null, double? Alpha = null);

/// <summary>One arm of an analysed subject: its key and planned weight.</summary>
public sealed record SubjectVariation(string Key, double Weight);

/// <summary>Anything with exposures to analyse: an experiment, or a rollout stage (exposures since <see cref="Since"/>).</summary>
public sealed record AnalysisSubject(string Key, Guid EnvironmentId, string EnvironmentKey, IReadOnlyList<SubjectVariation> Variations, DateTimeOffset? Since = null);

/// <summary>A subject's sufficient statistics and exposure health as the store computed them, before the tests.</summary>
public sealed record MeasuredSubject(
    AnalysisSubject Subject, IReadOnlyList<Metrics.ProductMetric> Metrics, DateTimeOffset AsOf, string Store, ExperimentData Data,
    IReadOnlyList<VariationExposure> Exposures, string StatisticsSql, string ExposureSql, double QueryMilliseconds);

/// <summary>Units per variation (by first exposure), those that also saw another variation, and the planned weight.</summary>
public sealed record VariationExposure(int Index, string Variation, long Units, long MultipleVariations, long Analysed, double PlannedWeight);

/// <summary>One metric × treatment comparison, non-finite numbers as null.</summary>
public sealed record MetricResultView(
    string Metric, string Name, string Variation, string Kind, string Role, string Method, string Direction,
    long ControlUnits, long VariationUnits, double? ControlMean, double? VariationMean,
    double? AbsoluteEffect, double? CiLow, double? CiHigh, double? RelativeEffect, double? RelativeCiLow, double? RelativeCiHigh,
    double? PValue, double? AdjustedPValue, bool Cuped, double? VarianceReduction, double? GuardrailMargin, bool? NonInferior, string Outcome);

/// <summary>The recommendation for a treatment variation and its reasons.</summary>
public sealed record DecisionView(string Variation, string Recommendation, IReadOnlyList<string> Reasons);

/// <summary>Everything the result page and the API show, including the SQL that ran and the methods used.</summary>
public sealed record ExperimentAnalysisResult(
    string Experiment, string Environment, DateTimeOffset AsOf, string Store, double Alpha, bool AlwaysValid, long PlannedUnits,
    long UnitsExposed, long UnitsInMoreThanOneVariation, IReadOnlyList<VariationExposure> Exposures,
    double? SrmPValue, bool SrmMismatch, IReadOnlyList<MetricResultView> Results, IReadOnlyList<DecisionView> Decisions,
    string StatisticsSql, string ExposureSql, double QueryMilliseconds)
{
    internal static double? Finite(double value) => double.IsFinite(value) ? value : null;

    internal static MetricResultView View(MetricResult r, Metrics.ProductMetric metric) => new(
        metric.Key, metric.Name, r.Variant, metric.Kind.ToString(), r.Role.ToString(), r.Method, r.PreferredDirection.ToString(),
        r.ControlUnits, r.VariantUnits, Finite(r.ControlMean), Finite(r.VariantMean),
        Finite(r.AbsoluteEffect), Finite(r.CiLow), Finite(r.CiHigh), Finite(r.RelativeEffect),
        Finite(r.Estimate.RelativeCiLow), Finite(r.Estimate.RelativeCiHigh),
        Finite(r.PValue), Finite(r.AdjustedPValue), r.Cuped, r.VarianceReduction is { } v ? Finite(v) : null,
        r.Role == MetricRole.Guardrail ? metric.GuardrailMargin : null, r.NonInferiority?.IsNonInferior, r.Outcome.ToString());
}
