using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stepwise.Data;

namespace Stepwise.Notifications;

/// <summary>
/// Adds notifications and their webhook deliveries to the caller's unit of work, so they are stored in the same save as
/// the change they announce: a change is never announced without being stored, nor stored without being announced.
/// </summary>
public sealed class Notifier(IOptions<NotificationsOptions> options, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Notify(StepwiseDb db, NotificationMessage message, IEnumerable<Guid> recipientPersonIds)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        var people = recipientPersonIds.Distinct().ToList();
        var now = time.GetUtcNow();
        foreach (var person in people)
            db.Notifications.Add(New(message, now, personId: person, userId: null));
        QueueWebhooks(db, message, now, people, []);
    }

    /// <summary>Notifies every account holding the role (for messages that belong to a function, such as administrators).</summary>
    public async Task NotifyRoleAsync(StepwiseDb db, NotificationMessage message, string role, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        var users = await db.UserRoles.Join(db.Roles.Where(r => r.Name == role), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId)
            .Distinct().ToListAsync(ct);
        var now = time.GetUtcNow();
        foreach (var user in users)
            db.Notifications.Add(New(message, now, personId: null, userId: user));
        QueueWebhooks(db, message, now, [], [role]);
    }

    private static Notification New(NotificationMessage message, DateTimeOffset now, Guid? personId, Guid? userId) => new()
    {
        Id = Guid.CreateVersion7(now), RecipientPersonId = personId, RecipientUserId = userId, Topic = message.Topic,
        Title = Clip(message.Title, 200), Body = Clip(message.Body, 4000), Link = message.Link, CreatedAt = now,
    };

    private void QueueWebhooks(StepwiseDb db, NotificationMessage message, DateTimeOffset now, IReadOnlyList<Guid> people, IReadOnlyList<string> roles)
    {
        var settings = options.Value;
        if (settings.WebhookTopicPrefixes.Count > 0 && !settings.WebhookTopicPrefixes.Any(p => message.Topic.StartsWith(p, StringComparison.Ordinal)))
            return;
        var payload = JsonSerializer.Serialize(new
        {
            topic = message.Topic, title = message.Title, body = message.Body, link = message.Link,
            recipientPersonIds = people, recipientRoles = roles, occurredAt = now,
        }, Json);
        foreach (var url in settings.WebhookUrls.Where(u => !string.IsNullOrWhiteSpace(u)))
        {
            db.OutboundWebhooks.Add(new OutboundWebhook
            {
                Id = Guid.CreateVersion7(now), Topic = message.Topic, Url = url.Trim(), Payload = payload,
                Status = OutboundWebhookStatus.Pending, CreatedAt = now, NextAttemptAt = now,
            });
        }
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
