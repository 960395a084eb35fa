namespace Stepwise.Notifications;

/// <summary>Settings under <c>Notifications</c>.</summary>
public sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    /// <summary>URLs that receive a JSON POST for every notification topic (one POST per message, not per recipient).</summary>
    public List<string> WebhookUrls { get; set; } = [];

    /// <summary>Only topics starting with one of these prefixes are posted; empty posts every topic.</summary>
    public List<string> WebhookTopicPrefixes { get; set; } = [];

    public int WebhookMaxAttempts { get; set; } = 8;

    /// <summary>The first retry waits this long; each further retry doubles it.</summary>
    public TimeSpan WebhookBackoff { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan WebhookPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
