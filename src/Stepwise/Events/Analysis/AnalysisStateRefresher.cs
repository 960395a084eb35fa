using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stepwise.Events.Storage;

namespace Stepwise.Events.Analysis;

/// <summary>
/// Keeps the per-unit analysis states of recently used analyses current in the background
/// (<see cref="EventsOptions.StateRefreshInterval"/>). An analysis still folds in whatever arrived since the last
/// refresh before it reads, so results are never stale; this only keeps that remainder small, so that opening a
/// result page costs the reading and not minutes' worth of new events (warehouse-native tools refresh on a schedule
/// for the same reason).
/// </summary>
public sealed class AnalysisStateRefresher(EventStoreProvider stores, IOptions<EventsOptions> options, TimeProvider time, ILogger<AnalysisStateRefresher> logger)
    : BackgroundService
{
    /// <summary>One pass over the recently used states; returns how many were refreshed (0 when the store has none).</summary>
    public async Task<int> RefreshOnceAsync(CancellationToken ct)
    {
        if (stores.OpenedStates is not { } states) return 0;
        var refreshed = await states.RefreshRecentAsync(options.Value.StateRefreshUsedWithin, ct);
        foreach (var (state, refresh) in refreshed.Where(r => r.Refresh.NewExposures + r.Refresh.NewMetricEvents > 0))
        {
            logger.LogDebug("Analysis state of {Key} refreshed: {Exposures} new exposures, {Events} new metric events; {Recomputed} units recomputed, {Updated} updated",
                state.ExposureKey, refresh.NewExposures, refresh.NewMetricEvents, refresh.RecomputedUnits, refresh.UpdatedUnits);
        }
        return refreshed.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.StateRefreshInterval;
        if (interval <= TimeSpan.Zero || !options.Value.AnalysisState) return;
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RefreshOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Analyses refresh what they read anyway: a failed pass only costs the next analysis some time.
                logger.LogWarning(e, "Background refresh of the analysis states failed; trying again next interval");
            }
        }
    }
}
