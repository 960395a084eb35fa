using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Stepwise.Organization;

namespace Stepwise.Data.Configurations;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> person)
    {
        person.ToTable("People");
        person.Property(p => p.Email).HasMaxLength(320);
        person.HasIndex(p => p.Email).IsUnique();
        person.Property(p => p.Name).HasMaxLength(200);
        person.HasIndex(p => p.Name);
        person.Property(p => p.Title).HasMaxLength(200);
        person.Property(p => p.Discipline).HasMaxLength(100);
        person.Property(p => p.Location).HasMaxLength(100);
    }
}

internal sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> unit)
    {
        unit.ToTable("Units");
        unit.Property(u => u.Key).HasMaxLength(100);
        unit.HasIndex(u => u.Key).IsUnique();
        unit.Property(u => u.Name).HasMaxLength(200);
        unit.Property(u => u.Discipline).HasMaxLength(100);
        unit.HasOne<OrgUnit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        unit.HasIndex(u => new { u.ParentId, u.Kind });
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> membership)
    {
        membership.ToTable("Memberships");
        membership.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
        membership.HasOne<OrgUnit>().WithMany().HasForeignKey(m => m.UnitId).OnDelete(DeleteBehavior.Restrict);
        membership.HasIndex(m => new { m.UnitId, m.From, m.To });
        membership.HasIndex(m => new { m.PersonId, m.From });
    }
}

internal sealed class ReportingLineConfiguration : IEntityTypeConfiguration<ReportingLine>
{
    public void Configure(EntityTypeBuilder<ReportingLine> line)
    {
        line.ToTable("ReportingLines");
        line.HasOne<Person>().WithMany().HasForeignKey(l => l.PersonId).OnDelete(DeleteBehavior.Cascade);
        line.HasOne<Person>().WithMany().HasForeignKey(l => l.ManagerId).OnDelete(DeleteBehavior.Restrict);
        line.HasIndex(l => new { l.PersonId, l.From });
        line.HasIndex(l => new { l.ManagerId, l.From });
    }
}

internal sealed class TransitionConfiguration : IEntityTypeConfiguration<Transition>
{
    public void Configure(EntityTypeBuilder<Transition> transition)
    {
        transition.ToTable("Transitions");
        transition.HasOne<Person>().WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Cascade);
        transition.Property(t => t.FromValue).HasMaxLength(300);
        transition.Property(t => t.ToValue).HasMaxLength(300);
        transition.HasIndex(t => new { t.PersonId, t.EffectiveOn });
    }
}
