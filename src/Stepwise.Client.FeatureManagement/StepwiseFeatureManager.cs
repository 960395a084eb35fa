using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;
using Stepwise.Flags.Evaluation;

namespace Stepwise.Client.FeatureManagement;

/// <summary>
/// Microsoft.FeatureManagement's feature managers answered by Stepwise: <c>[FeatureGate]</c>, <c>WithFeatureGate</c>,
/// the feature tag helper, <see cref="IFeatureManager.IsEnabledAsync(string)"/> and
/// <see cref="IVariantFeatureManager.GetVariantAsync(string, CancellationToken)"/> all evaluate the Stepwise payload
/// locally, so the variant is the very variation Stepwise assigned (and exposure is recorded by the SDK).
/// A feature is enabled when its value is truthy.
/// </summary>
public sealed class StepwiseFeatureManager(IStepwiseClient client, IStepwiseContextAccessor contexts)
    : IFeatureManagerSnapshot, IVariantFeatureManagerSnapshot
{
    /// <inheritdoc />
    public async IAsyncEnumerable<string> GetFeatureNamesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var key in client.FeatureKeys.ToArray())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return key;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<string> GetFeatureNamesAsync() => GetFeatureNamesAsync(CancellationToken.None);

    /// <inheritdoc />
    public ValueTask<bool> IsEnabledAsync(string feature, CancellationToken cancellationToken) =>
        ValueTask.FromResult(client.IsOn(feature, contexts.GetContext()));

    /// <inheritdoc />
    public ValueTask<bool> IsEnabledAsync<TContext>(string feature, TContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(client.IsOn(feature, ContextFrom(context)));

    /// <inheritdoc />
    public Task<bool> IsEnabledAsync(string feature) => IsEnabledAsync(feature, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task<bool> IsEnabledAsync<TContext>(string feature, TContext context) =>
        IsEnabledAsync(feature, context, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public ValueTask<Variant> GetVariantAsync(string feature, CancellationToken cancellationToken) =>
        ValueTask.FromResult(StepwiseVariants.From(client.EvalFeature(feature, contexts.GetContext()))!);

    /// <inheritdoc />
    public ValueTask<Variant> GetVariantAsync(string feature, ITargetingContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(StepwiseVariants.From(client.EvalFeature(feature, ContextFrom(context)))!);

    /// <summary>
    /// Accepts a Stepwise <see cref="EvaluationContext"/>, attributes as a <see cref="JsonElement"/>, or FeatureManagement's
    /// <see cref="ITargetingContext"/> (user id → <c>id</c>, groups → <c>groups</c>); anything else means the ambient unit.
    /// </summary>
    private EvaluationContext ContextFrom<TContext>(TContext context) => context switch
    {
        EvaluationContext evaluation => evaluation,
        JsonElement attributes => new EvaluationContext { Attributes = attributes },
        ITargetingContext targeting => FromTargeting(targeting),
        _ => contexts.GetContext(),
    };

    private static EvaluationContext FromTargeting(ITargetingContext targeting) => new()
    {
        Attributes = JsonSerializer.SerializeToElement(new Dictionary<string, object?>
        {
            ["id"] = targeting.UserId,
            ["groups"] = targeting.Groups?.ToArray() ?? [],
        }),
    };
}
