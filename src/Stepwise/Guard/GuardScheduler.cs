using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Stepwise.Guard;

/// <summary>
/// Runs the analysis and rollout guard on a schedule (daily by default), on the injected <see cref="TimeProvider"/> so
/// tests drive it with a fake clock or call <see cref="RunOnceAsync"/> directly. The first run waits one interval.
/// </summary>
public sealed class GuardScheduler(IServiceScopeFactory scopes, IOptions<GuardOptions> options, TimeProvider time, ILogger<GuardScheduler> logger)
    : BackgroundService
{
    public async Task<GuardRunResult> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<GuardRunner>().RunOnceAsync(ct);
        logger.LogInformation("Guard run: {Experiments} experiments analysed, {Rollouts} rollouts checked, {Actions} actions",
            result.Experiments, result.Rollouts, result.Actions.Count);
        return result;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled || options.Value.Interval <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Scheduled guard run failed; trying again next interval");
            }
        }
    }
}
