using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stepwise.Data;

namespace Stepwise.Notifications;

/// <summary>Posts queued notification webhooks, retrying failures with exponential backoff until the attempts run out.</summary>
public sealed partial class OutboundWebhookSender(IServiceScopeFactory scopes, IHttpClientFactory clients, IOptions<NotificationsOptions> options,
    TimeProvider time, ILogger<OutboundWebhookSender> logger) : BackgroundService
{
    public const string HttpClientName = "notification-webhooks";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
            try { await Task.Delay(options.Value.WebhookPollInterval, time, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Sends every delivery that is due now; returns how many were attempted.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
        var now = time.GetUtcNow();
        var due = await db.OutboundWebhooks.Where(d => d.Status == OutboundWebhookStatus.Pending && d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt).Take(50).ToListAsync(ct);
        var client = clients.CreateClient(HttpClientName);
        foreach (var delivery in due) await AttemptAsync(client, delivery, ct);
        if (due.Count > 0) await db.SaveChangesAsync(ct);
        return due.Count;
    }

    private async Task AttemptAsync(HttpClient client, OutboundWebhook delivery, CancellationToken ct)
    {
        delivery.Attempts++;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Value.WebhookTimeout);
            using var content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = content };
            request.Headers.Add("X-Stepwise-Topic", delivery.Topic);
            request.Headers.Add("X-Stepwise-Delivery", delivery.Id.ToString());
            using var response = await client.SendAsync(request, timeout.Token);
            delivery.LastStatusCode = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                delivery.Status = OutboundWebhookStatus.Delivered;
                delivery.DeliveredAt = time.GetUtcNow();
                delivery.LastError = null;
                return;
            }
            delivery.LastError = $"The receiver answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            delivery.LastStatusCode = null;
            delivery.LastError = e is OperationCanceledException ? "No answer in time." : Clip(e.Message);
        }
        if (delivery.Attempts >= options.Value.WebhookMaxAttempts) delivery.Status = OutboundWebhookStatus.Failed;
        else delivery.NextAttemptAt = time.GetUtcNow() + Backoff(options.Value.WebhookBackoff, delivery.Attempts);
    }

    /// <summary>Exponential backoff: base, 2×base, 4×base, … after each failed attempt.</summary>
    public static TimeSpan Backoff(TimeSpan baseDelay, int attempts) =>
        TimeSpan.FromTicks(baseDelay.Ticks * (1L << Math.Clamp(attempts - 1, 0, 20)));

    private static string Clip(string text) => text.Length <= 500 ? text : text[..500];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending notification webhooks failed; retrying on the next poll.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
