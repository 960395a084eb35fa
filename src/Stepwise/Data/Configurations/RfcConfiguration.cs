using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Stepwise.Align.Rfcs;
using Stepwise.Governance.Model;
using Stepwise.Organization;

namespace Stepwise.Data.Configurations;

internal sealed class RfcConfiguration : IEntityTypeConfiguration<Rfc>
{
    public void Configure(EntityTypeBuilder<Rfc> rfc)
    {
        rfc.ToTable("Rfcs");
        rfc.HasIndex(r => r.Number).IsUnique();
        rfc.HasIndex(r => r.State);
        rfc.HasOne<GovernedDocument>().WithMany().HasForeignKey(r => r.DocumentId).OnDelete(DeleteBehavior.Restrict);
        rfc.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        rfc.Property(r => r.Title).HasMaxLength(RfcService.MaxTitle);
        rfc.Property(r => r.AuthorName).HasMaxLength(320);
        rfc.Property(r => r.DecidedBy).HasMaxLength(320);
        rfc.Property(r => r.DecisionNote).HasMaxLength(RfcService.MaxNote);
        rfc.Property(r => r.Tags).AsJson();
        rfc.Ignore(r => r.IsFinal);
        rfc.Ignore(r => r.Key);
    }
}

internal sealed class RfcRevisionConfiguration : IEntityTypeConfiguration<RfcRevision>
{
    public void Configure(EntityTypeBuilder<RfcRevision> revision)
    {
        revision.ToTable("RfcRevisions");
        revision.HasOne<Rfc>().WithMany().HasForeignKey(v => v.RfcId).OnDelete(DeleteBehavior.Cascade);
        revision.HasIndex(v => new { v.RfcId, v.Revision }).IsUnique();
        revision.Property(v => v.By).HasMaxLength(320);
        revision.Property(v => v.Note).HasMaxLength(RfcService.MaxNote);
    }
}

internal sealed class RfcApprovalConfiguration : IEntityTypeConfiguration<RfcApproval>
{
    public void Configure(EntityTypeBuilder<RfcApproval> approval)
    {
        approval.ToTable("RfcApprovals");
        approval.HasOne<Rfc>().WithMany().HasForeignKey(a => a.RfcId).OnDelete(DeleteBehavior.Cascade);
        approval.HasIndex(a => new { a.RfcId, a.UserId, a.Revision }).IsUnique();
        approval.Property(a => a.Name).HasMaxLength(320);
    }
}

internal sealed class RfcConcernConfiguration : IEntityTypeConfiguration<RfcConcern>
{
    public void Configure(EntityTypeBuilder<RfcConcern> concern)
    {
        concern.ToTable("RfcConcerns");
        concern.HasOne<Rfc>().WithMany().HasForeignKey(c => c.RfcId).OnDelete(DeleteBehavior.Cascade);
        concern.HasIndex(c => c.RfcId);
        concern.Property(c => c.RaisedBy).HasMaxLength(320);
        concern.Property(c => c.Text).HasMaxLength(RfcService.MaxNote);
        concern.Property(c => c.LiftNote).HasMaxLength(RfcService.MaxNote);
    }
}
