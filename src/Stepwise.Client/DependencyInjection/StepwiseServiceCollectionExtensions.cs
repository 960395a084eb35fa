using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Stepwise.Client.DependencyInjection;

/// <summary>Registers the Stepwise SDK in a service collection.</summary>
public static class StepwiseServiceCollectionExtensions
{
    /// <summary>
    /// Adds a singleton <see cref="StepwiseClient"/> (also as <see cref="IStepwiseClient"/>), started and stopped by a hosted
    /// service, using the <see cref="IHttpClientFactory"/> client named <see cref="StepwiseClient.HttpClientName"/>
    /// (configure its handler with <c>services.AddHttpClient(StepwiseClient.HttpClientName)</c>) and the registered
    /// <see cref="TimeProvider"/> (the system clock unless one is registered).
    /// </summary>
    public static IServiceCollection AddStepwise(this IServiceCollection services, Action<StepwiseOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<StepwiseOptions>().Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        // The SDK sets its own per-request timeouts; the client's must not cut the long-lived stream.
        services.AddHttpClient(StepwiseClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(provider =>
        {
            var factory = provider.GetRequiredService<IHttpClientFactory>();
            return new StepwiseClient(
                provider.GetRequiredService<IOptions<StepwiseOptions>>().Value,
                httpClient: null,
                // A client per request lets the factory rotate handlers (DNS changes) under a long-running process.
                httpSource: () => factory.CreateClient(StepwiseClient.HttpClientName),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetService<ILoggerFactory>());
        });
        services.TryAddSingleton<IStepwiseClient>(provider => provider.GetRequiredService<StepwiseClient>());
        services.AddHostedService<StepwiseHostedService>();
        return services;
    }
}
