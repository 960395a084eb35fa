using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Identity;

namespace Stepwise.Notifications;

/// <summary>The signed-in user's inbox. Nobody reads or marks anyone else's notifications, administrators included.</summary>
public sealed class NotificationService(StepwiseDb db, TimeProvider time)
{
    public const int DefaultLimit = 50;

    public async Task<NotificationInbox> InboxAsync(ClaimsPrincipal user, bool unreadOnly, int limit, CancellationToken ct)
    {
        var mine = Mine(user);
        var unread = await mine.CountAsync(n => n.ReadAt == null, ct);
        var query = unreadOnly ? mine.Where(n => n.ReadAt == null) : mine;
        var items = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(Math.Clamp(limit, 1, 500))
            .Select(n => new NotificationView(n.Id, n.Topic, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt)).ToListAsync(ct);
        return new NotificationInbox(unread, items);
    }

    public Task<int> UnreadCountAsync(ClaimsPrincipal user, CancellationToken ct) => Mine(user).CountAsync(n => n.ReadAt == null, ct);

    public async Task<Outcome<NotificationView>> MarkReadAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var notification = await Mine(user).AsTracking().FirstOrDefaultAsync(n => n.Id == id, ct);
        if (notification is null) return Outcome<NotificationView>.NotFound($"There is no notification {id} in your inbox.");
        notification.ReadAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Outcome<NotificationView>.Ok(new NotificationView(notification.Id, notification.Topic, notification.Title, notification.Body,
            notification.Link, notification.CreatedAt, notification.ReadAt));
    }

    public async Task<int> MarkAllReadAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await Mine(user).Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    public async Task<IReadOnlyList<OutboundWebhookView>> DeliveriesAsync(int limit, CancellationToken ct) =>
        await db.OutboundWebhooks.AsNoTracking().OrderByDescending(d => d.CreatedAt).Take(Math.Clamp(limit, 1, 1000))
            .Select(d => new OutboundWebhookView(d.Id, d.Topic, d.Url, d.Status, d.Attempts, d.CreatedAt, d.NextAttemptAt, d.DeliveredAt,
                d.LastStatusCode, d.LastError)).ToListAsync(ct);

    private IQueryable<Notification> Mine(ClaimsPrincipal user)
    {
        var userId = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var u) ? u : Guid.Empty;
        Guid? personId = Guid.TryParse(user.FindFirstValue(StepwiseClaims.PersonId), out var p) ? p : null;
        return db.Notifications.AsNoTracking().Where(n => n.RecipientUserId == userId || (personId != null && n.RecipientPersonId == personId));
    }
}
