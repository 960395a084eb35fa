using Microsoft.Extensions.DependencyInjection;
using Stepwise.Governance;

namespace Stepwise.Careers.Framework;

public static class FrameworkServiceCollectionExtensions
{
    /// <summary>The career framework and the governed editing it is changed through.</summary>
    public static IServiceCollection AddStepwiseCareerFramework(this IServiceCollection services) =>
        services.AddStepwiseGovernance().AddScoped<FrameworkCatalog>();
}
