using System.Net.Http.Headers;

namespace Stepwise.Client.Events;

/// <summary>How long to wait before the next delivery attempt.</summary>
internal static class RetryDelay
{
    /// <summary>
    /// Exponential backoff with "equal jitter": half the exponential delay is fixed, half is random, so clients
    /// that failed together spread out while none retries almost immediately.
    /// </summary>
    public static TimeSpan Backoff(int failedAttempts, TimeSpan baseDelay, TimeSpan maxDelay, double random)
    {
        var exponent = Math.Min(failedAttempts - 1, 30);
        var ticks = Math.Min(maxDelay.Ticks, baseDelay.Ticks * Math.Pow(2, exponent));
        return TimeSpan.FromTicks((long)((ticks / 2) + (ticks / 2 * random)));
    }

    /// <summary>The server's <c>Retry-After</c> (seconds or an HTTP date) as a delay from now, if it sent one.</summary>
    public static TimeSpan? FromRetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }
}
