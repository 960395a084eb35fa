using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stepwise.Data;
using Stepwise.Organization;

namespace Stepwise.Careers.Steps;

/// <summary>
/// The always-on data-quality report. Each kind of finding is one set-based query (a handful in all, whatever
/// the size of the organization) over the maintained <see cref="LatestStep"/> rows rather than the whole step history,
/// so it stays fast over tens of thousands of people and years of history.
/// </summary>
public sealed class DataQualityService(StepwiseDb db, TimeProvider time, IOptions<StepRecordsOptions> options)
{
    /// <summary>Findings listed per kind; the totals always count all of them.</summary>
    public const int DefaultLimit = 200;

    private static readonly TransitionKind[] Relevant = [TransitionKind.DisciplineChanged, TransitionKind.JoinedUnit, TransitionKind.ManagerChanged];

    public async Task<DataQualityReport> ReportAsync(int limit, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var window = options.Value.OnboardingWindowDays;
        var onboardedBefore = today.AddDays(-window);
        var newHireSince = today.AddDays(-options.Value.NewHireHorizonDays);
        var people = db.People.AsNoTracking();
        var latestSteps = db.LatestSteps.AsNoTracking();
        var employed = people.Where(p => p.EmploymentStart <= today && (p.EmploymentEnd == null || p.EmploymentEnd > today));

        var peopleChecked = await employed.CountAsync(ct);

        // People past the onboarding window who have no step record at all (so no latest-step row either).
        var missing = await employed.Where(p => p.EmploymentStart <= onboardedBefore && !latestSteps.Any(l => l.PersonId == p.Id))
            .OrderBy(p => p.EmploymentStart).ThenBy(p => p.Name)
            .Select(p => new { p.Id, p.Name, p.EmploymentStart }).ToListAsync(ct);

        // Org changes after the latest step decision: the relevant transitions dated after each person's latest decision,
        // grouped per person in one set-based pass (a hash join on PostgreSQL), rather than one correlated lookup per person.
        var changedAfter =
            from t in db.Transitions
            where t.EffectiveOn <= today && Relevant.Contains(t.Kind)
            join l in latestSteps on t.PersonId equals l.PersonId
            where t.EffectiveOn > l.EffectiveOn
            group t.EffectiveOn by new { l.PersonId, l.EffectiveOn } into g
            select new { g.Key.PersonId, Last = g.Key.EffectiveOn, Latest = g.Max() };
        var changes = await (
                from c in changedAfter
                join p in employed on c.PersonId equals p.Id
                select new { c.PersonId, p.Name, c.Last, c.Latest })
            .ToListAsync(ct);
        changes = changes.OrderBy(c => c.Latest).ThenBy(c => c.Name).ToList();

        // Which kinds of change: only for the people listed.
        var listed = changes.Take(limit).Select(c => c.PersonId).ToList();
        var kinds = (await db.Transitions.AsNoTracking().Where(t => listed.Contains(t.PersonId) && Relevant.Contains(t.Kind) && t.EffectiveOn <= today)
                .Select(t => new { t.PersonId, t.Kind, t.EffectiveOn }).ToListAsync(ct))
            .GroupBy(t => t.PersonId).ToDictionary(g => g.Key, g => g.ToList());

        // Leavers whose latest decision is still open: one row each, and leavers are few.
        var leavers = await (
                from p in people
                where p.EmploymentEnd != null && p.EmploymentEnd <= today
                join l in latestSteps on p.Id equals l.PersonId
                where l.EndedOn == null
                orderby p.EmploymentEnd, p.Name
                select new { p.Id, p.Name, p.EmploymentEnd, l.Level })
            .ToListAsync(ct);

        var never = missing.Where(p => p.EmploymentStart < newHireSince)
            .Select(p => Finding(FindingKind.NeverAssigned, p.Id, p.Name, $"Employed since {p.EmploymentStart:yyyy-MM-dd} and never given a step.", p.EmploymentStart))
            .ToList();
        var newHires = missing.Where(p => p.EmploymentStart >= newHireSince)
            .Select(p => Finding(FindingKind.NewHireWithoutStep, p.Id, p.Name,
                $"Joined {p.EmploymentStart:yyyy-MM-dd}, {today.DayNumber - p.EmploymentStart.DayNumber} days ago (window: {window} days).", p.EmploymentStart))
            .ToList();
        var changed = changes.Select(c =>
        {
            var after = kinds.GetValueOrDefault(c.PersonId)?.Where(k => k.EffectiveOn > c.Last).Select(k => k.Kind).Distinct().Order().ToList();
            var what = after is { Count: > 0 } ? string.Join(", ", after.Select(Describe)) : "discipline, team or manager changed";
            return Finding(FindingKind.ChangedSinceStep, c.PersonId, c.Name, $"{what} since the last step decision ({c.Last:yyyy-MM-dd}).", c.Latest);
        }).ToList();
        var left = leavers.Select(l => Finding(FindingKind.LeaverHoldsStep, l.Id, l.Name,
            $"Left on {l.EmploymentEnd:yyyy-MM-dd} but still holds step {l.Level} ({StepLevels.Name(l.Level)}).", l.EmploymentEnd)).ToList();

        List<FindingGroup> groups =
        [
            Group(FindingKind.NeverAssigned, "People never assigned a step", "Employed for a while without any step record.", never, limit),
            Group(FindingKind.NewHireWithoutStep, "New hires past the onboarding window", $"Hired recently, more than {window} days ago, and still without a step.", newHires, limit),
            Group(FindingKind.ChangedSinceStep, "Changed since their last step decision", "Their discipline, team or manager changed after the step was decided; check the step still fits.", changed, limit),
            Group(FindingKind.LeaverHoldsStep, "Steps held by people who left", "The step record is still open after the person left; close it.", left, limit),
        ];
        return new DataQualityReport(today, window, peopleChecked, groups.Sum(g => g.Total), groups);
    }

    private static FindingGroup Group(FindingKind kind, string title, string explanation, List<DataQualityFinding> all, int limit) =>
        new(kind, title, explanation, all.Count, all.Take(limit).ToList());

    private static DataQualityFinding Finding(FindingKind kind, Guid person, string name, string detail, DateOnly? since) => kind switch
    {
        FindingKind.LeaverHoldsStep => new(kind, person, name, detail, since, $"/careers/steps/people/{person}#close", "Close the step"),
        FindingKind.ChangedSinceStep => new(kind, person, name, detail, since, $"/careers/steps/people/{person}#record", "Review and record a step"),
        _ => new(kind, person, name, detail, since, $"/careers/steps/people/{person}#record", "Record a step"),
    };

    private static string Describe(TransitionKind kind) => kind switch
    {
        TransitionKind.DisciplineChanged => "discipline changed",
        TransitionKind.JoinedUnit => "moved team",
        TransitionKind.ManagerChanged => "manager changed",
        _ => kind.ToString(),
    };
}
