using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Stepwise.Guard;

namespace Stepwise.Data.Configurations;

internal sealed class AnalysisSnapshotConfiguration : IEntityTypeConfiguration<AnalysisSnapshot>
{
    public void Configure(EntityTypeBuilder<AnalysisSnapshot> snapshot)
    {
        snapshot.ToTable("AnalysisSnapshots");
        snapshot.Property(s => s.Subject).HasConversion<string>().HasMaxLength(20);
        snapshot.Property(s => s.SubjectKey).HasMaxLength(200);
        snapshot.Property(s => s.Recommendation).HasMaxLength(40);
        snapshot.Property(s => s.GuardAction).HasMaxLength(40);
        snapshot.Property(s => s.GuardReason).HasMaxLength(2000);
        snapshot.Property(s => s.Metrics).AsJson();
        snapshot.HasIndex(s => new { s.Subject, s.SubjectKey, s.AsOf });
        snapshot.HasIndex(s => new { s.RolloutPlanId, s.AsOf });
    }
}
