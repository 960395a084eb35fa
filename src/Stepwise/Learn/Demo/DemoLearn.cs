using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Delivery.Model;
using Stepwise.Learn.Model;
using Stepwise.Learn.Search;
using Stepwise.Organization;

namespace Stepwise.Learn.Demo;

/// <summary>
/// Seeds the learn demo once: closed retrospectives across several teams (one private), an open one mid-session with
/// anonymous notes and votes, lessons of every source, open, overdue and closed actions, and Fail Wall posts with reactions.
/// Runs after the delivery demo so it can look back on its stopped experiment and released rollout.
/// </summary>
public sealed class DemoLearn(StepwiseDb db, TimeProvider time)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Retrospectives.AnyAsync(ct)) return;
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Key, u => u.Id, ct);
        if (!units.TryGetValue("monetization-checkout", out var checkoutSquad)) return;
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var voters = await db.Users.AsNoTracking().OrderBy(u => u.Email).Select(u => u.Id).Take(5).ToListAsync(ct);
        var rollout = await db.RolloutPlans.AsNoTracking().Where(p => p.Status == RolloutStatus.Released).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);

        var checkout = Retro(checkoutSquad, "Express pay pilot", SubjectKind.Project, null, RetroOutcome.Failed, today.AddDays(-40),
            "The one-tap payment pilot ran for six weeks and was switched off: conversion did not move and support tickets doubled.",
            ["checkout", "payments"], closed: true,
            [new(today.AddDays(-120), "Build the pilot on the new payment provider", "A sales demo and a cheaper fee", "Two extra months of integration work"),
             new(today.AddDays(-75), "Launch to every market at once", "Pressure to show results before the quarter ended", "Local card rules broke the flow in three markets")]);
        Lessons(checkout, now,
            (LessonSource.Process, "Pilot in one market first; a staged rollout would have shown the card-rule failures in days, not weeks."),
            (LessonSource.CustomerPerception, "Customers did not see the old checkout as slow; the problem we solved was ours, not theirs."),
            (LessonSource.Team, "Support heard about the failures before engineering did: invite them to the launch channel."));
        Action(checkout, "Add a market-by-market rollout step to the launch checklist", "Checkout squad lead", today.AddDays(-10), ActionStatus.Done, now);
        Action(checkout, "Share support ticket trends in the weekly squad review", "Product owner", today.AddDays(-5), ActionStatus.Open, now);

        var onboarding = Retro(units["listener-home-feed"], "Onboarding tour rollout", SubjectKind.Rollout, rollout?.ToString(), RetroOutcome.Succeeded,
            today.AddDays(-20), "The guided tour reached everyone without a single rollback and day-7 retention went up, but against the holdback the gain " +
            "shrank to under a point within a month. Listeners who saved a first playlist stayed; the rest of the tour mattered less, so the " +
            "squad is building a two-step version to test against it.", ["onboarding", "rollout"], closed: true,
            [new(today.AddDays(-60), "Keep a 1% holdback for a month", "Earlier launches where nobody could prove the effect", "A clean measurement of the retention gain")]);
        Lessons(onboarding, now,
            (LessonSource.ProductUnderstanding, "New listeners value finding their first playlist more than learning every feature."),
            (LessonSource.Team, "Pairing design and data science from day one kept the tour short."));
        Action(onboarding, "Write a how-to on holdbacks for other squads", "Data scientist", today.AddDays(14), ActionStatus.Open, now);

        var incident = Retro(units["platform-data-platform"], "Legacy export outage", SubjectKind.Incident, null, RetroOutcome.Mixed, today.AddDays(-12),
            "Nightly exports failed for two days before anyone noticed. Sensitive: it involves a partner contract.", ["incident", "exports"], closed: true, [],
            isPrivate: true);
        Lessons(incident, now,
            (LessonSource.Process, "A job that fails silently is worse than one that fails loudly: alert on missing output, not only on errors."),
            (LessonSource.Yourself, "I assumed someone else owned the export alerts; next time I ask instead of assuming."));
        Action(incident, "Alert when the nightly export produces no file", "On-call engineer", today.AddDays(-2), ActionStatus.Open, now);

        var pricing = Retro(units.GetValueOrDefault("monetization", checkoutSquad), "Student plan price change", SubjectKind.Project, null, RetroOutcome.Succeeded, today.AddDays(-30),
            "The new student price shipped on time in all markets.", ["pricing"], closed: true, []);
        Lessons(pricing, now,
            (LessonSource.Yourself, "Asking finance for their worst case early saved a week of back-and-forth."),
            (LessonSource.CustomerPerception, "Students compare us with other student discounts, not with our full price."));
        Action(pricing, "Publish the pricing decision record", "Tribe lead", today.AddDays(-20), ActionStatus.Dropped, now);

        var live = Retro(units["listener-search"], "Search ranking model v2", SubjectKind.Feature, "learned-ranking", RetroOutcome.Mixed, today, 
            "Open session: add notes below, anonymously if you like, and vote on what to discuss.", ["search"], closed: false, []);
        var notes = new[]
        {
            Note(live, ContributionKind.WentWell, "Offline evaluation matched what we saw online", "Relevance"),
            Note(live, ContributionKind.WentWrong, "Latency budget was agreed after the model was trained", "Planning"),
            Note(live, ContributionKind.WentWrong, "Nobody owned the query logs clean-up", null),
            Note(live, ContributionKind.CouldBeBetter, "Demo sessions were useful but too long", null),
        };
        for (var i = 0; i < voters.Count; i++) db.RetroVotes.Add(new RetroVote { ContributionId = notes[i % 2 + 1].Id, VoterUserId = voters[i], RetrospectiveId = live.Id });

        var posts = new[]
        {
            Post(checkoutSquad, "Launched express pay in all markets on day one", "Start in one market; card rules differ more than we thought", now.AddDays(-38)),
            Post(units["platform-data-platform"], "The nightly export failed silently for two days", "Alert on missing output, not just on errors", now.AddDays(-11)),
            Post(units["listener-search"], "Our A/B test ran a week with a broken metric", "Check metric health on day one of every experiment", now.AddDays(-4)),
        };
        for (var i = 0; i < voters.Count; i++)
            db.FailReactions.Add(new FailReaction { PostId = posts[i % posts.Length].Id, UserId = voters[i], Kind = (ReactionKind)(i % 3) });

        await db.SaveChangesAsync(ct);
        foreach (var retro in new[] { checkout, onboarding, incident, pricing, live })
            db.LearnSearchDocuments.AddRange(SearchIndexer.DocumentsFor(retro, db.ChangeTracker.Entries<Lesson>().Select(e => e.Entity).Where(l => l.RetrospectiveId == retro.Id)));
        await db.SaveChangesAsync(ct);

        Retrospective Retro(Guid unit, string title, SubjectKind kind, string? subject, RetroOutcome outcome, DateOnly heldOn, string summary, List<string> tags,
            bool closed, List<CriticalDecision> decisions, bool isPrivate = false)
        {
            var created = now.AddDays(heldOn.DayNumber - today.DayNumber);
            var retro = new Retrospective
            {
                Id = Guid.CreateVersion7(created), Title = title, SubjectKind = kind, SubjectRef = subject, OwnerUnitId = unit, Outcome = outcome, Summary = summary,
                Tags = tags, IsPrivate = isPrivate, Status = closed ? RetroStatus.Closed : RetroStatus.Open, HeldOn = heldOn, Decisions = decisions,
                CreatedAt = created, ClosedAt = closed ? created.AddHours(2) : null,
            };
            db.Retrospectives.Add(retro);
            return retro;
        }

        RetroContribution Note(Retrospective retro, ContributionKind kind, string text, string? group)
        {
            var note = new RetroContribution { Id = Guid.NewGuid(), RetrospectiveId = retro.Id, Kind = kind, Text = text, Group = group };
            db.RetroContributions.Add(note);
            return note;
        }

        FailPost Post(Guid unit, string failed, string learned, DateTimeOffset at)
        {
            var post = new FailPost { Id = Guid.CreateVersion7(at), UnitId = unit, WhatFailed = failed, WhatWeLearned = learned, AuthorName = "demo", CreatedAt = at };
            db.FailPosts.Add(post);
            return post;
        }
    }

    private void Lessons(Retrospective retro, DateTimeOffset now, params (LessonSource Source, string Text)[] lessons)
    {
        foreach (var (source, text) in lessons)
            db.Lessons.Add(new Lesson { Id = Guid.CreateVersion7(now), RetrospectiveId = retro.Id, Source = source, Text = text, CreatedAt = retro.CreatedAt.AddHours(1) });
    }

    private void Action(Retrospective retro, string text, string owner, DateOnly due, ActionStatus status, DateTimeOffset now) =>
        db.RetroActions.Add(new ActionItem
        {
            Id = Guid.CreateVersion7(now), RetrospectiveId = retro.Id, OwnerUnitId = retro.OwnerUnitId, Text = text, Owner = owner, DueOn = due, Status = status,
            CreatedAt = retro.CreatedAt.AddHours(1), ClosedAt = status == ActionStatus.Open ? null : now,
        });
}
