using System.Text.Json;
using Stepwise.Flags.Experiments;
using Stepwise.Flags.Json;

namespace Stepwise.Flags.Evaluation;

/// <summary>
/// The outcome of evaluating a feature (GrowthBook's <c>FeatureResult</c>), plus an error code when the
/// engine had to fall back. Immutable: results that do not depend on the unit are built once per payload and
/// shared, which keeps flag evaluation allocation-free.
/// </summary>
public sealed class FeatureResult
{
    internal FeatureResult(
        JsonElement value,
        FeatureSource source,
        string? ruleId,
        ExperimentDefinition? experiment = null,
        ExperimentResult? experimentResult = null,
        EvaluationErrorCode errorCode = EvaluationErrorCode.None,
        string? errorMessage = null,
        RolloutExposure? rollout = null)
    {
        Value = value.ValueKind == JsonValueKind.Undefined ? JsonValues.Null : value;
        On = JsSemantics.IsTruthy(Value);
        Source = source;
        RuleId = ruleId ?? "";
        Experiment = experiment;
        ExperimentResult = experimentResult;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        Rollout = rollout;
    }

    /// <summary>The value (JSON null when there is none).</summary>
    public JsonElement Value { get; }

    /// <summary>JavaScript truthiness of <see cref="Value"/> (false, 0, "", null are off).</summary>
    public bool On { get; }

    /// <summary>The negation of <see cref="On"/>.</summary>
    public bool Off => !On;

    /// <summary>Why the feature has this value.</summary>
    public FeatureSource Source { get; }

    /// <summary>Id of the rule that applied, or empty.</summary>
    public string RuleId { get; }

    /// <summary>The experiment the unit was assigned by, when <see cref="Source"/> is <see cref="FeatureSource.Experiment"/>.</summary>
    public ExperimentDefinition? Experiment { get; }

    /// <summary>The assignment, when <see cref="Source"/> is <see cref="FeatureSource.Experiment"/>.</summary>
    public ExperimentResult? ExperimentResult { get; }

    /// <summary>Why the engine fell back, if it did.</summary>
    public EvaluationErrorCode ErrorCode { get; }

    /// <summary>Human-readable detail for <see cref="ErrorCode"/>.</summary>
    public string? ErrorMessage { get; }

    /// <summary>
    /// The tracked rollout rule the unit was placed by, inside or outside its range, whatever rule finally gave the value;
    /// null when the evaluation met none.
    /// </summary>
    public RolloutExposure? Rollout { get; }

    /// <summary>This result reporting <paramref name="rollout"/> (a copy: shared results stay unit-free).</summary>
    internal FeatureResult WithRollout(RolloutExposure rollout) =>
        new(Value, Source, RuleId, Experiment, ExperimentResult, ErrorCode, ErrorMessage, rollout);
}
