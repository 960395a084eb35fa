using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Stepwise.Align.Duhbs;
using Stepwise.Align.Priorities;
using Stepwise.Delivery.Lifecycle;
using Stepwise.Organization;

namespace Stepwise.Data.Configurations;

internal sealed class DuhbConfiguration : IEntityTypeConfiguration<Duhb>
{
    public void Configure(EntityTypeBuilder<Duhb> duhb)
    {
        duhb.ToTable("Duhbs");
        duhb.HasOne<OrgUnit>().WithMany().HasForeignKey(d => d.UnitId).OnDelete(DeleteBehavior.Cascade);
        duhb.HasOne<PriorityItem>().WithMany().HasForeignKey(d => d.PriorityItemId).OnDelete(DeleteBehavior.SetNull);
        duhb.Property(d => d.Title).HasMaxLength(DuhbValidation.MaxTitle);
        duhb.Property(d => d.AuthorName).HasMaxLength(320);
        duhb.Property(d => d.DataPoints).AsJson();
        duhb.Property(d => d.Links).AsJson();
        duhb.Property(d => d.Hypotheses).AsJson();
        duhb.HasMany(d => d.Bets).WithOne().HasForeignKey(b => b.DuhbId).OnDelete(DeleteBehavior.Cascade);
        duhb.HasIndex(d => new { d.UnitId, d.State });
    }
}

internal sealed class DuhbBetConfiguration : IEntityTypeConfiguration<DuhbBet>
{
    public void Configure(EntityTypeBuilder<DuhbBet> bet)
    {
        bet.ToTable("DuhbBets");
        bet.Property(b => b.Title).HasMaxLength(DuhbValidation.MaxTitle);
        bet.Property(b => b.SuccessMetrics).AsJson();
        bet.Property(b => b.GuardrailMetrics).AsJson();
        bet.Property(b => b.ConvertedBy).HasMaxLength(320);
        bet.HasOne<OrgUnit>().WithMany().HasForeignKey(b => b.SquadId).OnDelete(DeleteBehavior.Restrict);
        // The bet outlives the feature's removal from the database only as an open bet again.
        bet.HasOne<Feature>().WithMany().HasForeignKey(b => b.FeatureId).OnDelete(DeleteBehavior.SetNull);
        bet.HasIndex(b => b.FeatureId).IsUnique();
    }
}

internal sealed class DuhbEndorsementConfiguration : IEntityTypeConfiguration<DuhbEndorsement>
{
    public void Configure(EntityTypeBuilder<DuhbEndorsement> endorsement)
    {
        endorsement.ToTable("DuhbEndorsements");
        endorsement.HasKey(e => new { e.DuhbId, e.UserId });
        endorsement.HasOne<Duhb>().WithMany().HasForeignKey(e => e.DuhbId).OnDelete(DeleteBehavior.Cascade);
        endorsement.Property(e => e.Name).HasMaxLength(320);
    }
}

internal sealed class DuhbCommentConfiguration : IEntityTypeConfiguration<DuhbComment>
{
    public void Configure(EntityTypeBuilder<DuhbComment> comment)
    {
        comment.ToTable("DuhbComments");
        comment.HasOne<Duhb>().WithMany().HasForeignKey(c => c.DuhbId).OnDelete(DeleteBehavior.Cascade);
        comment.Property(c => c.AuthorName).HasMaxLength(320);
        comment.Property(c => c.Text).HasMaxLength(DuhbValidation.MaxComment);
        comment.HasIndex(c => new { c.DuhbId, c.At });
    }
}
