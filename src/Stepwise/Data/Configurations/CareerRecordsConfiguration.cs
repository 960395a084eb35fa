using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Stepwise.Careers.Compensation;
using Stepwise.Careers.Steps;
using Stepwise.Careers.Surveys;
using Stepwise.Organization;

namespace Stepwise.Data.Configurations;

internal sealed class StepRecordConfiguration : IEntityTypeConfiguration<StepRecord>
{
    public void Configure(EntityTypeBuilder<StepRecord> step)
    {
        step.ToTable("StepRecords");
        step.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
        step.Property(s => s.FrameworkVersion).HasMaxLength(StepRecordService.MaxFrameworkVersion);
        step.Property(s => s.Rationale).HasMaxLength(StepRecordService.MaxRationale);
        step.Property(s => s.DecidedBy).HasMaxLength(320);
        step.Ignore(s => s.IsPromotion);
        // The data-quality report groups by person and looks for the latest decision.
        step.HasIndex(s => new { s.PersonId, s.EffectiveOn });
        step.HasIndex(s => s.EffectiveOn);
        // The step reports look up each person's latest decision as of a date from this index alone (see StepQueries.On).
        step.HasIndex(s => new { s.PersonId, s.EffectiveOn, s.RecordedAt, s.Level, s.EndedOn }).HasDatabaseName("IX_StepRecords_Latest");
    }
}

internal sealed class LatestStepConfiguration : IEntityTypeConfiguration<LatestStep>
{
    public void Configure(EntityTypeBuilder<LatestStep> latest)
    {
        latest.ToTable("LatestSteps");
        latest.HasKey(l => l.PersonId);
        // Goes with the person, like their step records; no key to StepRecords, as the keeper replaces the row in the save that changes them.
        latest.HasOne<Person>().WithOne().HasForeignKey<LatestStep>(l => l.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StepWebhookDeliveryConfiguration : IEntityTypeConfiguration<StepWebhookDelivery>
{
    public void Configure(EntityTypeBuilder<StepWebhookDelivery> delivery)
    {
        delivery.ToTable("StepWebhookDeliveries");
        delivery.Property(d => d.Event).HasMaxLength(50);
        delivery.Property(d => d.Url).HasMaxLength(2000);
        delivery.Property(d => d.LastError).HasMaxLength(500);
        delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
        delivery.HasIndex(d => d.CreatedAt);
    }
}

internal sealed class SalaryBandConfiguration : IEntityTypeConfiguration<SalaryBand>
{
    public void Configure(EntityTypeBuilder<SalaryBand> band)
    {
        band.ToTable("SalaryBands");
        band.Property(b => b.Location).HasMaxLength(100);
        band.Property(b => b.Currency).HasMaxLength(3);
        band.Property(b => b.Min).HasPrecision(18, 2);
        band.Property(b => b.Mid).HasPrecision(18, 2);
        band.Property(b => b.Max).HasPrecision(18, 2);
        band.HasIndex(b => new { b.Location, b.Level }).IsUnique();
    }
}

internal sealed class SalaryRecordConfiguration : IEntityTypeConfiguration<SalaryRecord>
{
    public void Configure(EntityTypeBuilder<SalaryRecord> salary)
    {
        salary.ToTable("SalaryRecords");
        salary.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
        salary.Property(s => s.Currency).HasMaxLength(3);
        salary.Property(s => s.Amount).HasPrecision(18, 2);
        salary.HasIndex(s => new { s.PersonId, s.EffectiveOn });
    }
}

internal sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> survey)
    {
        survey.ToTable("Surveys");
        survey.Property(s => s.Title).HasMaxLength(SurveyService.MaxTitle);
        survey.Property(s => s.Description).HasMaxLength(2000);
        survey.Property(s => s.Items).AsJson();
    }
}

internal sealed class SurveyRoundConfiguration : IEntityTypeConfiguration<SurveyRound>
{
    public void Configure(EntityTypeBuilder<SurveyRound> round)
    {
        round.ToTable("SurveyRounds");
        round.HasOne<Survey>().WithMany().HasForeignKey(r => r.SurveyId).OnDelete(DeleteBehavior.Cascade);
        round.Property(r => r.Name).HasMaxLength(100);
        round.Ignore(r => r.IsOpen);
        round.HasIndex(r => new { r.SurveyId, r.Number }).IsUnique();
    }
}

internal sealed class SurveyParticipationConfiguration : IEntityTypeConfiguration<SurveyParticipation>
{
    public void Configure(EntityTypeBuilder<SurveyParticipation> participation)
    {
        participation.ToTable("SurveyParticipations");
        participation.HasKey(p => new { p.RoundId, p.PersonId });
        participation.HasOne<SurveyRound>().WithMany().HasForeignKey(p => p.RoundId).OnDelete(DeleteBehavior.Cascade);
        participation.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Answers and comments reference no person (by design) and only the round and the group answered for.</summary>
internal sealed class SurveyAnswerConfiguration : IEntityTypeConfiguration<SurveyAnswer>
{
    public void Configure(EntityTypeBuilder<SurveyAnswer> answer)
    {
        answer.ToTable("SurveyAnswers");
        answer.HasOne<SurveyRound>().WithMany().HasForeignKey(a => a.RoundId).OnDelete(DeleteBehavior.Cascade);
        answer.HasIndex(a => new { a.RoundId, a.UnitId, a.ItemId });
    }
}

internal sealed class SurveyCommentConfiguration : IEntityTypeConfiguration<SurveyComment>
{
    public void Configure(EntityTypeBuilder<SurveyComment> comment)
    {
        comment.ToTable("SurveyComments");
        comment.HasOne<SurveyRound>().WithMany().HasForeignKey(c => c.RoundId).OnDelete(DeleteBehavior.Cascade);
        comment.Property(c => c.Text).HasMaxLength(SurveyService.MaxComment);
        comment.HasIndex(c => new { c.RoundId, c.UnitId });
    }
}
