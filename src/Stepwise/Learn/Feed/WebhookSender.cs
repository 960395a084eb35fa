using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stepwise.Data;
using Stepwise.Learn.Model;

namespace Stepwise.Learn.Feed;

public sealed class LearnOptions
{
    public const string Section = "Learn";

    /// <summary>How often the sender looks for due deliveries.</summary>
    public TimeSpan WebhookPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait after the first failed attempt; it doubles with each further failure.</summary>
    public TimeSpan WebhookFirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public int WebhookMaxAttempts { get; set; } = 6;
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Posts queued feed messages to their webhooks. A failure (an error status or no answer) is retried with exponential
/// backoff — first retry delay × 2^(attempts − 1) — until <see cref="LearnOptions.WebhookMaxAttempts"/>; every attempt's
/// result is kept on the delivery row for the delivery log.
/// </summary>
public sealed class WebhookSender(IServiceScopeFactory scopes, IHttpClientFactory http, IOptions<LearnOptions> options, TimeProvider time,
    ILogger<WebhookSender> log) : BackgroundService
{
    public const string HttpClientName = "learn-webhooks";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.WebhookPollInterval, time);
        do
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Sending learn webhooks failed; will try again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Sends every delivery that is due now; returns how many were attempted.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
        var now = time.GetUtcNow();
        var due = await db.LearnWebhookDeliveries.Where(d => d.State == DeliveryState.Pending && d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt).Take(50).ToListAsync(ct);
        if (due.Count == 0) return 0;
        var ids = due.Select(d => d.SubscriptionId).Distinct().ToList();
        var hooks = await db.LearnWebhooks.AsNoTracking().Where(h => ids.Contains(h.Id)).ToDictionaryAsync(h => h.Id, ct);
        var client = http.CreateClient(HttpClientName);
        foreach (var delivery in due)
        {
            if (!hooks.TryGetValue(delivery.SubscriptionId, out var hook) || !hook.Active)
            {
                delivery.State = DeliveryState.Failed;
                delivery.LastError = "The webhook was switched off.";
                continue;
            }
            await AttemptAsync(client, hook, delivery, ct);
        }
        await db.SaveChangesAsync(ct);
        return due.Count;
    }

    private async Task AttemptAsync(HttpClient client, WebhookSubscription hook, WebhookDelivery delivery, CancellationToken ct)
    {
        delivery.Attempts++;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Value.WebhookTimeout);
            using var content = new StringContent(delivery.Payload, System.Text.Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(new Uri(hook.Url), content, timeout.Token);
            delivery.LastStatusCode = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                delivery.State = DeliveryState.Delivered;
                delivery.DeliveredAt = time.GetUtcNow();
                delivery.LastError = null;
                return;
            }
            delivery.LastError = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            delivery.LastStatusCode = null;
            delivery.LastError = e is OperationCanceledException ? "No answer in time." : Clip(e.Message);
        }
        if (delivery.Attempts >= options.Value.WebhookMaxAttempts)
        {
            delivery.State = DeliveryState.Failed;
            return;
        }
        delivery.NextAttemptAt = time.GetUtcNow() + options.Value.WebhookFirstRetryDelay * Math.Pow(2, delivery.Attempts - 1);
    }

    private static string Clip(string text) => text.Length <= 1000 ? text : text[..1000];
}
