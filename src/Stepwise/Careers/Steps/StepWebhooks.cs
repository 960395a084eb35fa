using System.Text.Json;
using Microsoft.Extensions.Options;
using Stepwise.Data;
using Stepwise.Organization;

namespace Stepwise.Careers.Steps;

/// <summary>Queues a delivery per configured URL in the same save as the change, so a change is never lost nor announced without being stored.</summary>
public sealed class StepWebhooks(IOptions<StepRecordsOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Enqueue(StepwiseDb db, string eventName, StepRecord record, Person person, DateTimeOffset now)
    {
        var payload = JsonSerializer.Serialize(new
        {
            @event = eventName,
            stepRecordId = record.Id,
            personId = record.PersonId,
            personEmail = person.Email,
            level = record.Level,
            previousLevel = record.PreviousLevel,
            promotion = record.IsPromotion,
            frameworkVersion = record.FrameworkVersion,
            effectiveOn = record.EffectiveOn,
            endedOn = record.EndedOn,
            source = record.Source.ToString(),
            decidedBy = record.DecidedBy,
            occurredAt = now,
        }, Json);
        foreach (var url in options.Value.WebhookUrls.Where(u => !string.IsNullOrWhiteSpace(u)))
        {
            db.StepWebhookDeliveries.Add(new StepWebhookDelivery
            {
                Id = Guid.NewGuid(), StepRecordId = record.Id, Event = eventName, Url = url.Trim(), Payload = payload,
                Status = WebhookStatus.Pending, CreatedAt = now, NextAttemptAt = now,
            });
        }
    }

    /// <summary>Exponential backoff: base, 2×base, 4×base, … after each failed attempt.</summary>
    public static TimeSpan Backoff(TimeSpan baseDelay, int attempts) => Notifications.OutboundWebhookSender.Backoff(baseDelay, attempts);
}
