using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stepwise.Data;
using Stepwise.Organization;

namespace Stepwise.Careers.Steps;

/// <summary>
/// The always-on data-quality report. Each kind of finding is one set-based query (a handful in all, whatever
/// the size of the organization), so it stays fast over tens of thousands of people and years of history.
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
        var steps = db.StepRecords.AsNoTracking();
        var employed = people.Where(p => p.EmploymentStart <= today && (p.EmploymentEnd == null || p.EmploymentEnd > today));

        var peopleChecked = await employed.CountAsync(ct);

        // People past the onboarding window who have no step record at all.
        var missing = await employed.Where(p => p.EmploymentStart <= onboardedBefore && !steps.Any(s => s.PersonId == p.Id))
            .OrderBy(p => p.EmploymentStart).ThenBy(p => p.Name)
            .Select(p => new { p.Id, p.Name, p.EmploymentStart }).ToListAsync(ct);

        // Org changes after the latest step decision; the latest decision per person is a grouped subquery.
        var lastDecision = steps.GroupBy(s => s.PersonId).Select(g => new { PersonId = g.Key, Last = g.Max(s => s.EffectiveOn) });
        var changes = await db.Transitions.AsNoTracking()
            .Where(t => Relevant.Contains(t.Kind) && t.EffectiveOn <= today)
            .Join(lastDecision, t => t.PersonId, l => l.PersonId, (t, l) => new { t.PersonId, t.Kind, t.EffectiveOn, l.Last })
            .Where(x => x.EffectiveOn > x.Last)
            .Join(employed, x => x.PersonId, p => p.Id, (x, p) => new { x.PersonId, p.Name, x.Kind, x.EffectiveOn, x.Last })
            .GroupBy(x => new { x.PersonId, x.Name, x.Last })
            .Select(g => new { g.Key.PersonId, g.Key.Name, g.Key.Last, Latest = g.Max(x => x.EffectiveOn) })
            .ToListAsync(ct);
        changes = changes.OrderBy(c => c.Latest).ThenBy(c => c.Name).ToList();

        // Which kinds of change: only for the people listed.
        var listed = changes.Take(limit).Select(c => c.PersonId).ToList();
        var kinds = (await db.Transitions.AsNoTracking().Where(t => listed.Contains(t.PersonId) && Relevant.Contains(t.Kind) && t.EffectiveOn <= today)
                .Select(t => new { t.PersonId, t.Kind, t.EffectiveOn }).ToListAsync(ct))
            .GroupBy(t => t.PersonId).ToDictionary(g => g.Key, g => g.ToList());

        // Leavers whose latest record is still open: two index seeks per leaver, and leavers are few.
        var leavers = await people.Where(p => p.EmploymentEnd != null && p.EmploymentEnd <= today)
            .Select(p => new
            {
                p.Id, p.Name, p.EmploymentEnd,
                Last = steps.Where(s => s.PersonId == p.Id).Max(s => (DateOnly?)s.EffectiveOn),
                LastOpen = steps.Where(s => s.PersonId == p.Id && s.EndedOn == null).Max(s => (DateOnly?)s.EffectiveOn),
            })
            .Where(x => x.LastOpen != null && x.LastOpen == x.Last)
            .OrderBy(x => x.EmploymentEnd).ThenBy(x => x.Name)
            .ToListAsync(ct);
        var leaverIds = leavers.Take(limit).Select(l => l.Id).ToList();
        var levels = (await steps.Where(s => leaverIds.Contains(s.PersonId)).Select(s => new { s.PersonId, s.Level, s.EffectiveOn }).ToListAsync(ct))
            .GroupBy(s => s.PersonId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.EffectiveOn).Last().Level);

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
            levels.TryGetValue(l.Id, out var level)
                ? $"Left on {l.EmploymentEnd:yyyy-MM-dd} but still holds step {level} ({StepLevels.Name(level)})."
                : $"Left on {l.EmploymentEnd:yyyy-MM-dd} but still holds a step.", l.EmploymentEnd)).ToList();

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
