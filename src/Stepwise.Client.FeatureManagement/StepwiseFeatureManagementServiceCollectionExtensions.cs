using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.FeatureManagement;

namespace Stepwise.Client.FeatureManagement;

/// <summary>Registers Stepwise as the source of Microsoft.FeatureManagement's answers.</summary>
public static class StepwiseFeatureManagementServiceCollectionExtensions
{
    /// <summary>
    /// Makes <see cref="IFeatureManager"/>, <see cref="IVariantFeatureManager"/> and their snapshots (what <c>[FeatureGate]</c>,
    /// <c>WithFeatureGate</c> and the tag helper resolve) evaluate Stepwise flags for the current user. Call it after
    /// <c>AddStepwise(...)</c> and instead of <c>AddFeatureManagement()</c>: registrations made by that are replaced.
    /// </summary>
    public static IServiceCollection AddStepwiseFeatureManagement(this IServiceCollection services,
        Action<StepwiseFeatureManagementOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<StepwiseFeatureManagementOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        services.AddHttpContextAccessor();
        services.TryAddSingleton<IStepwiseContextAccessor, HttpUserContextAccessor>();
        services.TryAddSingleton<StepwiseFeatureManager>();
        Replace<IFeatureManager>(services);
        Replace<IFeatureManagerSnapshot>(services);
        Replace<IVariantFeatureManager>(services);
        Replace<IVariantFeatureManagerSnapshot>(services);
        return services;
    }

    private static void Replace<TService>(IServiceCollection services)
        where TService : class
    {
        services.RemoveAll<TService>();
        services.AddSingleton<TService>(provider => (TService)(object)provider.GetRequiredService<StepwiseFeatureManager>());
    }
}
