using Microsoft.Extensions.DependencyInjection;

namespace Stepwise.Governance;

public static class GovernanceServiceCollectionExtensions
{
    public static IServiceCollection AddStepwiseGovernance(this IServiceCollection services) =>
        services.AddScoped<GovernancePermissions>().AddScoped<GovernanceReader>().AddScoped<DraftEditing>()
            .AddScoped<ReviewRounds>().AddScoped<Publishing>();
}
