using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Stepwise.Align.Goals;
using Stepwise.Align.Priorities;

namespace Stepwise.Align;

public static class AlignServiceCollectionExtensions
{
    public static IServiceCollection AddStepwiseAlign(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AlignOptions>(configuration.GetSection(AlignOptions.Section));
        services.AddScoped<AlignPermissions>().AddScoped<PriorityService>().AddScoped<AlignmentService>()
            .AddScoped<GoalService>().AddScoped<GoalReader>()
            .AddScoped<Rfcs.RfcService>().AddScoped<Rfcs.RfcReader>()
            .AddScoped<Duhbs.DuhbService>().AddScoped<Duhbs.DuhbReader>();
        return services;
    }
}
