using Stepwise.Auditing;

namespace Stepwise.Notifications;

/// <summary>One queued POST of a notification to one configured URL, kept afterwards as the delivery log.</summary>
public sealed class OutboundWebhook : INotAudited
{
    public Guid Id { get; init; }
    public required string Topic { get; init; }
    public required string Url { get; init; }
    public required string Payload { get; init; }
    public OutboundWebhookStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
}

public enum OutboundWebhookStatus
{
    Pending,
    Delivered,
    Failed,
}

public sealed record OutboundWebhookView(Guid Id, string Topic, string Url, OutboundWebhookStatus Status, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt, DateTimeOffset? DeliveredAt, int? LastStatusCode, string? LastError);
