using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Stepwise.Align.Goals;
using Stepwise.Align.Priorities;
using Stepwise.Delivery.Lifecycle;
using Stepwise.Organization;

namespace Stepwise.Data.Configurations;

internal sealed class PriorityStackConfiguration : IEntityTypeConfiguration<PriorityStack>
{
    public void Configure(EntityTypeBuilder<PriorityStack> stack)
    {
        stack.ToTable("PriorityStacks");
        stack.HasOne<OrgUnit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Cascade);
        stack.HasIndex(s => s.UnitId).IsUnique();
        // Two editors saving against the same version: the second save fails instead of overwriting the first.
        stack.Property(s => s.Version).IsConcurrencyToken();
        stack.HasMany(s => s.Items).WithOne().HasForeignKey(i => i.StackId).OnDelete(DeleteBehavior.Cascade);
        stack.Ignore(s => s.Ranked);
    }
}

internal sealed class PriorityItemConfiguration : IEntityTypeConfiguration<PriorityItem>
{
    public void Configure(EntityTypeBuilder<PriorityItem> item)
    {
        item.ToTable("PriorityItems");
        item.Property(i => i.Title).HasMaxLength(PriorityService.MaxTitle);
        item.Property(i => i.Description).HasMaxLength(PriorityService.MaxDescription);
    }
}

internal sealed class PriorityChangeConfiguration : IEntityTypeConfiguration<PriorityChange>
{
    public void Configure(EntityTypeBuilder<PriorityChange> change)
    {
        change.ToTable("PriorityChanges");
        change.HasOne<PriorityStack>().WithMany().HasForeignKey(c => c.StackId).OnDelete(DeleteBehavior.Cascade);
        change.Property(c => c.ItemTitle).HasMaxLength(PriorityService.MaxTitle);
        change.Property(c => c.Reason).HasMaxLength(PriorityService.MaxReason);
        change.Property(c => c.By).HasMaxLength(320);
        change.Property(c => c.OrderAfter).AsJson();
        change.HasIndex(c => new { c.StackId, c.VersionAfter }).IsUnique();
        change.HasIndex(c => new { c.StackId, c.At });
    }
}

internal sealed class FeaturePriorityConfiguration : IEntityTypeConfiguration<FeaturePriority>
{
    public void Configure(EntityTypeBuilder<FeaturePriority> link)
    {
        link.ToTable("FeaturePriorities");
        link.HasKey(l => l.FeatureId);
        link.HasOne<Feature>().WithOne().HasForeignKey<FeaturePriority>(l => l.FeatureId).OnDelete(DeleteBehavior.Cascade);
        link.HasOne<PriorityItem>().WithMany().HasForeignKey(l => l.PriorityItemId).OnDelete(DeleteBehavior.Cascade);
        link.Property(l => l.LinkedBy).HasMaxLength(320);
    }
}

internal sealed class GoalConfiguration : IEntityTypeConfiguration<Goal>
{
    public void Configure(EntityTypeBuilder<Goal> goal)
    {
        goal.ToTable("Goals");
        goal.HasOne<OrgUnit>().WithMany().HasForeignKey(g => g.UnitId).OnDelete(DeleteBehavior.Cascade);
        goal.HasOne<Goal>().WithMany().HasForeignKey(g => g.ParentId).OnDelete(DeleteBehavior.Restrict);
        goal.HasOne<PriorityItem>().WithMany().HasForeignKey(g => g.PriorityItemId).OnDelete(DeleteBehavior.SetNull);
        goal.Property(g => g.Title).HasMaxLength(GoalService.MaxTitle);
        goal.Property(g => g.MeasureName).HasMaxLength(GoalService.MaxMeasure);
        goal.Property(g => g.MeasureUnit).HasMaxLength(20);
        goal.Property(g => g.CreatedBy).HasMaxLength(320);
        goal.Ignore(g => g.Measure);
        goal.Ignore(g => g.Increasing);
        goal.HasIndex(g => new { g.UnitId, g.Kind, g.Status });
    }
}

internal sealed class GoalMeasurementConfiguration : IEntityTypeConfiguration<GoalMeasurement>
{
    public void Configure(EntityTypeBuilder<GoalMeasurement> measurement)
    {
        measurement.ToTable("GoalMeasurements");
        measurement.HasOne<Goal>().WithMany().HasForeignKey(m => m.GoalId).OnDelete(DeleteBehavior.Cascade);
        measurement.Property(m => m.Note).HasMaxLength(GoalService.MaxNote);
        measurement.Property(m => m.RecordedBy).HasMaxLength(320);
        measurement.HasIndex(m => new { m.GoalId, m.On });
    }
}

internal sealed class GoalCheckInConfiguration : IEntityTypeConfiguration<GoalCheckIn>
{
    public void Configure(EntityTypeBuilder<GoalCheckIn> checkIn)
    {
        checkIn.ToTable("GoalCheckIns");
        checkIn.HasOne<Goal>().WithMany().HasForeignKey(c => c.GoalId).OnDelete(DeleteBehavior.Cascade);
        checkIn.Property(c => c.Commitments).AsJson();
        checkIn.Property(c => c.Note).HasMaxLength(GoalService.MaxNote);
        checkIn.Property(c => c.By).HasMaxLength(320);
        checkIn.HasIndex(c => new { c.GoalId, c.WeekOf }).IsUnique();
    }
}
