using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Stepwise.Learn.Model;
using Stepwise.Organization;

namespace Stepwise.Data.Configurations;

internal sealed class RetrospectiveConfiguration : IEntityTypeConfiguration<Retrospective>
{
    public void Configure(EntityTypeBuilder<Retrospective> retro)
    {
        retro.ToTable("Retrospectives");
        retro.Property(r => r.Title).HasMaxLength(200);
        retro.Property(r => r.SubjectRef).HasMaxLength(100);
        retro.Property(r => r.Summary).HasMaxLength(8000);
        retro.Property(r => r.Tags).AsJson().HasMaxLength(2000);
        retro.Property(r => r.Decisions).AsJson();
        retro.Ignore(r => r.IsClosed);
        retro.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
        retro.HasIndex(r => new { r.OwnerUnitId, r.HeldOn });
        retro.HasIndex(r => new { r.SubjectKind, r.SubjectRef });
    }
}

internal sealed class RetroContributionConfiguration : IEntityTypeConfiguration<RetroContribution>
{
    public void Configure(EntityTypeBuilder<RetroContribution> note)
    {
        note.ToTable("RetroContributions");
        note.Property(n => n.Text).HasMaxLength(1000);
        note.Property(n => n.Group).HasMaxLength(100);
        note.Property(n => n.AuthorName).HasMaxLength(200);
        note.Ignore(n => n.WrittenAnonymously);
        note.HasOne<Retrospective>().WithMany().HasForeignKey(n => n.RetrospectiveId).OnDelete(DeleteBehavior.Cascade);
        note.HasIndex(n => n.RetrospectiveId);
    }
}

internal sealed class RetroVoteConfiguration : IEntityTypeConfiguration<RetroVote>
{
    public void Configure(EntityTypeBuilder<RetroVote> vote)
    {
        vote.ToTable("RetroVotes");
        vote.HasKey(v => new { v.ContributionId, v.VoterUserId });
        vote.HasOne<RetroContribution>().WithMany().HasForeignKey(v => v.ContributionId).OnDelete(DeleteBehavior.Cascade);
        vote.HasIndex(v => v.RetrospectiveId);
    }
}

internal sealed class LessonConfiguration : IEntityTypeConfiguration<Lesson>
{
    public void Configure(EntityTypeBuilder<Lesson> lesson)
    {
        lesson.ToTable("Lessons");
        lesson.Property(l => l.Text).HasMaxLength(2000);
        lesson.HasOne<Retrospective>().WithMany().HasForeignKey(l => l.RetrospectiveId).OnDelete(DeleteBehavior.Cascade);
        lesson.HasIndex(l => l.RetrospectiveId);
    }
}

internal sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> action)
    {
        action.ToTable("RetroActions");
        action.Property(a => a.Text).HasMaxLength(1000);
        action.Property(a => a.Owner).HasMaxLength(200);
        action.Ignore(a => a.IsOpen);
        action.HasOne<Retrospective>().WithMany().HasForeignKey(a => a.RetrospectiveId).OnDelete(DeleteBehavior.Cascade);
        action.HasIndex(a => new { a.OwnerUnitId, a.Status });
        action.HasIndex(a => a.RetrospectiveId);
    }
}

internal sealed class FailPostConfiguration : IEntityTypeConfiguration<FailPost>
{
    public void Configure(EntityTypeBuilder<FailPost> post)
    {
        post.ToTable("FailPosts");
        post.Property(p => p.WhatFailed).HasMaxLength(1000);
        post.Property(p => p.WhatWeLearned).HasMaxLength(1000);
        post.Property(p => p.AuthorName).HasMaxLength(200);
        post.HasOne<OrgUnit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
        post.HasIndex(p => new { p.UnitId, p.CreatedAt });
        post.HasIndex(p => p.CreatedAt);
    }
}

internal sealed class FailReactionConfiguration : IEntityTypeConfiguration<FailReaction>
{
    public void Configure(EntityTypeBuilder<FailReaction> reaction)
    {
        reaction.ToTable("FailReactions");
        reaction.HasKey(r => new { r.PostId, r.UserId, r.Kind });
        reaction.HasOne<FailPost>().WithMany().HasForeignKey(r => r.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> hook)
    {
        hook.ToTable("LearnWebhooks");
        hook.Property(h => h.Name).HasMaxLength(100);
        hook.Property(h => h.Url).HasMaxLength(2000);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.ToTable("LearnWebhookDeliveries");
        delivery.Property(d => d.Title).HasMaxLength(300);
        delivery.Property(d => d.LastError).HasMaxLength(1000);
        delivery.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        delivery.HasIndex(d => new { d.State, d.NextAttemptAt });
        delivery.HasIndex(d => d.CreatedAt);
    }
}

internal sealed class FeedTokenConfiguration : IEntityTypeConfiguration<FeedToken>
{
    public void Configure(EntityTypeBuilder<FeedToken> token)
    {
        token.ToTable("LearnFeedTokens");
        token.HasKey(t => t.UserId);
        token.Property(t => t.Hash).HasMaxLength(100);
        token.HasIndex(t => t.Hash).IsUnique();
    }
}

internal sealed class SearchDocumentConfiguration : IEntityTypeConfiguration<SearchDocument>
{
    public const string Table = "LearnSearchDocuments";

    public void Configure(EntityTypeBuilder<SearchDocument> doc)
    {
        doc.ToTable(Table);
        doc.Property(d => d.Id).ValueGeneratedOnAdd();
        doc.Property(d => d.Tags).HasMaxLength(2000);
        doc.Property(d => d.Title).HasMaxLength(200);
        doc.Property(d => d.Body).HasMaxLength(10000);
        doc.HasIndex(d => d.RetrospectiveId);
        doc.HasIndex(d => new { d.UnitId, d.HeldOn });
        doc.HasIndex(d => d.HeldOn);
    }
}
