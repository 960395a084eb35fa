using Microsoft.EntityFrameworkCore;
using Stepwise.Careers.Framework;
using Stepwise.Careers.Steps;
using Stepwise.Data;

namespace Stepwise.Careers.Cycles.Demo;

/// <summary>
/// Seeds two cycles for the demo organization, once: last autumn's, finished, whose step records the career-records demo
/// already wrote; and one in progress with people at every stage, a lenient manager and people past the self-assessment
/// deadline. Runs after the framework and step-record demos.
/// </summary>
public sealed class DemoCycles(StepwiseDb db, FrameworkCatalog frameworks, TimeProvider time)
{
    private static readonly string[] Evidence =
    [
        "Regularly takes the lead when the work needs someone to pull it together.",
        "Helps others in the squad get unstuck and explains the why behind choices.",
        "Plans work so that the team can ship in small, safe steps.",
        "Asks for feedback and changes how they work because of it.",
        "Goes deep in their discipline and shares what they learn with the chapter.",
    ];

    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.AssessmentCycles.AnyAsync(ct) || !await db.People.AnyAsync(ct)) return;
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var framework = DefaultFramework.Value;
        var version = (await frameworks.ListAsync(ct)).FirstOrDefault(f => f.Key == CareerFramework.DefaultKey)?.LatestVersion ?? "1.0.0";
        var characteristics = framework.Characteristics.Select(c => new CycleCharacteristic(c.Id, c.Name)).ToList();
        var steps = framework.Steps.Count;

        await SeedFinishedAsync(today, now, version, characteristics, steps, ct);
        await SeedInProgressAsync(today, now, version, characteristics, steps, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The autumn cycle: every decision the step-record demo dated 30 days ago with source Cycle came out of it.</summary>
    private async Task SeedFinishedAsync(DateOnly today, DateTimeOffset now, string version, List<CycleCharacteristic> characteristics, int steps, CancellationToken ct)
    {
        var decided = today.AddDays(-30);
        var cycle = New("Autumn cycle", version, characteristics, steps, decided.AddDays(-60), now.AddDays(-95));
        (cycle.State, cycle.ClosedAt) = (CycleState.Closed, now.AddDays(-30));
        var records = await db.StepRecords.AsNoTracking().Where(r => r.Source == StepSource.Cycle && r.EffectiveOn == decided).ToListAsync(ct);
        if (records.Count == 0) return;
        db.AssessmentCycles.Add(cycle);
        var population = (await CyclePopulation.BuildAsync(db, cycle.Id, null, decided.AddDays(-60), ct)).ToDictionary(p => p.PersonId);
        foreach (var record in records)
        {
            if (!population.TryGetValue(record.PersonId, out var built)) continue;
            var p = Participant(built, record.PreviousLevel);
            var level = record.Level;
            (p.SelfLevel, p.ManagerLevel, p.AgreedLevel, p.ProposedLevel) = (level, level, level, level);
            p.Stage = ParticipantStage.Finalized;
            (p.SelfSubmittedAt, p.ManagerSubmittedAt, p.DiscussedAt, p.CalibratedAt, p.FinalizedAt) =
                (now.AddDays(-85), now.AddDays(-75), now.AddDays(-70), now.AddDays(-50), now.AddDays(-30));
            if (level >= cycle.LeadershipReviewFrom) p.LeadershipReviewedAt = now.AddDays(-40);
            p.StepRecordId = record.Id;
            db.CycleParticipants.Add(p);
            AddEntries(p, characteristics, level, level, now.AddDays(-85));
        }
    }

    private async Task SeedInProgressAsync(DateOnly today, DateTimeOffset now, string version, List<CycleCharacteristic> characteristics, int steps, CancellationToken ct)
    {
        var cycle = New("Spring cycle", version, characteristics, steps, today.AddDays(-6), now.AddDays(-20));
        db.AssessmentCycles.Add(cycle);
        var participants = await CyclePopulation.BuildAsync(db, cycle.Id, null, today, ct);
        // The lenient manager: the one with the most reports proposes two steps above where people are.
        var lenient = participants.Where(p => p.ManagerId is not null).GroupBy(p => p.ManagerId).OrderByDescending(g => g.Count()).First().Key;
        var stages = Enum.GetValues<ParticipantStage>();
        var latest = (await db.StepRecords.AsNoTracking().Select(r => new { r.PersonId, r.EffectiveOn }).ToListAsync(ct))
            .GroupBy(r => r.PersonId).ToDictionary(g => g.Key, g => g.Max(r => r.EffectiveOn));
        for (var i = 0; i < participants.Count; i++)
        {
            var p = participants[i];
            var current = p.CurrentLevel ?? 1;
            var self = Math.Min(steps, current + (i % 3 == 0 ? 1 : 0));
            var manager = p.ManagerId == lenient ? Math.Min(steps, current + 2) : Math.Min(steps, current + (i % 4 == 0 ? 1 : 0));
            // Spread people over the stages; a third never started, so the overdue list is long enough to matter.
            var stage = i % 3 == 0 ? ParticipantStage.NotStarted : stages[i % stages.Length];
            if (stage == ParticipantStage.LeadershipReviewed && manager < cycle.LeadershipReviewFrom) stage = ParticipantStage.Calibrated;
            if (stage == ParticipantStage.Finalized && latest.TryGetValue(p.PersonId, out var last) && last > today) stage = ParticipantStage.Calibrated;
            Advance(p, stage, self, manager, now);
            if (stage == ParticipantStage.Finalized)
            {
                var record = new StepRecord
                {
                    Id = Guid.NewGuid(), PersonId = p.PersonId, Level = manager, PreviousLevel = p.CurrentLevel, FrameworkVersion = version, EffectiveOn = today,
                    Rationale = $"Spring cycle (framework {version}): self-assessed at step {self}, manager proposed step {manager}; agreed and calibrated.",
                    DecidedBy = "HR", Source = StepSource.Cycle, RecordedAt = now,
                };
                db.StepRecords.Add(record);
                p.StepRecordId = record.Id;
            }
            db.CycleParticipants.Add(p);
            if (p.SelfSubmittedAt is not null) AddEntries(p, characteristics, self, null, p.SelfSubmittedAt.Value);
            if (p.ManagerSubmittedAt is not null) AddEntries(p, characteristics, null, manager, p.ManagerSubmittedAt.Value);
        }
    }

    private void Advance(CycleParticipant p, ParticipantStage stage, int self, int manager, DateTimeOffset now)
    {
        p.Stage = stage;
        if (stage == ParticipantStage.NotStarted) return;
        (p.SelfLevel, p.SelfSubmittedAt) = (self, now.AddDays(-12));
        if (stage == ParticipantStage.SelfSubmitted) return;
        (p.ManagerLevel, p.ProposedLevel, p.ManagerSubmittedAt) = (manager, manager, now.AddDays(-8));
        if (stage == ParticipantStage.ManagerSubmitted) return;
        (p.AgreedLevel, p.DiscussedAt, p.DiscussionNote) = (manager, now.AddDays(-5), "Went through each characteristic together and settled on the manager's view.");
        db.CycleAdjustments.Add(new CycleAdjustment
        {
            Id = Guid.NewGuid(), CycleId = p.CycleId, ParticipantId = p.Id, Stage = AdjustmentStage.Discussion, FromLevel = manager, ToLevel = manager,
            Reason = p.DiscussionNote, By = "Manager", At = now.AddDays(-5),
        });
        if (stage == ParticipantStage.Discussed) return;
        p.CalibratedAt = now.AddDays(-2);
        if (stage >= ParticipantStage.LeadershipReviewed && manager >= 3) p.LeadershipReviewedAt = now.AddDays(-1);
        if (stage == ParticipantStage.Finalized) p.FinalizedAt = now;
    }

    private void AddEntries(CycleParticipant p, List<CycleCharacteristic> characteristics, int? self, int? manager, DateTimeOffset at)
    {
        foreach (var (kind, level) in new[] { (AssessmentKind.Self, self), (AssessmentKind.Manager, manager) })
        {
            if (level is not { } l) continue;
            db.AssessmentEntries.Add(new AssessmentEntry
            {
                Id = Guid.NewGuid(), ParticipantId = p.Id, Kind = kind, Revision = 1, OverallStep = l, SubmittedBy = kind == AssessmentKind.Self ? "Self" : "Manager",
                SubmittedByPersonId = kind == AssessmentKind.Self ? p.PersonId : p.ManagerId, SubmittedAt = at,
                Ratings = [.. characteristics.Select((c, i) => new CharacteristicRating(c.Id, Math.Max(1, l - (i == 3 ? 1 : 0)), Evidence[i % Evidence.Length]))],
            });
        }
    }

    private static CycleParticipant Participant(CycleParticipant built, int? currentLevel) => new()
    {
        Id = built.Id, CycleId = built.CycleId, PersonId = built.PersonId, ManagerId = built.ManagerId, TribeId = built.TribeId, TeamId = built.TeamId,
        Discipline = built.Discipline, CurrentLevel = currentLevel,
    };

    private static AssessmentCycle New(string name, string version, List<CycleCharacteristic> characteristics, int steps, DateOnly selfDue, DateTimeOffset openedAt) => new()
    {
        Id = Guid.NewGuid(), Name = name, FrameworkKey = CareerFramework.DefaultKey, FrameworkVersion = version, StepCount = steps, Characteristics = characteristics,
        SelfDue = selfDue, ManagerDue = selfDue.AddDays(10), CalibrationDue = selfDue.AddDays(16), FunctionalSyncDue = selfDue.AddDays(20),
        LeadershipReviewDue = selfDue.AddDays(26), FinalizeDue = selfDue.AddDays(36), State = CycleState.Open, OpenedAt = openedAt, OpenedBy = "HR",
    };
}
