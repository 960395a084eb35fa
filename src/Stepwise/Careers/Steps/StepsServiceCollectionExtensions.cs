using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Stepwise.Careers.Steps.Api;

namespace Stepwise.Careers.Steps;

public static class StepsServiceCollectionExtensions
{
    public static IServiceCollection AddStepwiseCareerSteps(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StepRecordsOptions>(configuration.GetSection(StepRecordsOptions.Section));
        services.Configure<Distribution.TargetDistributionOptions>(configuration.GetSection(Distribution.TargetDistributionOptions.Section));
        services.AddHttpClient(StepWebhookSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<StepWebhooks>();
        services.AddSingleton<StepWebhookSender>();
        services.AddHostedService(sp => sp.GetRequiredService<StepWebhookSender>());
        services.AddScoped<StepAccess>().AddScoped<StepRecordService>().AddScoped<DataQualityService>().AddScoped<StepCsv>();
        services.AddAuthorizationBuilder().AddPolicy(StepsApi.HrPolicy, p => p.RequireRole(Identity.Roles.HR, Identity.Roles.Admin));
        return services;
    }
}
