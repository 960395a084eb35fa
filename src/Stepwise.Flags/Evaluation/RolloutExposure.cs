namespace Stepwise.Flags.Evaluation;

/// <summary>
/// A unit reached a tracked rollout rule (a force rule with a range or coverage and an <c>exposureKey</c>, which Stepwise
/// gives every guarded rollout stage), matched its audience and was placed on the rollout's hash line. Units outside the
/// range fall through to the next rule, but they are the rollout's control arm, so they are reported too.
/// </summary>
/// <param name="Key">The exposure key (<c>rollout-&lt;plan id&gt;</c> for Stepwise rollouts).</param>
/// <param name="FeatureId">The feature whose evaluation met the rule.</param>
/// <param name="HashAttribute">The attribute the unit was hashed by.</param>
/// <param name="HashValue">The unit id that was hashed, as a string.</param>
/// <param name="InRollout">True when the unit is inside the range and gets the rule's value.</param>
public sealed record RolloutExposure(string Key, string? FeatureId, string HashAttribute, string HashValue, bool InRollout)
{
    /// <summary>The arm for exposure events: 1 inside the rollout (treated), 0 outside it (control).</summary>
    public int VariationId => InRollout ? 1 : 0;
}
