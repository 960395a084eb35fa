using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Stepwise.Auditing;
using Stepwise.Identity;
using Stepwise.Organization;

namespace Stepwise.Data.Configurations;

internal sealed class StepwiseUserConfiguration : IEntityTypeConfiguration<StepwiseUser>
{
    public void Configure(EntityTypeBuilder<StepwiseUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(200);
        user.HasOne<Person>().WithMany().HasForeignKey(u => u.PersonId).OnDelete(DeleteBehavior.SetNull);
        user.HasIndex(u => u.PersonId);
    }
}

internal sealed class PersonalAccessTokenConfiguration : IEntityTypeConfiguration<PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<PersonalAccessToken> token)
    {
        token.ToTable("AccessTokens");
        token.Property(t => t.Name).HasMaxLength(100);
        token.Property(t => t.Hash).HasMaxLength(64);
        token.HasIndex(t => t.Hash).IsUnique();
        token.Property(t => t.Hint).HasMaxLength(16);
        token.HasOne<StepwiseUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("AuditLog");
        entry.Property(e => e.ActorName).HasMaxLength(320);
        entry.Property(e => e.Action).HasMaxLength(32);
        entry.Property(e => e.EntityType).HasMaxLength(100);
        entry.Property(e => e.EntityId).HasMaxLength(200);
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => new { e.EntityType, e.EntityId });
    }
}
