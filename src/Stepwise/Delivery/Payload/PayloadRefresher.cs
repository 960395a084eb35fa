using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Stepwise.Delivery.Payload;

public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>How often payloads are recompiled from the database regardless of local writes (other instances' changes).</summary>
    public int RefreshSeconds { get; set; } = 10;

    /// <summary>Heartbeat interval on the payload stream, so proxies keep it open and clients notice a dead one.</summary>
    public int StreamHeartbeatSeconds { get; set; } = 15;

    /// <summary>Serve the fixed <c>sdk-demo-*</c> client keys; only demo mode turns this on.</summary>
    public bool AllowDemoKeys { get; set; }

    /// <summary>OFREP requests allowed per SDK key and second before 429.</summary>
    public int OfrepRequestsPerSecond { get; set; } = 200_000;
}

/// <summary>Recompiles payloads periodically.</summary>
public sealed class PayloadRefresher(PayloadCache cache, IOptions<DeliveryOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.RefreshSeconds)), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            await cache.TryRefreshAsync(stoppingToken);
    }
}
