using Microsoft.Extensions.Logging;

namespace Stepwise.Client.Sync;

/// <summary>
/// Keeps the payload current after start: follows the stream while it is up; while it is down, polls with
/// ETags and retries the stream with exponential backoff. Without streaming it only polls.
/// </summary>
internal sealed class SyncLoop(
    StepwiseOptions options, PayloadFetcher fetcher, FeatureStream stream, FeatureStore store, TimeProvider time, ILogger logger)
{
    public async Task RunAsync(CancellationToken stopping)
    {
        var nextPoll = time.GetUtcNow() + options.PollInterval;
        var nextStreamAttempt = time.GetUtcNow();
        var reconnectDelay = options.StreamReconnectDelay;
        store.SetMode(SyncMode.Polling);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (options.Streaming && time.GetUtcNow() >= nextStreamAttempt)
                {
                    var outcome = await stream.RunAsync(stopping).ConfigureAwait(false);
                    if (stopping.IsCancellationRequested)
                    {
                        break;
                    }
                    store.SetMode(SyncMode.Polling);
                    store.RecordError(outcome.Error);
                    reconnectDelay = outcome.Received ? options.StreamReconnectDelay : Double(reconnectDelay);
                    nextStreamAttempt = time.GetUtcNow() + Jitter(reconnectDelay);
                    // Changes made while the stream was down are caught by polling right away.
                    nextPoll = time.GetUtcNow();
                }
                if (time.GetUtcNow() >= nextPoll)
                {
                    await fetcher.FetchAsync(stopping).ConfigureAwait(false);
                    nextPoll = time.GetUtcNow() + options.PollInterval;
                }
                var wakeAt = options.Streaming && nextStreamAttempt < nextPoll ? nextStreamAttempt : nextPoll;
                var wait = wakeAt - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stopping).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // A bug here must not end synchronisation for the life of the process.
                logger.LogError(e, "Stepwise sync loop failed; retrying after the poll interval");
                store.RecordError($"sync loop failed: {e.Message}");
                await DelayQuietly(options.PollInterval, stopping).ConfigureAwait(false);
            }
        }
        store.SetMode(SyncMode.Stopped);
    }

    private TimeSpan Double(TimeSpan delay) =>
        delay * 2 > options.StreamReconnectMaxDelay ? options.StreamReconnectMaxDelay : delay * 2;

    /// <summary>Up to 20% extra, so a fleet of clients does not reconnect in lockstep after a server restart.</summary>
    private static TimeSpan Jitter(TimeSpan delay) => delay + (delay * 0.2 * Random.Shared.NextDouble());

    private async Task DelayQuietly(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, time, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
