using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Careers.Compensation;
using Stepwise.Data;
using Stepwise.Organization;

namespace Stepwise.Careers.Cycles;

/// <summary>Where a cycle stands: counts per stage and team, who is late, teams ranked by how far behind; reminders; promotion cost.</summary>
public sealed class CycleProgressService(StepwiseDb db, CycleNotices notices, CompensationService compensation, SalaryReadAudit salaryAudit,
    TimeProvider time)
{
    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<Outcome<ProgressView>> ProgressAsync(ClaimsPrincipal user, Guid cycleId, CancellationToken ct)
    {
        var cycle = await db.AssessmentCycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cycleId, ct);
        if (cycle is null) return Outcome<ProgressView>.NotFound("No such cycle.");
        if (!CycleAccess.IsHr(user)) return Outcome<ProgressView>.Forbidden("Progress is for HR and administrators.");
        var today = Today;
        var participants = await db.CycleParticipants.AsNoTracking().Where(p => p.CycleId == cycleId).ToListAsync(ct);
        var names = await ProposalRows.NamesAsync(db, participants.Select(p => p.PersonId), ct);
        var units = await ProposalRows.UnitNamesAsync(db, participants.SelectMany(p => new[] { p.TeamId, p.TribeId }).OfType<Guid>(), ct);
        var overdue = participants.Select(p => (p, Due: cycle.DeadlineFor(p))).Where(x => x.Due is { } d && d < today)
            .Select(x => new OverduePerson(x.p.Id, x.p.PersonId, names.GetValueOrDefault(x.p.PersonId, "?"), UnitName(units, x.p.TeamId), x.p.Stage,
                x.Due!.Value, today.DayNumber - x.Due.Value.DayNumber, WaitingOn(cycle, x.p)))
            .OrderByDescending(o => o.DaysLate).ThenBy(o => o.PersonName, StringComparer.Ordinal).ToList();
        var late = overdue.ToDictionary(o => o.AssessmentId);
        return new ProgressView(cycle.Id, cycle.Name, today, Counts(participants), Rank(participants, p => p.TeamId, units, late),
            Rank(participants, p => p.TribeId, units, late), overdue);
    }

    /// <summary>Notifies whoever holds up each overdue person: the person, their manager, or their tribe lead.</summary>
    public async Task<Outcome<ReminderResult>> RemindAsync(ClaimsPrincipal user, Guid cycleId, CancellationToken ct)
    {
        var progress = await ProgressAsync(user, cycleId, ct);
        if (!progress.Succeeded) return progress.As<ReminderResult>();
        var cycle = await db.AssessmentCycles.AsNoTracking().FirstAsync(c => c.Id == cycleId, ct);
        if (!cycle.IsOpen) return Outcome<ReminderResult>.Conflict("The cycle is closed.");
        var overdue = progress.Value!.Overdue;
        if (overdue.Count == 0) return new ReminderResult(0, 0);
        var ids = overdue.Select(o => o.AssessmentId).ToList();
        var participants = await db.CycleParticipants.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var tribes = participants.Values.Where(p => p.TribeId is not null).Select(p => p.TribeId!.Value).Distinct().ToList();
        var leads = (await db.Memberships.AsNoTracking().Where(m => tribes.Contains(m.UnitId) && m.Role == MembershipRole.Lead).ActiveOn(Today)
            .Select(m => new { m.UnitId, m.PersonId }).ToListAsync(ct)).ToLookup(m => m.UnitId, m => m.PersonId);
        var recipients = new HashSet<Guid>();
        foreach (var late in overdue)
        {
            var p = participants[late.AssessmentId];
            var who = late.Stage switch
            {
                ParticipantStage.NotStarted when p.SelfSubmittedAt is null => [p.PersonId],
                ParticipantStage.NotStarted or ParticipantStage.SelfSubmitted or ParticipantStage.ManagerSubmitted => p.ManagerId is { } m ? [m] : [p.PersonId],
                ParticipantStage.Discussed => p.TribeId is { } t ? leads[t].ToList() : [],
                _ => new List<Guid>(),
            };
            recipients.UnionWith(who);
        }
        notices.Send(db, CycleNotices.ReminderTopic, $"Reminder: {cycle.Name}",
            "Something in this assessment cycle is waiting for you and its deadline has passed.", $"/careers/cycles/{cycle.Id}", recipients);
        await db.SaveChangesAsync(ct);
        return new ReminderResult(overdue.Count, recipients.Count);
    }

    /// <summary>What the proposed promotions would cost, for HR and compensation administrators. The read is audited like any pay read.</summary>
    public async Task<Outcome<CyclePromotionCost>> PromotionCostAsync(ClaimsPrincipal user, Guid cycleId, CancellationToken ct)
    {
        if (!await db.AssessmentCycles.AnyAsync(c => c.Id == cycleId, ct)) return Outcome<CyclePromotionCost>.NotFound("No such cycle.");
        if (!CompensationAccess.CanReadAll(user)) return Outcome<CyclePromotionCost>.Forbidden("Promotion costs are for HR and compensation administrators.");
        var promotions = await db.CycleParticipants.AsNoTracking()
            .Where(p => p.CycleId == cycleId && p.Stage != ParticipantStage.Finalized && p.ProposedLevel != null && (p.CurrentLevel == null || p.ProposedLevel > p.CurrentLevel))
            .Select(p => new ProposedPromotion(p.PersonId, p.ProposedLevel)).ToListAsync(ct);
        if (promotions.Count == 0) return new CyclePromotionCost(cycleId, new PromotionCost([], []));
        var (cost, _) = await compensation.CostAsync(promotions, ct);
        await salaryAudit.LogAsync("cycle promotion cost", cycleId.ToString(), new { people = promotions.Count }, ct);
        return new CyclePromotionCost(cycleId, cost);
    }

    internal static string WaitingOn(AssessmentCycle cycle, CycleParticipant p) => p.Stage switch
    {
        ParticipantStage.NotStarted when p.SelfSubmittedAt is null => "Self-assessment",
        ParticipantStage.NotStarted or ParticipantStage.SelfSubmitted => "Manager assessment",
        ParticipantStage.ManagerSubmitted => "Discussion",
        ParticipantStage.Discussed => "Tribe calibration",
        ParticipantStage.Calibrated when p.NeedsLeadershipReview(cycle) => "Leadership review",
        ParticipantStage.Calibrated or ParticipantStage.LeadershipReviewed => "Finalizing",
        _ => "Nothing",
    };

    private static List<StageCount> Counts(IEnumerable<CycleParticipant> participants)
    {
        var counts = participants.GroupBy(p => p.Stage).ToDictionary(g => g.Key, g => g.Count());
        return [.. Enum.GetValues<ParticipantStage>().Select(s => new StageCount(s, counts.GetValueOrDefault(s)))];
    }

    private static List<UnitProgress> Rank(List<CycleParticipant> participants, Func<CycleParticipant, Guid?> unitOf, Dictionary<Guid, string> units,
        Dictionary<Guid, OverduePerson> late) =>
        [.. participants.GroupBy(unitOf).Select(g =>
        {
            var people = g.ToList();
            var overdue = people.Where(p => late.ContainsKey(p.Id)).Select(p => late[p.Id]).ToList();
            return new UnitProgress(g.Key, UnitName(units, g.Key), people.Count, Counts(people), overdue.Count, (double)overdue.Count / people.Count,
                people.Count == 0 ? 0 : overdue.Sum(o => o.DaysLate) / (double)people.Count);
        }).OrderByDescending(u => u.BehindShare).ThenByDescending(u => u.AverageDaysLate).ThenBy(u => u.UnitName, StringComparer.Ordinal)];

    private static string UnitName(Dictionary<Guid, string> units, Guid? id) => id is { } u ? units.GetValueOrDefault(u, "?") : "No team";
}
