using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Stepwise.Learn.FailWall;
using Stepwise.Learn.Feed;
using Stepwise.Learn.Retrospectives;
using Stepwise.Learn.Search;

namespace Stepwise.Learn;

public static class LearnServiceCollectionExtensions
{
    public static IServiceCollection AddStepwiseLearn(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LearnOptions>(configuration.GetSection(LearnOptions.Section));
        services.AddHttpClient(WebhookSender.HttpClientName);
        services.AddSingleton<WebhookSender>().AddHostedService(sp => sp.GetRequiredService<WebhookSender>());
        services.AddScoped<LearnViewers>().AddScoped<RetrospectiveReader>().AddScoped<RetrospectiveService>().AddScoped<FacilitationService>()
            .AddScoped<LearnSearch>().AddScoped<FailWallService>().AddScoped<FeedPublisher>().AddScoped<FeedTokens>().AddScoped<CompanyFeed>()
            .AddScoped<WebhookService>();
        return services;
    }
}
