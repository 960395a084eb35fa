using Microsoft.Extensions.Hosting;

namespace Stepwise.Client.DependencyInjection;

/// <summary>Starts the client with the host (waiting at most the startup timeout for the first payload) and stops it
/// with the host, flushing buffered events.</summary>
internal sealed class StepwiseHostedService(StepwiseClient client) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => client.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => client.StopAsync(cancellationToken);
}
