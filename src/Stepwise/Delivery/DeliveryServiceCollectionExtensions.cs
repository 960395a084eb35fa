using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Stepwise.Delivery.Experiments;
using Stepwise.Delivery.Flags;
using Stepwise.Delivery.Lifecycle;
using Stepwise.Delivery.Ofrep;
using Stepwise.Delivery.Payload;
using Stepwise.Delivery.Rollouts;
using Stepwise.Delivery.Shared;

namespace Stepwise.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    public static IServiceCollection AddStepwiseDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DeliveryOptions>(configuration.GetSection(DeliveryOptions.Section));
        services.AddSingleton<PayloadCache>();
        services.AddSingleton<SdkRateLimiter>();
        services.AddHostedService<PayloadRefresher>();
        services.AddScoped<DeliveryChangeInterceptor>();
        services.AddScoped<DeliveryPermissions>().AddScoped<FlagReader>().AddScoped<FlagService>().AddScoped<RolloutService>()
            .AddScoped<ExperimentService>().AddScoped<SharedObjectsService>().AddScoped<OverlapCalculator>()
            .AddScoped<FeatureReader>().AddScoped<FeatureService>().AddScoped<Collisions.CollisionGuard>().AddScoped<Collisions.CollisionsPreview>();
        return services;
    }
}
