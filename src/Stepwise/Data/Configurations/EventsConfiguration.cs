using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Stepwise.Events.Metrics;

namespace Stepwise.Data.Configurations;

internal sealed class ProductMetricConfiguration : IEntityTypeConfiguration<ProductMetric>
{
    public void Configure(EntityTypeBuilder<ProductMetric> metric)
    {
        metric.ToTable("Metrics");
        metric.Property(m => m.Key).HasMaxLength(100);
        metric.HasIndex(m => m.Key).IsUnique();
        metric.Property(m => m.Name).HasMaxLength(200);
        metric.Property(m => m.Description).HasMaxLength(4000);
        metric.Property(m => m.EventName).HasMaxLength(200);
        metric.Property(m => m.DenominatorEventName).HasMaxLength(200);
    }
}
