using System.Text.Json;
using Stepwise.Flags.Evaluation;

namespace Stepwise.Client;

/// <summary>
/// Evaluates Stepwise feature flags and experiments locally and records exposure and metric events.
/// No member throws because of flag data, network state or attributes: when anything is wrong the caller's
/// default (or the feature's default) is served.
/// </summary>
public interface IStepwiseClient
{
    /// <summary>The full evaluation result (value, source, rule, experiment assignment, error code).</summary>
    /// <param name="key">Feature key.</param>
    /// <param name="context">The unit; build it once per unit or request and reuse it for an allocation-free path.</param>
    FeatureResult EvalFeature(string key, EvaluationContext? context = null);

    /// <summary>True when the feature's value is truthy for the unit (unknown features are off).</summary>
    bool IsOn(string key, EvaluationContext? context = null);

    /// <summary>The feature's value as <typeparamref name="T"/>, or <paramref name="defaultValue"/> when the feature is unknown,
    /// null, or not convertible.</summary>
    T GetValue<T>(string key, EvaluationContext? context, T defaultValue);

    /// <summary>The feature's string value, or <paramref name="defaultValue"/> when it is not a string.</summary>
    string GetString(string key, EvaluationContext? context, string defaultValue);

    /// <summary>The feature's numeric value, or <paramref name="defaultValue"/> when it is not a number.</summary>
    double GetNumber(string key, EvaluationContext? context, double defaultValue);

    /// <summary>The feature's JSON value, or <paramref name="defaultValue"/> when the feature is unknown or null.</summary>
    JsonElement GetJson(string key, EvaluationContext? context, JsonElement defaultValue);

    /// <summary>Records a metric event for a unit (sent with the exposures, in batches).</summary>
    /// <param name="unitId">The unit's id, as in its <c>id</c> attribute.</param>
    /// <param name="metric">Metric key (e.g. <c>revenue</c>).</param>
    /// <param name="value">Observed value (1 for a conversion).</param>
    void Track(string unitId, string metric, double value = 1);

    /// <summary>Records a metric event for the unit whose <c>id</c> attribute is in <paramref name="context"/>.</summary>
    void Track(EvaluationContext context, string metric, double value = 1);

    /// <summary>The payload's origin and freshness, the connection mode, and the last error.</summary>
    StepwiseStatus Status { get; }

    /// <summary>Exact counts of delivered, rejected, dropped and pending events.</summary>
    EventDeliveryStatistics EventStatistics { get; }

    /// <summary>Keys of the features in the served payload.</summary>
    IEnumerable<string> FeatureKeys { get; }
}
