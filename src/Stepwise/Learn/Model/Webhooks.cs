using Stepwise.Auditing;

namespace Stepwise.Learn.Model;

/// <summary>A chat channel's incoming-webhook address (Slack-compatible) that receives the company feed.</summary>
public sealed class WebhookSubscription
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Url { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
}

public enum DeliveryState
{
    Pending,
    Delivered,
    Failed,
}

/// <summary>One message to one webhook, retried with exponential backoff until delivered or out of attempts. Its rows are
/// their own log (the delivery log page), so each attempt is not audited again.</summary>
public sealed class WebhookDelivery : INotAudited
{
    public Guid Id { get; set; }
    public Guid SubscriptionId { get; set; }
    public required string Title { get; set; }
    public required string Payload { get; set; }
    public DeliveryState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}

/// <summary>A per-user secret that authenticates the Atom feed URL (feed readers cannot sign in). Only its hash is stored.</summary>
public sealed class FeedToken
{
    public Guid UserId { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
