using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Stepwise.Delivery.Model;
using Stepwise.Organization;

namespace Stepwise.Data.Configurations;

internal sealed class DeliveryEnvironmentConfiguration : IEntityTypeConfiguration<DeliveryEnvironment>
{
    public void Configure(EntityTypeBuilder<DeliveryEnvironment> environment)
    {
        environment.ToTable("Environments");
        environment.Property(e => e.Key).HasMaxLength(50);
        environment.HasIndex(e => e.Key).IsUnique();
        environment.Property(e => e.Name).HasMaxLength(100);
    }
}

internal sealed class SdkKeyConfiguration : IEntityTypeConfiguration<SdkKey>
{
    public void Configure(EntityTypeBuilder<SdkKey> key)
    {
        key.ToTable("SdkKeys");
        key.Property(k => k.Key).HasMaxLength(100);
        key.HasIndex(k => k.Key).IsUnique();
        key.Property(k => k.Name).HasMaxLength(100);
        key.HasOne<DeliveryEnvironment>().WithMany().HasForeignKey(k => k.EnvironmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FlagConfiguration : IEntityTypeConfiguration<Flag>
{
    public void Configure(EntityTypeBuilder<Flag> flag)
    {
        flag.ToTable("Flags");
        flag.Property(f => f.Key).HasMaxLength(100);
        flag.HasIndex(f => f.Key).IsUnique();
        flag.Property(f => f.Name).HasMaxLength(200);
        flag.Property(f => f.Description).HasMaxLength(4000);
        flag.Property(f => f.Surface).HasMaxLength(100);
        flag.Property(f => f.DefaultValue).HasMaxLength(65536);
        flag.HasOne<OrgUnit>().WithMany().HasForeignKey(f => f.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
        flag.HasMany(f => f.Environments).WithOne().HasForeignKey(e => e.FlagId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FlagEnvironmentConfiguration : IEntityTypeConfiguration<FlagEnvironment>
{
    public void Configure(EntityTypeBuilder<FlagEnvironment> setting)
    {
        setting.ToTable("FlagEnvironments");
        setting.HasKey(s => new { s.FlagId, s.EnvironmentId });
        setting.HasOne<DeliveryEnvironment>().WithMany().HasForeignKey(s => s.EnvironmentId).OnDelete(DeleteBehavior.Restrict);
        setting.Property(s => s.Rules).AsJson();
        setting.Property(s => s.KillSwitchHistory).AsJson();
    }
}

internal sealed class SegmentConfiguration : IEntityTypeConfiguration<Segment>
{
    public void Configure(EntityTypeBuilder<Segment> segment)
    {
        segment.ToTable("Segments");
        segment.Property(s => s.Key).HasMaxLength(100);
        segment.HasIndex(s => s.Key).IsUnique();
        segment.Property(s => s.Name).HasMaxLength(200);
        segment.Property(s => s.Description).HasMaxLength(4000);
        segment.Property(s => s.Condition).HasMaxLength(65536);
    }
}

internal sealed class LayerConfiguration : IEntityTypeConfiguration<Layer>
{
    public void Configure(EntityTypeBuilder<Layer> layer)
    {
        layer.ToTable("Layers");
        layer.Property(l => l.Key).HasMaxLength(100);
        layer.HasIndex(l => l.Key).IsUnique();
        layer.Property(l => l.Name).HasMaxLength(200);
        layer.Property(l => l.Description).HasMaxLength(4000);
    }
}

internal sealed class HoldoutConfiguration : IEntityTypeConfiguration<Holdout>
{
    public void Configure(EntityTypeBuilder<Holdout> holdout)
    {
        holdout.ToTable("Holdouts");
        holdout.Property(h => h.Key).HasMaxLength(100);
        holdout.HasIndex(h => h.Key).IsUnique();
        holdout.Property(h => h.Name).HasMaxLength(200);
        holdout.Property(h => h.HashAttribute).HasMaxLength(100);
        holdout.Property(h => h.LayerIds).AsJson();
        holdout.HasOne<DeliveryEnvironment>().WithMany().HasForeignKey(h => h.EnvironmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RolloutPlanConfiguration : IEntityTypeConfiguration<RolloutPlan>
{
    public void Configure(EntityTypeBuilder<RolloutPlan> plan)
    {
        plan.ToTable("RolloutPlans");
        plan.Property(p => p.Value).HasMaxLength(65536);
        plan.Property(p => p.HashAttribute).HasMaxLength(100);
        plan.Property(p => p.Seed).HasMaxLength(200);
        plan.Property(p => p.Condition).HasMaxLength(65536);
        plan.Property(p => p.Stages).AsJson();
        plan.Property(p => p.History).AsJson();
        plan.Property(p => p.Guard).AsJsonObject();
        plan.Property(p => p.AwaitingApproval).HasMaxLength(1000);
        plan.HasOne<Flag>().WithMany().HasForeignKey(p => p.FlagId).OnDelete(DeleteBehavior.Cascade);
        plan.HasOne<DeliveryEnvironment>().WithMany().HasForeignKey(p => p.EnvironmentId).OnDelete(DeleteBehavior.Restrict);
        plan.HasIndex(p => new { p.FlagId, p.EnvironmentId, p.Status });
    }
}

internal sealed class ExperimentConfiguration : IEntityTypeConfiguration<Experiment>
{
    public void Configure(EntityTypeBuilder<Experiment> experiment)
    {
        experiment.ToTable("Experiments");
        experiment.Property(e => e.Key).HasMaxLength(100);
        experiment.HasIndex(e => e.Key).IsUnique();
        experiment.Property(e => e.Name).HasMaxLength(200);
        experiment.Property(e => e.Hypothesis).HasMaxLength(4000);
        experiment.Property(e => e.HashAttribute).HasMaxLength(100);
        experiment.Property(e => e.Condition).HasMaxLength(65536);
        experiment.Property(e => e.Variations).AsJson();
        experiment.HasOne<Flag>().WithMany().HasForeignKey(e => e.FlagId).OnDelete(DeleteBehavior.Cascade);
        experiment.HasOne<DeliveryEnvironment>().WithMany().HasForeignKey(e => e.EnvironmentId).OnDelete(DeleteBehavior.Restrict);
        experiment.HasOne<Layer>().WithMany().HasForeignKey(e => e.LayerId).OnDelete(DeleteBehavior.Restrict);
        experiment.HasIndex(e => new { e.LayerId, e.Status });
    }
}
