using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Stepwise.Governance.Model;

namespace Stepwise.Data.Configurations;

internal sealed class GovernedDocumentConfiguration : IEntityTypeConfiguration<GovernedDocument>
{
    public void Configure(EntityTypeBuilder<GovernedDocument> document)
    {
        document.ToTable("GovernedDocuments");
        document.Property(d => d.Kind).HasMaxLength(50);
        document.Property(d => d.Key).HasMaxLength(100);
        document.HasIndex(d => new { d.Kind, d.Key }).IsUnique();
        document.Property(d => d.Title).HasMaxLength(200);
        document.Property(d => d.EditorPersonIds).AsJson();
    }
}

internal sealed class DocumentVersionConfiguration : IEntityTypeConfiguration<DocumentVersion>
{
    public void Configure(EntityTypeBuilder<DocumentVersion> version)
    {
        version.ToTable("DocumentVersions");
        version.HasOne<GovernedDocument>().WithMany().HasForeignKey(v => v.DocumentId).OnDelete(DeleteBehavior.Cascade);
        version.HasIndex(v => v.DocumentId);
        version.Property(v => v.Structure);
        version.Property(v => v.Sections).AsJson();
        version.Property(v => v.ReleaseNotes).HasMaxLength(4000);
        version.Property(v => v.CreatedBy).HasMaxLength(200);
        version.Property(v => v.PublishedBy).HasMaxLength(200);
        version.Ignore(v => v.Label);
        version.Ignore(v => v.IsPublished);
    }
}

internal sealed class SuggestionConfiguration : IEntityTypeConfiguration<Suggestion>
{
    public void Configure(EntityTypeBuilder<Suggestion> suggestion)
    {
        suggestion.ToTable("Suggestions");
        suggestion.HasOne<DocumentVersion>().WithMany().HasForeignKey(s => s.VersionId).OnDelete(DeleteBehavior.Cascade);
        suggestion.HasIndex(s => s.VersionId);
        suggestion.Property(s => s.SectionId).HasMaxLength(200);
        suggestion.Property(s => s.Rationale).HasMaxLength(4000);
        suggestion.Property(s => s.AuthorName).HasMaxLength(200);
        suggestion.Property(s => s.PartnerName).HasMaxLength(200);
        suggestion.Property(s => s.ClosedBy).HasMaxLength(200);
        suggestion.HasMany(s => s.Approvals).WithOne().HasForeignKey(a => a.SuggestionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SuggestionApprovalConfiguration : IEntityTypeConfiguration<SuggestionApproval>
{
    public void Configure(EntityTypeBuilder<SuggestionApproval> approval)
    {
        approval.ToTable("SuggestionApprovals");
        approval.HasIndex(a => new { a.SuggestionId, a.UserId }).IsUnique();
        approval.Property(a => a.Name).HasMaxLength(200);
    }
}

internal sealed class ReviewRoundConfiguration : IEntityTypeConfiguration<ReviewRound>
{
    public void Configure(EntityTypeBuilder<ReviewRound> round)
    {
        round.ToTable("ReviewRounds");
        round.HasOne<DocumentVersion>().WithMany().HasForeignKey(r => r.VersionId).OnDelete(DeleteBehavior.Cascade);
        round.HasIndex(r => new { r.VersionId, r.Number }).IsUnique();
        round.Property(r => r.Purpose).HasMaxLength(1000);
        round.Property(r => r.CreatedBy).HasMaxLength(200);
    }
}

internal sealed class ReviewCommentConfiguration : IEntityTypeConfiguration<ReviewComment>
{
    public void Configure(EntityTypeBuilder<ReviewComment> comment)
    {
        comment.ToTable("ReviewComments");
        comment.HasOne<ReviewRound>().WithMany().HasForeignKey(c => c.RoundId).OnDelete(DeleteBehavior.Cascade);
        comment.HasIndex(c => c.RoundId);
        comment.Property(c => c.SectionId).HasMaxLength(200);
        comment.Property(c => c.AuthorName).HasMaxLength(200);
        comment.Property(c => c.Text).HasMaxLength(8000);
    }
}
