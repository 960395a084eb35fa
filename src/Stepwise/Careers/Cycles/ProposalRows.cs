using Microsoft.EntityFrameworkCore;
using Stepwise.Data;

namespace Stepwise.Careers.Cycles;

/// <summary>Turns participants into rows with names: three queries, whatever the number of people.</summary>
internal static class ProposalRows
{
    /// <summary>
    /// Rows as <paramref name="viewer"/> may see them: a self rating only once the manager's is in, a manager rating (and the
    /// proposal made from it) only once the self-assessment is in, so lists never leak what the assessment page withholds.
    /// </summary>
    public static async Task<List<ProposalRow>> BuildAsync(StepwiseDb db, AssessmentCycle cycle, IReadOnlyList<CycleParticipant> participants,
        DateOnly today, Guid? viewer, CancellationToken ct)
    {
        var names = await NamesAsync(db, participants.Select(p => p.PersonId).Concat(participants.Where(p => p.ManagerId is not null).Select(p => p.ManagerId!.Value)), ct);
        var tribes = await UnitNamesAsync(db, participants.Where(p => p.TribeId is not null).Select(p => p.TribeId!.Value), ct);
        return [.. participants.Select(p => new ProposalRow(p.Id, p.PersonId, names.GetValueOrDefault(p.PersonId, "?"), p.ManagerId,
                p.ManagerId is { } m ? names.GetValueOrDefault(m, "?") : null, p.TribeId, p.TribeId is { } t ? tribes.GetValueOrDefault(t) : null,
                p.Discipline, p.CurrentLevel,
                p.ManagerSubmittedAt is null && viewer != p.PersonId ? null : p.SelfLevel,
                p.SelfSubmittedAt is null && viewer != p.ManagerId ? null : p.ManagerLevel, p.AgreedLevel,
                p.SelfSubmittedAt is null && viewer != p.ManagerId ? null : p.ProposedLevel, p.Stage, p.NeedsLeadershipReview(cycle),
                cycle.DeadlineFor(p) is { } due && due < today))
            .OrderBy(r => r.PersonName, StringComparer.Ordinal)];
    }

    public static async Task<Dictionary<Guid, string>> NamesAsync(StepwiseDb db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var set = ids.Distinct().ToList();
        return set.Count == 0 ? [] : await db.People.AsNoTracking().Where(p => set.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
    }

    public static async Task<Dictionary<Guid, string>> UnitNamesAsync(StepwiseDb db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var set = ids.Distinct().ToList();
        return set.Count == 0 ? [] : await db.Units.AsNoTracking().Where(u => set.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
    }

    public static async Task<List<AdjustmentView>> AdjustmentsAsync(StepwiseDb db, IQueryable<CycleAdjustment> adjustments, CancellationToken ct) =>
        [.. (await adjustments.AsNoTracking().ToListAsync(ct)).OrderBy(a => a.At)
            .Select(a => new AdjustmentView(a.Stage, a.FromLevel, a.ToLevel, a.Reason, a.By, a.At))];
}
