namespace Stepwise.Careers.Steps;

/// <summary>One POST of a step change to one configured URL, kept as the visible delivery log.</summary>
public sealed class StepWebhookDelivery
{
    public Guid Id { get; init; }
    public Guid StepRecordId { get; init; }
    public required string Event { get; init; }
    public required string Url { get; init; }
    public required string Payload { get; init; }
    public WebhookStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
}

public enum WebhookStatus
{
    Pending,
    Delivered,
    Failed,
}

public sealed record WebhookDeliveryView(Guid Id, Guid StepRecordId, string Event, string Url, WebhookStatus Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? DeliveredAt, int? LastStatusCode, string? LastError);
