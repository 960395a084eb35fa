using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Stepwise.Delivery.Payload;

namespace Stepwise.Delivery.Ofrep;

/// <summary>
/// A fixed one-second window per SDK key: cheap enough for the evaluation hot path (one dictionary lookup and
/// an interlocked increment), and it protects the server from one runaway client.
/// </summary>
public sealed class SdkRateLimiter(IOptions<DeliveryOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public bool TryAcquire(string sdkKey, out TimeSpan retryAfter)
    {
        var limit = options.Value.OfrepRequestsPerSecond;
        var second = time.GetUtcNow().ToUnixTimeSeconds();
        var window = _windows.GetOrAdd(sdkKey, static _ => new Window());
        if (Interlocked.Read(ref window.Second) != second)
        {
            Interlocked.Exchange(ref window.Count, 0);
            Interlocked.Exchange(ref window.Second, second);
        }
        if (Interlocked.Increment(ref window.Count) <= limit)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }
        retryAfter = TimeSpan.FromSeconds(1);
        return false;
    }

    private sealed class Window
    {
        public long Second;
        public long Count;
    }
}
