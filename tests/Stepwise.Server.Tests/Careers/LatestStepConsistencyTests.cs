using System.Globalization;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stepwise.Careers.Reports;
using Stepwise.Careers.Steps;
using Stepwise.Data;
using Stepwise.Identity;
using Stepwise.Server.Tests.Infrastructure;
using Xunit;

namespace Stepwise.Server.Tests.Careers;

/// <summary>
/// Property-style: a seeded random sequence of step-record writes through every path (recording, promotions, closing,
/// CSV imports, the trusted path cycle finalization uses, and writes straight through the DbContext: back-dated
/// corrections, deletions, reopening) must leave each person's <see cref="LatestStep"/> row equal to the latest decision
/// worked out from the history, and the "step on a date" query equal to the history's answer for today, a past date and a
/// future one. The rebuild the migration runs must agree as well.
/// </summary>
public abstract class LatestStepConsistencyTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private StepwiseApp App => database.App;

    private static DateOnly Today => DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);

    private sealed record Hire(Guid Id, string Email, DateOnly Start, DateOnly? End);

    [Theory]
    [InlineData(20261124)]
    [InlineData(7)]
    public async Task LatestStep_MatchesTheHistory_AfterRandomWritesThroughEveryPath(int seed)
    {
        var random = new Random(seed);
        var admin = await App.AdminAsync();
        var hr = await App.ClientForAsync($"hr-{seed}-{Guid.NewGuid():N}@test.example", null, Roles.HR);
        var people = new List<Hire>();
        for (var i = 0; i < 6; i++)
        {
            var email = $"latest-{seed}-{i}-{Guid.NewGuid():N}@test.example";
            var start = Today.AddDays(-random.Next(800, 2500));
            var id = (await admin.PostOkAsync("/api/people", new
            {
                email, name = $"Latest {seed} {i}", title = "Engineer", discipline = "backend", location = "Oslo",
                track = "individualContributor", employmentStart = Day(start),
            })).Id();
            DateOnly? end = null;
            if (i == 0)
            {
                end = Today.AddDays(-random.Next(30, 300));
                await admin.PostOkAsync($"/api/people/{id}/leave", new { effectiveOn = Day(end.Value) });
            }
            people.Add(new Hire(id, email, start, end));
        }

        for (var step = 0; step < 60; step++)
        {
            var who = people[random.Next(people.Count)];
            var latest = await LatestRecordAsync(who.Id);
            var from = latest?.EffectiveOn ?? who.Start;
            // Mostly later than the latest decision, sometimes the same day (a correction), earlier (refused), or ahead of today.
            var on = from.AddDays(random.Next(5) switch { 0 => 0, 1 => -random.Next(1, 200), 2 => random.Next(1, 400) + 400, _ => random.Next(1, 300) });
            if (on < who.Start) on = who.Start;
            var level = random.Next(1, 5);
            switch (random.Next(9))
            {
                case 0 or 1:
                    await hr.PostAsJsonAsync($"/api/careers/steps/people/{who.Id}", new { level, effectiveOn = Day(on), rationale = "Random write." });
                    break;
                case 2:
                    await hr.PostAsJsonAsync($"/api/careers/steps/people/{who.Id}/promote", new { effectiveOn = Day(on), rationale = "Random promotion." });
                    break;
                case 3:
                    await hr.PostAsJsonAsync($"/api/careers/steps/people/{who.Id}/close",
                        who.End is null ? new { endedOn = (string?)Day(from.AddDays(random.Next(0, 60))) } : new { endedOn = (string?)null });
                    break;
                case 4:
                    // A CSV import: a few rows for a few people, oldest first per person as the import requires.
                    var rows = Enumerable.Range(0, random.Next(1, 5)).Select(_ => people[random.Next(people.Count)]).ToList();
                    var dates = new Dictionary<Guid, DateOnly>();
                    var csv = "email,level,effective_on,rationale\n";
                    foreach (var row in rows)
                    {
                        var after = dates.TryGetValue(row.Id, out var d) ? d : (await LatestRecordAsync(row.Id))?.EffectiveOn ?? row.Start;
                        dates[row.Id] = after.AddDays(random.Next(0, 200));
                        csv += $"{row.Email},{random.Next(1, 5)},{Day(dates[row.Id])},Imported\n";
                    }
                    await hr.PostAsJsonAsync("/api/careers/steps/import", new { steps = csv });
                    break;
                case 5:
                    // The trusted path assessment cycles finalize through.
                    await using (var scope = App.Services.CreateAsyncScope())
                        await scope.ServiceProvider.GetRequiredService<StepRecordService>().RecordAsync(
                            new StepDecision(who.Id, level, on, "Cycle decision.", StepSource.Cycle, "Test"), default);
                    break;
                case 6:
                    // A back-dated correction written straight through the context (no service check): it must not become the latest.
                    await WriteAsync(db => db.StepRecords.Add(new StepRecord
                    {
                        Id = Guid.NewGuid(), PersonId = who.Id, Level = level, EffectiveOn = from.AddDays(-random.Next(0, 100)), Rationale = "Back-dated.",
                        DecidedBy = "Test", Source = StepSource.Manual, RecordedAt = TimeProvider.System.GetUtcNow(),
                    }));
                    break;
                case 7 when latest is not null:
                    // Removing the latest record: the row falls back to the one before (or goes).
                    await WriteAsync(db => db.StepRecords.Remove(db.StepRecords.Single(r => r.Id == latest.Id)));
                    break;
                case 8 when latest is { EndedOn: not null }:
                    await WriteAsync(db => db.StepRecords.Single(r => r.Id == latest.Id).EndedOn = null);
                    break;
            }
            await AssertRowsMatchHistoryAsync();
        }

        // The sequence did write through the main paths (a refused write changes nothing, which is checked too).
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var ids = people.Select(p => p.Id).ToList();
            var sources = await scope.ServiceProvider.GetRequiredService<StepwiseDb>().StepRecords.Where(r => ids.Contains(r.PersonId)).Select(r => r.Source).Distinct().ToListAsync();
            Assert.Superset(new HashSet<StepSource> { StepSource.Manual, StepSource.Import, StepSource.Cycle }, sources.ToHashSet());
        }

        await AssertStepOnMatchesHistoryAsync(Today);
        await AssertStepOnMatchesHistoryAsync(Today.AddDays(-random.Next(100, 900)));
        await AssertStepOnMatchesHistoryAsync(Today.AddDays(random.Next(100, 400)));

        // The migration's backfill (the same statement) gives the same rows.
        var before = await RowsAsync();
        await using (var scope = App.Services.CreateAsyncScope())
            await LatestStepKeeper.RebuildAllAsync(scope.ServiceProvider.GetRequiredService<StepwiseDb>(), default);
        Assert.Equal(before, await RowsAsync());
    }

    [Fact]
    public async Task Leaver_WithASameDayCorrectionThatIsClosed_NoLongerHoldsAStep()
    {
        var admin = await App.AdminAsync();
        var hr = await App.ClientForAsync($"hr-{Guid.NewGuid():N}@test.example", null, Roles.HR);
        var id = (await admin.PostOkAsync("/api/people", new
        {
            email = $"corrected-{Guid.NewGuid():N}@test.example", name = "Corrected", title = "Engineer", discipline = "backend", location = "Oslo",
            track = "individualContributor", employmentStart = "2022-01-03",
        })).Id();
        await hr.PostOkAsync($"/api/careers/steps/people/{id}", new { level = 1, effectiveOn = "2023-01-02", rationale = "First." });
        await hr.PostOkAsync($"/api/careers/steps/people/{id}", new { level = 2, effectiveOn = "2023-01-02", rationale = "Corrected the same day." });
        await admin.PostOkAsync($"/api/people/{id}/leave", new { effectiveOn = "2024-01-02" });

        async Task<bool> HoldsAsync() => (await (await hr.GetAsync("/api/careers/steps/data-quality?limit=5000")).JsonAsync())["groups"]!.AsArray()
            .Single(g => g!["kind"]!.GetValue<string>() == "leaverHoldsStep")!["items"]!.AsArray().Any(i => i!["personId"]!.GetValue<Guid>() == id);
        Assert.True(await HoldsAsync());
        await hr.PostOkAsync($"/api/careers/steps/people/{id}/close", new { });
        // The first record of that day stays open, but the latest decision is closed, as the person's page and closing see it.
        Assert.False(await HoldsAsync());
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task WriteAsync(Action<StepwiseDb> write)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
        write(db);
        await db.SaveChangesAsync();
    }

    private async Task<StepRecord?> LatestRecordAsync(Guid person)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
        return (await db.StepRecords.AsNoTracking().Where(r => r.PersonId == person).ToListAsync())
            .OrderBy(r => r.EffectiveOn).ThenBy(r => r.RecordedAt).LastOrDefault();
    }

    private async Task<List<(Guid, Guid, int, DateOnly, DateTimeOffset, DateOnly?)>> RowsAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
        return [.. (await db.LatestSteps.AsNoTracking().ToListAsync()).OrderBy(r => r.PersonId)
            .Select(r => (r.PersonId, r.StepRecordId, r.Level, r.EffectiveOn, r.RecordedAt, r.EndedOn))];
    }

    private async Task AssertRowsMatchHistoryAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
        var history = (await db.StepRecords.AsNoTracking().ToListAsync()).GroupBy(r => r.PersonId)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.EffectiveOn).ThenBy(r => r.RecordedAt).ToList());
        var rows = await db.LatestSteps.AsNoTracking().ToDictionaryAsync(r => r.PersonId);
        Assert.Equal(history.Keys.Order(), rows.Keys.Order());
        foreach (var (person, records) in history)
        {
            var row = rows[person];
            var expected = records[^1];
            // On an exact tie (same day, same instant) either record is the latest; the row must be one of them, copied faithfully.
            var held = records.Single(r => r.Id == row.StepRecordId);
            Assert.Equal((expected.EffectiveOn, expected.RecordedAt), (held.EffectiveOn, held.RecordedAt));
            Assert.Equal((held.Level, held.EffectiveOn, held.RecordedAt, held.EndedOn), (row.Level, row.EffectiveOn, row.RecordedAt, row.EndedOn));
        }
    }

    /// <summary>The report's "step on a date" against the definition worked out in memory from every record.</summary>
    private async Task AssertStepOnMatchesHistoryAsync(DateOnly date)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
        var employed = await StepQueries.Employed(db, date).Select(p => p.Id).ToListAsync();
        var records = await db.StepRecords.AsNoTracking().Where(r => r.EffectiveOn <= date).ToListAsync();
        var expected = records.Where(r => employed.Contains(r.PersonId)).GroupBy(r => r.PersonId)
            .Select(g => g.OrderBy(r => r.EffectiveOn).ThenBy(r => r.RecordedAt).Last())
            .Where(r => r.EndedOn is null || r.EndedOn > date)
            .Select(r => (r.PersonId, r.Level, r.EffectiveOn)).OrderBy(x => x.PersonId).ToList();
        var actual = (await StepQueries.On(db, date).ToListAsync()).Select(s => (s.PersonId, s.Level, s.EffectiveOn)).OrderBy(x => x.PersonId).ToList();
        Assert.Equal(expected, actual);
    }
}

public sealed class LatestStepConsistencyTests_Sqlite(SqliteDatabase database) : LatestStepConsistencyTests<SqliteDatabase>(database);

public sealed class LatestStepConsistencyTests_Postgres(PostgresDatabase database) : LatestStepConsistencyTests<PostgresDatabase>(database);
