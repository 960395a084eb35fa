using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Stepwise.Guard;

public static class GuardServiceCollectionExtensions
{
    public static IServiceCollection AddStepwiseGuard(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<GuardOptions>(configuration.GetSection(GuardOptions.Section));
        services.AddScoped<GuardNotifications>().AddScoped<RolloutGuardService>().AddScoped<ExperimentSnapshots>()
            .AddScoped<GuardRunner>().AddScoped<SnapshotReader>();
        services.AddSingleton<GuardScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<GuardScheduler>());
        return services;
    }
}
