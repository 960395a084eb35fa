using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stepwise.Data;

namespace Stepwise.Careers.Steps;

/// <summary>Posts queued step webhooks, retrying failures with exponential backoff until the attempts run out.</summary>
public sealed partial class StepWebhookSender(IServiceScopeFactory scopes, IHttpClientFactory clients, IOptions<StepRecordsOptions> options,
    TimeProvider time, ILogger<StepWebhookSender> logger) : BackgroundService
{
    public const string HttpClientName = "step-webhooks";

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
        var due = await db.StepWebhookDeliveries.Where(d => d.Status == WebhookStatus.Pending && d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt).Take(50).ToListAsync(ct);
        var client = clients.CreateClient(HttpClientName);
        foreach (var delivery in due)
        {
            delivery.Attempts++;
            try
            {
                using var content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json");
                using var response = await client.PostAsync(delivery.Url, content, ct);
                delivery.LastStatusCode = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    delivery.Status = WebhookStatus.Delivered;
                    delivery.DeliveredAt = time.GetUtcNow();
                    delivery.LastError = null;
                    continue;
                }
                delivery.LastError = $"The receiver answered {(int)response.StatusCode} {response.ReasonPhrase}.";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                delivery.LastError = e.Message.Length > 500 ? e.Message[..500] : e.Message;
            }
            if (delivery.Attempts >= options.Value.WebhookMaxAttempts) delivery.Status = WebhookStatus.Failed;
            else delivery.NextAttemptAt = time.GetUtcNow() + StepWebhooks.Backoff(options.Value.WebhookBackoff, delivery.Attempts);
        }
        if (due.Count > 0) await db.SaveChangesAsync(ct);
        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending step webhooks failed; retrying on the next poll.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
