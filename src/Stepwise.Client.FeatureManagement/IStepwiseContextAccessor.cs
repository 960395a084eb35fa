using Stepwise.Flags.Evaluation;

namespace Stepwise.Client.FeatureManagement;

/// <summary>
/// Supplies the unit (its attributes) that <see cref="StepwiseFeatureManager"/> evaluates for when the caller passes no
/// context, as <c>[FeatureGate]</c> and <c>IFeatureManager.IsEnabledAsync(name)</c> do. Register your own to take
/// attributes from anywhere (tenant, cookie, headers); the default reads the signed-in user's claims.
/// </summary>
public interface IStepwiseContextAccessor
{
    /// <summary>The current unit; <see cref="EvaluationContext.Empty"/> when there is none.</summary>
    EvaluationContext GetContext();
}
