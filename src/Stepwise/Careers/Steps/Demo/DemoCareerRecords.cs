using Microsoft.EntityFrameworkCore;
using Stepwise.Careers.Compensation;
using Stepwise.Careers.Surveys;
using Stepwise.Data;
using Stepwise.Organization;

namespace Stepwise.Careers.Steps.Demo;

/// <summary>
/// Seeds step records, pay and a survey for the demo organization, once. Deliberately imperfect: some people never got a
/// step, some recent hires are past the onboarding window, some moved after their step was decided, a few leavers still
/// hold theirs; some salaries fall outside their band; one squad answered the survey too sparsely to be shown.
/// </summary>
public sealed class DemoCareerRecords(StepwiseDb db, TimeProvider time)
{
    private static readonly Dictionary<string, (string Currency, decimal Base)> Currencies = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Stockholm"] = ("SEK", 480_000), ["Gothenburg"] = ("SEK", 460_000), ["London"] = ("GBP", 42_000), ["New York"] = ("USD", 90_000),
        ["Oslo"] = ("NOK", 560_000), ["Copenhagen"] = ("DKK", 430_000),
    };

    private static readonly string[] Comments =
    [
        "The step expectations finally feel concrete.",
        "More time for learning would help the whole squad.",
        "Feedback comes late, usually at review time.",
        "Our chapter lead makes time for growth conversations.",
        "I am not sure how the calibration decisions are made.",
    ];

    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.StepRecords.AnyAsync(ct)) return;
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var people = await db.People.AsNoTracking().OrderBy(p => p.Email).ToListAsync(ct);
        if (people.Count == 0) return;
        var employed = people.Where(p => p.IsEmployedOn(today)).ToList();
        var levels = new Dictionary<Guid, int>();

        for (var i = 0; i < employed.Count; i++)
        {
            var p = employed[i];
            var recentHire = p.EmploymentStart > today.AddDays(-365);
            // Gaps on purpose: every 17th person never got a step; every other recent hire is still waiting.
            if (i % 17 == 0 || (recentHire && i % 2 == 0) || p.EmploymentStart > today.AddDays(-60)) continue;
            var level = LevelOf(p.Email);
            levels[p.Id] = level;
            var lastCycle = Max(today.AddDays(-30), p.EmploymentStart);
            var earlier = Max(today.AddDays(-400), p.EmploymentStart);
            if (i % 11 == 0)
            {
                // Only an old decision: org changes since then show up as findings.
                Add(p, level, earlier, "Imported from the spreadsheet used before Stepwise.", StepSource.Import, null, now);
            }
            else if (i % 5 == 0 && level > 1)
            {
                // Promotions spread over the last four half-yearly cycles, so the promotions report has several periods to show.
                var promotedOn = Max(today.AddDays(-30 - 182 * (i / 5 % 4)), p.EmploymentStart.AddDays(1));
                var before = Max(promotedOn.AddDays(-365), p.EmploymentStart);
                if (before < promotedOn)
                {
                    Add(p, level - 1, before, "Imported from the spreadsheet used before Stepwise.", StepSource.Import, null, now);
                    Add(p, level, promotedOn, "Calibrated in a cycle: now works at the wider scope consistently.", StepSource.Cycle, level - 1, now);
                }
                else Add(p, level, lastCycle, "Confirmed in the autumn cycle.", StepSource.Cycle, null, now);
            }
            else
            {
                Add(p, level, lastCycle, "Confirmed in the autumn cycle.", StepSource.Cycle, null, now);
            }
        }

        var leavers = people.Where(p => p.EmploymentEnd is { } end && end <= today && end > p.EmploymentStart.AddDays(30))
            .OrderByDescending(p => p.EmploymentEnd).ToList();
        for (var i = 0; i < leavers.Count; i++)
        {
            var p = leavers[i];
            var record = Add(p, LevelOf(p.Email), p.EmploymentStart.AddDays(30), "Set at onboarding.", StepSource.Manual, null, now);
            // The three most recent leavers still hold their step: a finding to fix.
            if (i >= 3) record.EndedOn = p.EmploymentEnd;
        }

        SeedPay(employed, levels, today, now);
        await SeedSurveyAsync(employed, today, now, ct);
        await db.SaveChangesAsync(ct);
    }

    private StepRecord Add(Person p, int level, DateOnly on, string rationale, StepSource source, int? previous, DateTimeOffset now)
    {
        var record = new StepRecord
        {
            Id = Guid.NewGuid(), PersonId = p.Id, Level = level, PreviousLevel = previous, EffectiveOn = on, Rationale = rationale,
            DecidedBy = source == StepSource.Import ? "Spreadsheet import" : "Demo HR", Source = source, RecordedAt = now,
            FrameworkVersion = source == StepSource.Import ? null : "1.0.0",
        };
        db.StepRecords.Add(record);
        return record;
    }

    /// <summary>Bands in the two locations with most people; salaries spread around the midpoint, a few outside the band.</summary>
    private void SeedPay(List<Person> employed, Dictionary<Guid, int> levels, DateOnly today, DateTimeOffset now)
    {
        var locations = employed.Where(p => p.Location != "").GroupBy(p => p.Location).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Take(2).Select(g => g.Key).ToList();
        foreach (var location in locations)
        {
            var (currency, basis) = Currencies.GetValueOrDefault(location, ("EUR", 52_000));
            for (var level = StepLevels.Min; level <= StepLevels.Max; level++)
            {
                // Each step's midpoint is 30% above the one below, and bands span ±20%: adjacent steps overlap, visibly.
                var mid = Round(basis * (decimal)Math.Pow(1.3, level - 1));
                db.SalaryBands.Add(new SalaryBand { Id = Guid.NewGuid(), Level = level, Location = location, Currency = currency, Min = Round(mid * 0.8m), Mid = mid, Max = Round(mid * 1.2m) });
            }
            foreach (var p in employed.Where(p => p.Location == location && levels.ContainsKey(p.Id)))
            {
                var mid = Round(basis * (decimal)Math.Pow(1.3, levels[p.Id] - 1));
                var factor = 0.76m + Hash(p.Email + "pay") % 50 / 100m;
                db.SalaryRecords.Add(new SalaryRecord
                {
                    Id = Guid.NewGuid(), PersonId = p.Id, Amount = Round(mid * factor), Currency = currency,
                    EffectiveOn = Max(today.AddDays(-365), p.EmploymentStart), RecordedAt = now,
                });
            }
        }
    }

    /// <summary>A baseline (closed) and a follow-up (open) of the default items; demo accounts have not answered, so they can.</summary>
    private async Task SeedSurveyAsync(List<Person> employed, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var survey = new Survey
        {
            Id = Guid.NewGuid(), Title = "Growth pulse", Description = "Five questions on expectations, feedback and development.", Opened = true, CreatedAt = now,
            Items = SurveyRules.DefaultItems.Select(t => new SurveyItem(Guid.NewGuid(), t)).ToList(),
        };
        db.Surveys.Add(survey);
        var baseline = new SurveyRound { Id = Guid.NewGuid(), SurveyId = survey.Id, Number = 1, Name = "Baseline", OpenedOn = today.AddDays(-100), ClosedOn = today.AddDays(-86) };
        var followUp = new SurveyRound { Id = Guid.NewGuid(), SurveyId = survey.Id, Number = 2, Name = "Follow-up 1", OpenedOn = today.AddDays(-5) };
        db.SurveyRounds.AddRange(baseline, followUp);

        var accounts = (await db.Users.AsNoTracking().Where(u => u.PersonId != null).Select(u => u.PersonId!.Value).ToListAsync(ct)).ToHashSet();
        var teams = await db.Memberships.AsNoTracking().ActiveOn(today)
            .Join(db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Squad || u.Kind == UnitKind.JourneyTeam), m => m.UnitId, u => u.Id,
                (m, u) => new { m.PersonId, u.Id, u.Key })
            .ToListAsync(ct);
        var teamOf = teams.GroupBy(t => t.PersonId).ToDictionary(g => g.Key, g => g.OrderBy(t => t.Key).First());
        // One squad barely answers: its two answers are counted but never shown.
        var sparse = teams.Select(t => t.Key).Distinct().Order(StringComparer.Ordinal).FirstOrDefault();
        int[] baselineFavourable = [45, 55, 50, 60, 65];
        int[] followUpFavourable = [62, 50, 58, 63, 70];
        foreach (var (round, favourable, share) in new[] { (baseline, baselineFavourable, 75), (followUp, followUpFavourable, 60) })
        {
            var sparseCount = 0;
            foreach (var p in employed.Where(p => teamOf.ContainsKey(p.Id) && !accounts.Contains(p.Id)))
            {
                var team = teamOf[p.Id];
                if (team.Key == sparse && ++sparseCount > 2) continue;
                if (team.Key != sparse && Hash(p.Email + round.Name) % 100 >= share) continue;
                db.SurveyParticipations.Add(new SurveyParticipation { RoundId = round.Id, PersonId = p.Id });
                for (var i = 0; i < survey.Items.Count; i++)
                {
                    var draw = Hash($"{p.Email}{round.Name}{i}") % 100;
                    var value = draw < favourable[i] ? 4 + draw % 2 : 1 + draw % 3;
                    db.SurveyAnswers.Add(new SurveyAnswer { Id = Guid.NewGuid(), RoundId = round.Id, UnitId = team.Id, ItemId = survey.Items[i].Id, Value = value });
                }
                if (Hash(p.Email + round.Name + "comment") % 100 < 15)
                    db.SurveyComments.Add(new SurveyComment { Id = Guid.NewGuid(), RoundId = round.Id, UnitId = team.Id, Text = Comments[Hash(p.Email) % Comments.Length] });
            }
        }
    }

    /// <summary>About 32% at step 1, 38% at 2, 20% at 3 and 10% at 4: top-heavy against the default target, so reports show a deviation.</summary>
    private static int LevelOf(string email) => (Hash(email) % 100) switch
    {
        < 32 => 1,
        < 70 => 2,
        < 90 => 3,
        _ => 4,
    };

    /// <summary>FNV-1a: stable across runs, unlike string.GetHashCode.</summary>
    private static int Hash(string s)
    {
        var h = 2166136261u;
        foreach (var c in s) h = (h ^ c) * 16777619u;
        return (int)(h % int.MaxValue);
    }

    private static decimal Round(decimal d) => Math.Round(d / 100) * 100;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
