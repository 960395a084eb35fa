using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Organization;

namespace Stepwise.Careers.Steps;

/// <summary>
/// Keeps <see cref="LatestStep"/> in step with the history. <see cref="StepwiseDb"/> calls it at the start of every
/// save, so every path that writes step records (recording, promotions, closing, CSV imports, cycle finalization, demo
/// seeding, tests) updates the row in the same transaction without having to remember to. New records are compared
/// with the stored row; a record changed or deleted makes the person's row be worked out again from their history.
/// Rows written around the change tracker (bulk inserts, raw SQL) need <see cref="RebuildAllAsync"/>.
/// </summary>
public static class LatestStepKeeper
{
    /// <summary>Every person's latest decision from the history, in SQL both providers run (the migration backfills with the same statement).</summary>
    public const string RebuildSql = """
        DELETE FROM "LatestSteps";
        INSERT INTO "LatestSteps" ("PersonId", "StepRecordId", "Level", "EffectiveOn", "RecordedAt", "EndedOn")
        SELECT "PersonId", "Id", "Level", "EffectiveOn", "RecordedAt", "EndedOn"
        FROM (SELECT "PersonId", "Id", "Level", "EffectiveOn", "RecordedAt", "EndedOn",
                     ROW_NUMBER() OVER (PARTITION BY "PersonId" ORDER BY "EffectiveOn" DESC, "RecordedAt" DESC) AS "Latest"
              FROM "StepRecords") AS "Ranked"
        WHERE "Latest" = 1;
        """;

    public static async Task RebuildAllAsync(StepwiseDb db, CancellationToken ct) => await db.Database.ExecuteSqlRawAsync(RebuildSql, ct);

    public static void Refresh(StepwiseDb db)
    {
        if (Collect(db) is not { } changes) return;
        var rows = db.LatestSteps.Where(l => changes.People.Contains(l.PersonId)).ToList();
        var history = changes.Rebuild.Count == 0 ? [] : db.StepRecords.AsNoTracking().Where(r => changes.Rebuild.Contains(r.PersonId)).ToList();
        Apply(db, changes, rows, history);
    }

    public static async Task RefreshAsync(StepwiseDb db, CancellationToken ct)
    {
        if (Collect(db) is not { } changes) return;
        var rows = await db.LatestSteps.Where(l => changes.People.Contains(l.PersonId)).ToListAsync(ct);
        var history = changes.Rebuild.Count == 0 ? [] : await db.StepRecords.AsNoTracking().Where(r => changes.Rebuild.Contains(r.PersonId)).ToListAsync(ct);
        Apply(db, changes, rows, history);
    }

    private sealed record Changes(List<Guid> People, List<Guid> Rebuild, ILookup<Guid, StepRecord> Added, Dictionary<Guid, StepRecord> Modified,
        HashSet<Guid> Deleted, HashSet<Guid> PeopleDeleted);

    private static Changes? Collect(StepwiseDb db)
    {
        var entries = db.ChangeTracker.Entries<StepRecord>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (entries.Count == 0) return null;
        var modified = entries.Where(e => e.State == EntityState.Modified).ToDictionary(e => e.Entity.Id, e => e.Entity);
        var deleted = entries.Where(e => e.State == EntityState.Deleted).Select(e => e.Entity.Id).ToHashSet();
        return new Changes(
            entries.Select(e => e.Entity.PersonId).Distinct().ToList(),
            entries.Where(e => e.State != EntityState.Added).Select(e => e.Entity.PersonId).Distinct().ToList(),
            entries.Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToLookup(r => r.PersonId),
            modified, deleted,
            db.ChangeTracker.Entries<Person>().Where(e => e.State == EntityState.Deleted).Select(e => e.Entity.Id).ToHashSet());
    }

    private static void Apply(StepwiseDb db, Changes changes, List<LatestStep> rows, List<StepRecord> history)
    {
        var byPerson = rows.ToDictionary(r => r.PersonId);
        var rebuild = changes.Rebuild.ToHashSet();
        var stored = history.Where(r => !changes.Deleted.Contains(r.Id)).Select(r => changes.Modified.GetValueOrDefault(r.Id, r)).ToLookup(r => r.PersonId);
        foreach (var person in changes.People)
        {
            if (changes.PeopleDeleted.Contains(person)) continue; // the row goes with the person (cascade)
            var row = byPerson.GetValueOrDefault(person);
            // Candidates oldest source first, so that on an exact tie (same date, same instant) the newer write wins.
            var candidates = rebuild.Contains(person) ? stored[person].Concat(changes.Added[person]) : changes.Added[person];
            LatestStep? latest = rebuild.Contains(person) ? null : row;
            StepRecord? best = null;
            foreach (var record in candidates)
            {
                if (best is null ? latest is not null && !latest.IsBefore(record) : !Later(record, best)) continue;
                best = record;
            }
            if (best is null)
            {
                if (rebuild.Contains(person) && row is not null) db.LatestSteps.Remove(row);
                continue;
            }
            if (row is null) db.LatestSteps.Add(row = new LatestStep { PersonId = person });
            row.Take(best);
        }
    }

    private static bool Later(StepRecord record, StepRecord than) =>
        record.EffectiveOn > than.EffectiveOn || (record.EffectiveOn == than.EffectiveOn && record.RecordedAt >= than.RecordedAt);
}
