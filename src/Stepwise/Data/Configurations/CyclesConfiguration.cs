using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Stepwise.Careers.Cycles;
using Stepwise.Organization;

namespace Stepwise.Data.Configurations;

internal sealed class AssessmentCycleConfiguration : IEntityTypeConfiguration<AssessmentCycle>
{
    public void Configure(EntityTypeBuilder<AssessmentCycle> cycle)
    {
        cycle.ToTable("AssessmentCycles");
        cycle.Property(c => c.Name).HasMaxLength(CycleService.MaxName);
        cycle.Property(c => c.FrameworkKey).HasMaxLength(100);
        cycle.Property(c => c.FrameworkVersion).HasMaxLength(50);
        cycle.Property(c => c.OpenedBy).HasMaxLength(320);
        cycle.Property(c => c.Characteristics).AsJson();
        cycle.Ignore(c => c.IsOpen);
        cycle.Ignore(c => c.LeadershipReviewFrom);
        cycle.HasIndex(c => c.State);
    }
}

internal sealed class CycleParticipantConfiguration : IEntityTypeConfiguration<CycleParticipant>
{
    public void Configure(EntityTypeBuilder<CycleParticipant> participant)
    {
        participant.ToTable("CycleParticipants");
        participant.HasOne<AssessmentCycle>().WithMany().HasForeignKey(p => p.CycleId).OnDelete(DeleteBehavior.Cascade);
        participant.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
        participant.Property(p => p.Discipline).HasMaxLength(100);
        participant.Property(p => p.DiscussionNote).HasMaxLength(AssessmentService.MaxNote);
        participant.HasIndex(p => new { p.CycleId, p.PersonId }).IsUnique();
        // Calibration sessions read one tribe of one cycle; team lists one manager's reports.
        participant.HasIndex(p => new { p.CycleId, p.TribeId });
        participant.HasIndex(p => new { p.CycleId, p.ManagerId });
        participant.HasIndex(p => p.PersonId);
    }
}

internal sealed class AssessmentEntryConfiguration : IEntityTypeConfiguration<AssessmentEntry>
{
    public void Configure(EntityTypeBuilder<AssessmentEntry> entry)
    {
        entry.ToTable("AssessmentEntries");
        entry.HasOne<CycleParticipant>().WithMany().HasForeignKey(e => e.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        entry.Property(e => e.Ratings).AsJson();
        entry.Property(e => e.Reason).HasMaxLength(AssessmentService.MaxReason);
        entry.Property(e => e.SubmittedBy).HasMaxLength(320);
        // One row per revision: a second writer of the same revision fails instead of overwriting.
        entry.HasIndex(e => new { e.ParticipantId, e.Kind, e.Revision }).IsUnique();
    }
}

internal sealed class CycleAdjustmentConfiguration : IEntityTypeConfiguration<CycleAdjustment>
{
    public void Configure(EntityTypeBuilder<CycleAdjustment> adjustment)
    {
        adjustment.ToTable("CycleAdjustments");
        adjustment.HasOne<CycleParticipant>().WithMany().HasForeignKey(a => a.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        adjustment.Property(a => a.Reason).HasMaxLength(CalibrationService.MaxReason > AssessmentService.MaxNote ? CalibrationService.MaxReason : AssessmentService.MaxNote);
        adjustment.Property(a => a.By).HasMaxLength(320);
        adjustment.HasIndex(a => new { a.CycleId, a.Stage });
        adjustment.HasIndex(a => a.ParticipantId);
    }
}
