using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Learn.Model;
using Stepwise.Organization;

namespace Stepwise.Learn.Retrospectives;

/// <summary>Read side of retrospectives, shared by the API, the pages and the exports. Private ones are invisible (not forbidden) to outsiders.</summary>
public sealed class RetrospectiveReader(StepwiseDb db)
{
    public async Task<Page<RetrospectiveSummary>> ListAsync(LearnViewer viewer, Guid? unitId, RetroStatus? status, int page, int pageSize, CancellationToken ct)
    {
        var query = db.Retrospectives.AsNoTracking();
        if (!viewer.IsAdmin)
        {
            var units = viewer.Units.ToList();
            query = query.Where(r => !r.IsPrivate || units.Contains(r.OwnerUnitId));
        }
        if (unitId is { } unit) query = query.Where(r => r.OwnerUnitId == unit);
        if (status is { } s) query = query.Where(r => r.Status == s);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(r => r.HeldOn).ThenByDescending(r => r.CreatedAt).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(r => new
            {
                Retro = r,
                Unit = db.Units.Where(u => u.Id == r.OwnerUnitId).Select(u => u.Name).First(),
                Lessons = db.Lessons.Count(l => l.RetrospectiveId == r.Id),
                Open = db.RetroActions.Count(a => a.RetrospectiveId == r.Id && a.Status == ActionStatus.Open),
            }).ToListAsync(ct);
        return new Page<RetrospectiveSummary>([.. rows.Select(x => Summary(x.Retro, x.Unit, x.Lessons, x.Open))], page, pageSize, total);
    }

    /// <summary>The retrospectives the viewer may see that look back on one subject.</summary>
    public async Task<IReadOnlyList<RetrospectiveSummary>> ForSubjectAsync(LearnViewer viewer, SubjectKind kind, string subjectRef, CancellationToken ct) =>
        await VisibleSummariesAsync(viewer, db.Retrospectives.AsNoTracking().Where(r => r.SubjectKind == kind && r.SubjectRef == subjectRef), ct);

    /// <summary>
    /// What the organization learned from one feature: retrospectives the viewer may see about the feature itself and about
    /// the rollouts and experiments of its flags (a feature is usually looked back on through the way it shipped), with their lessons.
    /// The feature page and a DUHB's "what became of this bet" both read it here, so they always agree.
    /// </summary>
    public async Task<FeatureLessons> ForFeatureAsync(LearnViewer viewer, string featureKey, CancellationToken ct)
    {
        var feature = await db.Features.AsNoTracking().FirstOrDefaultAsync(f => f.Key == featureKey, ct);
        if (feature is null) return new FeatureLessons([], []);
        var flagIds = await db.Flags.AsNoTracking().Where(f => feature.FlagKeys.Contains(f.Key)).Select(f => f.Id).ToListAsync(ct);
        var rollouts = (await db.RolloutPlans.AsNoTracking().Where(p => flagIds.Contains(p.FlagId)).Select(p => p.Id).ToListAsync(ct))
            .Select(id => id.ToString()).ToList();
        var experiments = await db.Experiments.AsNoTracking().Where(e => flagIds.Contains(e.FlagId)).Select(e => e.Key).ToListAsync(ct);
        var retrospectives = await VisibleSummariesAsync(viewer, db.Retrospectives.AsNoTracking().Where(r =>
            (r.SubjectKind == SubjectKind.Feature && r.SubjectRef == featureKey)
            || (r.SubjectKind == SubjectKind.Rollout && rollouts.Contains(r.SubjectRef!))
            || (r.SubjectKind == SubjectKind.Experiment && experiments.Contains(r.SubjectRef!))), ct);
        var ids = retrospectives.Select(r => r.Id).ToList();
        var lessons = await db.Lessons.AsNoTracking().Where(l => ids.Contains(l.RetrospectiveId)).OrderBy(l => l.CreatedAt).ThenBy(l => l.Id)
            .Select(l => new LessonView(l.Id, l.RetrospectiveId, l.Source, l.Text, l.CreatedAt)).ToListAsync(ct);
        return new FeatureLessons(retrospectives, lessons);
    }

    /// <summary>The retrospective a lesson was written in, if the viewer may see it (an RFC links back to the lesson that prompted it).</summary>
    public async Task<RetrospectiveSummary?> OfLessonAsync(LearnViewer viewer, Guid lessonId, CancellationToken ct)
    {
        var retro = await db.Lessons.AsNoTracking().Where(l => l.Id == lessonId).Select(l => l.RetrospectiveId).FirstOrDefaultAsync(ct);
        var found = await VisibleSummariesAsync(viewer, db.Retrospectives.AsNoTracking().Where(r => r.Id == retro), ct);
        return found.Count > 0 ? found[0] : null;
    }

