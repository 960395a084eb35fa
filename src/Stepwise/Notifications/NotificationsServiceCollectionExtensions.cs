using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Stepwise.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    public static IServiceCollection AddStepwiseNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<NotificationsOptions>(configuration.GetSection(NotificationsOptions.Section));
        services.AddHttpClient(OutboundWebhookSender.HttpClientName);
        services.AddScoped<Notifier>().AddScoped<NotificationService>();
        services.AddSingleton<OutboundWebhookSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboundWebhookSender>());
        return services;
    }
}
