using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Stepwise.Delivery.Lifecycle;
using Stepwise.Organization;

namespace Stepwise.Data.Configurations;

internal sealed class FeatureConfiguration : IEntityTypeConfiguration<Feature>
{
    public void Configure(EntityTypeBuilder<Feature> feature)
    {
        feature.ToTable("Features");
        feature.Property(f => f.Key).HasMaxLength(100);
        feature.HasIndex(f => f.Key).IsUnique();
        feature.Property(f => f.Name).HasMaxLength(200);
        feature.Property(f => f.Summary).HasMaxLength(4000);
        feature.Property(f => f.HypothesisStatement).HasMaxLength(4000);
        feature.Property(f => f.SuccessMetrics).AsJson();
        feature.Property(f => f.GuardrailMetrics).AsJson();
        feature.Property(f => f.FlagKeys).AsJson();
        feature.HasIndex(f => f.OwnerUnitId);
        feature.HasIndex(f => f.Phase);
        feature.HasOne<OrgUnit>().WithMany().HasForeignKey(f => f.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
        feature.HasMany(f => f.Decisions).WithOne().HasForeignKey(d => d.FeatureId).OnDelete(DeleteBehavior.Cascade);
        feature.HasMany(f => f.Investments).WithOne().HasForeignKey(i => i.FeatureId).OnDelete(DeleteBehavior.Cascade);
        feature.HasMany(f => f.Allocations).WithOne().HasForeignKey(a => a.FeatureId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GateDecisionConfiguration : IEntityTypeConfiguration<GateDecision>
{
    public void Configure(EntityTypeBuilder<GateDecision> decision)
    {
        decision.ToTable("GateDecisions");
        decision.Property(d => d.Rationale).HasMaxLength(4000);
        decision.Property(d => d.DecidedBy).HasMaxLength(256);
        decision.Property(d => d.Evidence).AsJson();
        decision.HasIndex(d => new { d.FeatureId, d.DecidedAt });
    }
}

internal sealed class InvestmentEntryConfiguration : IEntityTypeConfiguration<InvestmentEntry>
{
    public void Configure(EntityTypeBuilder<InvestmentEntry> entry)
    {
        entry.ToTable("InvestmentEntries");
        entry.Property(e => e.Note).HasMaxLength(500);
        entry.HasIndex(e => new { e.FeatureId, e.WeekStart }).IsUnique();
    }
}

internal sealed class SquadAllocationConfiguration : IEntityTypeConfiguration<SquadAllocation>
{
    public void Configure(EntityTypeBuilder<SquadAllocation> allocation) => allocation.ToTable("SquadAllocations");
}

internal sealed class CollisionAcknowledgementConfiguration : IEntityTypeConfiguration<Stepwise.Delivery.Collisions.CollisionAcknowledgement>
{
    public void Configure(EntityTypeBuilder<Stepwise.Delivery.Collisions.CollisionAcknowledgement> acknowledgement)
    {
        acknowledgement.ToTable("CollisionAcknowledgements");
        acknowledgement.Property(a => a.Environment).HasMaxLength(50);
        acknowledgement.Property(a => a.SubjectKind).HasMaxLength(20);
        acknowledgement.Property(a => a.SubjectKey).HasMaxLength(200);
        acknowledgement.Property(a => a.Reason).HasMaxLength(1000);
        acknowledgement.Property(a => a.AcknowledgedBy).HasMaxLength(256);
        acknowledgement.Property(a => a.Collisions).AsJson();
        acknowledgement.HasIndex(a => a.AcknowledgedAt);
    }
}