    private async Task<IReadOnlyList<RetrospectiveSummary>> VisibleSummariesAsync(LearnViewer viewer, IQueryable<Retrospective> query, CancellationToken ct)
    {
        var rows = await query.OrderByDescending(r => r.HeldOn).ThenByDescending(r => r.CreatedAt)
            .Select(r => new
            {
                Retro = r,
                Unit = db.Units.Where(u => u.Id == r.OwnerUnitId).Select(u => u.Name).First(),
                Lessons = db.Lessons.Count(l => l.RetrospectiveId == r.Id),
                Open = db.RetroActions.Count(a => a.RetrospectiveId == r.Id && a.Status == ActionStatus.Open),
            }).ToListAsync(ct);
        return [.. rows.Where(x => viewer.CanSee(x.Retro.OwnerUnitId, x.Retro.IsPrivate)).Select(x => Summary(x.Retro, x.Unit, x.Lessons, x.Open))];
    }

    public async Task<RetrospectiveDetails?> DetailsAsync(LearnViewer viewer, Guid id, CancellationToken ct)
    {
        var retro = await db.Retrospectives.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (retro is null || !viewer.CanSee(retro.OwnerUnitId, retro.IsPrivate)) return null;
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == retro.OwnerUnitId).Select(u => u.Name).FirstAsync(ct);
        var notes = await db.RetroContributions.AsNoTracking().Where(n => n.RetrospectiveId == id).ToListAsync(ct);
        var votes = await db.RetroVotes.AsNoTracking().Where(v => v.RetrospectiveId == id).ToListAsync(ct);
        var counts = votes.GroupBy(v => v.ContributionId).ToDictionary(g => g.Key, g => g.Count());
        var mine = votes.Where(v => v.VoterUserId == viewer.UserId).Select(v => v.ContributionId).ToHashSet();
        // Never in the order they were written: grouped, then by votes, then alphabetically.
        var contributions = notes
            .Select(n => new ContributionView(n.Id, n.Kind, n.Text, n.Group, n.AuthorName, counts.GetValueOrDefault(n.Id), mine.Contains(n.Id)))
            .OrderBy(n => n.Kind).ThenBy(n => n.Group is null).ThenBy(n => n.Group, StringComparer.OrdinalIgnoreCase)
            .ThenByDescending(n => n.Votes).ThenBy(n => n.Text, StringComparer.Ordinal).ToList();
        var lessons = await db.Lessons.AsNoTracking().Where(l => l.RetrospectiveId == id).OrderBy(l => l.CreatedAt)
            .Select(l => new LessonView(l.Id, l.RetrospectiveId, l.Source, l.Text, l.CreatedAt)).ToListAsync(ct);
        var actions = (await db.RetroActions.AsNoTracking().Where(a => a.RetrospectiveId == id).OrderBy(a => a.CreatedAt).ToListAsync(ct))
            .Select(a => View(a, retro.Title)).ToList();
        return new RetrospectiveDetails(retro.Id, retro.Title, retro.SubjectKind, retro.SubjectRef, retro.OwnerUnitId, unit, retro.Outcome, retro.Status,
            retro.IsPrivate, retro.HeldOn, retro.Tags, retro.Summary, retro.Decisions, contributions, lessons, actions,
            await CarriedOverAsync(retro, ct), retro.CreatedAt, retro.ClosedAt, viewer.CanFacilitate(retro.OwnerUnitId));
    }

    /// <summary>The unit's still-open actions from its earlier retrospectives: they open the next session until someone closes them.</summary>
    public async Task<IReadOnlyList<ActionView>> CarriedOverAsync(Retrospective retro, CancellationToken ct)
    {
        var rows = await db.RetroActions.AsNoTracking()
            .Where(a => a.OwnerUnitId == retro.OwnerUnitId && a.Status == ActionStatus.Open && a.RetrospectiveId != retro.Id)
            .Join(db.Retrospectives.AsNoTracking(), a => a.RetrospectiveId, r => r.Id, (a, r) => new { Action = a, r.Title, r.CreatedAt })
            .Where(x => x.CreatedAt < retro.CreatedAt)
            .ToListAsync(ct);
        return [.. rows.OrderBy(x => x.Action.DueOn ?? DateOnly.MaxValue).ThenBy(x => x.Action.CreatedAt).Select(x => View(x.Action, x.Title))];
    }

    /// <summary>
    /// Finished subjects that nobody has looked back on yet: rollouts that were rolled back or fully released, and stopped
    /// experiments, without a retrospective referring to them.
    /// </summary>
    public async Task<IReadOnlyList<MissingRetrospective>> MissingAsync(CancellationToken ct)
    {
        var covered = await db.Retrospectives.AsNoTracking().Where(r => r.SubjectRef != null)
            .Select(r => new { r.SubjectKind, r.SubjectRef }).ToListAsync(ct);
        var coveredSet = covered.Select(c => (c.SubjectKind, c.SubjectRef!)).ToHashSet();
        var flags = await db.Flags.AsNoTracking().Select(f => new { f.Id, f.Key, f.Name, f.OwnerUnitId }).ToDictionaryAsync(f => f.Id, ct);
        var result = new List<MissingRetrospective>();
        var experiments = await db.Experiments.AsNoTracking().Where(e => e.Status == Delivery.Model.ExperimentStatus.Stopped).ToListAsync(ct);
        foreach (var e in experiments.Where(e => !coveredSet.Contains((SubjectKind.Experiment, e.Key))))
            result.Add(new MissingRetrospective(SubjectKind.Experiment, e.Key, e.Name, "experiment stopped", e.StoppedAt ?? e.CreatedAt, flags.GetValueOrDefault(e.FlagId)?.OwnerUnitId));
        var rollouts = await db.RolloutPlans.AsNoTracking()
            .Where(p => p.Status == Delivery.Model.RolloutStatus.RolledBack || p.Status == Delivery.Model.RolloutStatus.Released).ToListAsync(ct);
        foreach (var p in rollouts.Where(p => !coveredSet.Contains((SubjectKind.Rollout, p.Id.ToString()))))
        {
            var flag = flags.GetValueOrDefault(p.FlagId);
            var finished = p.History.Count > 0 ? p.History[^1].At : p.CreatedAt;
            result.Add(new MissingRetrospective(SubjectKind.Rollout, p.Id.ToString(), $"Rollout of {flag?.Key ?? "?"}",
                p.Status == Delivery.Model.RolloutStatus.RolledBack ? "rollout rolled back" : "rollout completed", finished, flag?.OwnerUnitId));
        }
        // Features whose bet ended (stopped or removed) or that reached Maintain it: the moment to look back.
        var features = await db.Features.AsNoTracking()
            .Where(f => f.Phase == Delivery.Lifecycle.FeaturePhase.Removed || f.Phase == Delivery.Lifecycle.FeaturePhase.MaintainIt).ToListAsync(ct);
        foreach (var f in features.Where(f => !coveredSet.Contains((SubjectKind.Feature, f.Key))))
            result.Add(new MissingRetrospective(SubjectKind.Feature, f.Key, f.Name,
                f.Phase == Delivery.Lifecycle.FeaturePhase.Removed ? (f.FullReleaseAt is null ? "feature stopped" : "feature removed") : "feature in Maintain it",
                f.PhaseSince, f.OwnerUnitId));
        return [.. result.OrderByDescending(r => r.FinishedAt)];
    }

    /// <summary>Share of action items closed (done or dropped), per owning unit and for the whole organization.</summary>
    public async Task<ClosureReport> ClosureAsync(DateOnly today, CancellationToken ct)
    {
        var rows = await db.RetroActions.AsNoTracking().GroupBy(a => new { a.OwnerUnitId, a.Status })
            .Select(g => new { g.Key.OwnerUnitId, g.Key.Status, Count = g.Count(), Overdue = g.Count(a => a.DueOn != null && a.DueOn < today) })
            .ToListAsync(ct);
        var names = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var units = rows.GroupBy(r => r.OwnerUnitId).Select(g => new ClosureRate(g.Key, names.GetValueOrDefault(g.Key, "?"),
                g.Sum(r => r.Count), g.Where(r => r.Status != ActionStatus.Open).Sum(r => r.Count),
                g.Where(r => r.Status == ActionStatus.Open).Sum(r => r.Count), g.Where(r => r.Status == ActionStatus.Open).Sum(r => r.Overdue)))
            .OrderBy(r => r.Unit, StringComparer.OrdinalIgnoreCase).ToList();
        var org = new ClosureRate(null, "Organization", units.Sum(u => u.Total), units.Sum(u => u.Closed), units.Sum(u => u.Open), units.Sum(u => u.Overdue));
        return new ClosureReport(org, units);
    }

    /// <summary>Units the viewer may start retrospectives for (everything for administrators), for the pages' pickers.</summary>
    public async Task<IReadOnlyList<UnitSummaryOption>> UnitsForAsync(LearnViewer viewer, bool all, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().OrderBy(u => u.Kind).ThenBy(u => u.Name).Select(u => new UnitSummaryOption(u.Id, u.Key, u.Name, u.Kind)).ToListAsync(ct);
        return all || viewer.IsAdmin ? units : [.. units.Where(u => viewer.Units.Contains(u.Id))];
    }

    internal static ActionView View(ActionItem a, string retroTitle) =>
        new(a.Id, a.RetrospectiveId, retroTitle, a.Text, a.Owner, a.DueOn, a.Status, a.CreatedAt, a.ClosedAt);

    private static RetrospectiveSummary Summary(Retrospective r, string unit, int lessons, int open) =>
        new(r.Id, r.Title, r.SubjectKind, r.SubjectRef, r.OwnerUnitId, unit, r.Outcome, r.Status, r.IsPrivate, r.HeldOn, r.Tags, lessons, open);
}

public sealed record UnitSummaryOption(Guid Id, string Key, string Name, UnitKind Kind);
