using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Stepwise.Events.Analysis;
using Stepwise.Events.Ingestion;
using Stepwise.Events.Metrics;
using Stepwise.Events.Storage;

namespace Stepwise.Events;

public static class EventsServiceCollectionExtensions
{
    public static IServiceCollection AddStepwiseEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EventsOptions>(configuration.GetSection(EventsOptions.Section));
        services.AddSingleton<EventStoreProvider>();
        services.AddSingleton<EventWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<EventWriter>());
        services.AddSingleton<AnalysisStateRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<AnalysisStateRefresher>());
        services.AddScoped<MetricService>().AddScoped<ExperimentAnalysisService>();
        return services;
    }
}
