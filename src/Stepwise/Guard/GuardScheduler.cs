using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Stepwise.Guard;

/// <summary>
/// Runs the analysis and rollout guard on a schedule (daily by default), on the injected <see cref="TimeProvider"/> so
/// tests drive it with a fake clock or call <see cref="RunOnceAsync"/> directly. The first run comes one interval after
/// the last stored check (so restarts do not postpone it forever), or one interval after start on a fresh database.
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
        var interval = options.Value.Interval;
        if (!options.Value.Enabled || interval <= TimeSpan.Zero) return;
        await Task.Delay(await FirstWaitAsync(interval, stoppingToken), time, stoppingToken);
        await RunSafelyAsync(stoppingToken);
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken)) await RunSafelyAsync(stoppingToken);
    }

    private async Task<TimeSpan> FirstWaitAsync(TimeSpan interval, CancellationToken ct)
    {
        try
        {
            return await DueInAsync(interval, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failing look-up must not stop the host: fall back to one interval from now.
            logger.LogWarning(e, "Could not read the last guard run; the first run is one interval from now");
            return interval;
        }
    }

    private async Task<TimeSpan> DueInAsync(TimeSpan interval, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.StepwiseDb>();
        var last = await db.AnalysisSnapshots.AsNoTracking().OrderByDescending(s => s.AsOf).Select(s => (DateTimeOffset?)s.AsOf).FirstOrDefaultAsync(ct);
        if (last is null) return interval;
        var due = last.Value + interval - time.GetUtcNow();
        return due < TimeSpan.Zero ? TimeSpan.Zero : due > interval ? interval : due;
    }

    private async Task RunSafelyAsync(CancellationToken ct)
    {
        try
        {
            await RunOnceAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Scheduled guard run failed; trying again next interval");
        }
    }
}
