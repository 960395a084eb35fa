using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Stepwise.Notifications;

namespace Stepwise.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.ToTable("Notifications");
        notification.Property(n => n.Topic).HasMaxLength(100);
        notification.Property(n => n.Title).HasMaxLength(200);
        notification.Property(n => n.Body).HasMaxLength(4000);
        notification.Property(n => n.Link).HasMaxLength(2000);
        // The inbox and the header badge look up one recipient's unread messages.
        notification.HasIndex(n => new { n.RecipientPersonId, n.ReadAt });
        notification.HasIndex(n => new { n.RecipientUserId, n.ReadAt });
    }
}

internal sealed class OutboundWebhookConfiguration : IEntityTypeConfiguration<OutboundWebhook>
{
    public void Configure(EntityTypeBuilder<OutboundWebhook> delivery)
    {
        delivery.ToTable("OutboundWebhooks");
        delivery.Property(d => d.Topic).HasMaxLength(100);
        delivery.Property(d => d.Url).HasMaxLength(2000);
        delivery.Property(d => d.LastError).HasMaxLength(500);
        delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
        delivery.HasIndex(d => d.CreatedAt);
    }
}
