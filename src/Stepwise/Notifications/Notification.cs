using Stepwise.Auditing;

namespace Stepwise.Notifications;

/// <summary>
/// A message shown to one recipient in the app. It is addressed to a person (who sees it once they sign in with a linked
/// account) or to a user account directly (role-wide messages). Not audited itself: it is a consequence of an audited change.
/// </summary>
public sealed class Notification : INotAudited
{
    public Guid Id { get; init; }
    public Guid? RecipientPersonId { get; init; }
    public Guid? RecipientUserId { get; init; }
    public required string Topic { get; init; }
    public required string Title { get; init; }
    public required string Body { get; init; }
    public string? Link { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>What to tell people. Topics are dotted names such as <c>careers.cycle.finalized</c> or <c>delivery.rollout.paused</c>.</summary>
public sealed record NotificationMessage(string Topic, string Title, string Body, string? Link);

public sealed record NotificationView(Guid Id, string Topic, string Title, string Body, string? Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

public sealed record NotificationInbox(int Unread, IReadOnlyList<NotificationView> Items);
