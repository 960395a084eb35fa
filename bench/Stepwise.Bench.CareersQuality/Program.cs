// Times the step data-quality report and the step distribution report (whole organization and by tribe) over a large
// organization with years of history: by default 20,000 people (about 10% of them gone) in 20 tribes of 8 squads,
// 5 years of transitions (hires, team moves, manager and discipline changes, leaves), squad memberships that move, and
// about one step decision per person per year. The rows are bulk-inserted into a fresh database; each report is then
// computed RUNS times (after one warm-up) and p50/p95/max are printed.
// Run: dotnet run -c Release --project bench/Stepwise.Bench.CareersQuality [-- PEOPLE] [--postgres CONNECTION-STRING] [--keep PATH]
// env: RUNS (30), WARMUP (1), PROFILE=1 (each SQL command's time, PROFILE_SQL=1 with its text), PLAN=FILE (SQLite query plans).
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using System.Security.Claims;
using Stepwise.Careers.Distribution;
using Stepwise.Careers.Reports;
using Stepwise.Careers.Steps;
using Stepwise.Data;
using Stepwise.Data.Bulk;
using Stepwise.Organization;

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var postgres = Option("--postgres");
var count = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).DefaultIfEmpty(20_000).First();
var runs = int.Parse(Environment.GetEnvironmentVariable("RUNS") ?? "30", CultureInfo.InvariantCulture);
// Untimed runs first: 1 warms EF's query cache (the figures in bench/README.md); more (e.g. WARMUP=40) also let the JIT
// finish optimizing the code, as on a server that has been answering for a while.
var warmup = int.Parse(Environment.GetEnvironmentVariable("WARMUP") ?? "1", CultureInfo.InvariantCulture);
// --keep PATH: build the SQLite database at PATH and leave it there, to look at query plans afterwards.
var keep = Option("--keep");
var path = keep ?? Path.Combine(Path.GetTempPath(), $"stepwise-bench-quality-{Guid.NewGuid():N}.db");
// --keep on an existing file reuses the database built by an earlier run (same seed and day, so the same rows);
// decided before migrating, which creates the file.
var reuse = keep is not null && File.Exists(keep);
var database = postgres is null
    ? new DatabaseOptions { ConnectionString = $"Data Source={path}" }
    : new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = postgres };
var options = new DbContextOptionsBuilder<StepwiseDb>();
DataServiceCollectionExtensions.Configure(options, database);
await using (var db = new StepwiseDb(options.Options)) await DatabaseMigrator.MigrateAsync(db);
Console.WriteLine($"database: {database.Provider}");

var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
var random = new Random(20261123);
var units = new List<OrgUnit> { new() { Id = Guid.NewGuid(), Key = "company", Name = "Company", Kind = UnitKind.Company } };
for (var t = 0; t < 20; t++)
{
    var tribe = new OrgUnit { Id = Guid.NewGuid(), Key = $"tribe-{t}", Name = $"Tribe {t:D2}", Kind = UnitKind.Tribe, ParentId = units[0].Id };
    units.Add(tribe);
    for (var q = 0; q < 8; q++) units.Add(new OrgUnit { Id = Guid.NewGuid(), Key = $"squad-{t}-{q}", Name = $"Squad {t:D2}.{q}", Kind = UnitKind.Squad, ParentId = tribe.Id });
}
var squads = units.Where(u => u.Kind == UnitKind.Squad).ToList();
var memberships = new List<Membership>();
string[] disciplines = ["backend", "frontend", "mobile", "data", "design", "quality", "platform"];
string[] locations = ["Oslo", "Stockholm", "London", "Berlin", "Lisbon"];
var people = new List<Person>();
var transitions = new List<Transition>();
var steps = new List<StepRecord>();
var now = TimeProvider.System.GetUtcNow();
TransitionKind[] moves = [TransitionKind.JoinedUnit, TransitionKind.ManagerChanged, TransitionKind.DisciplineChanged, TransitionKind.TitleChanged];
for (var i = 0; i < count; i++)
{
    var start = today.AddDays(-random.Next(30, 365 * 6));
    DateOnly? end = random.Next(10) == 0 ? start.AddDays(random.Next(60, Math.Max(61, today.DayNumber - start.DayNumber))) : null;
    if (end > today) end = null;
    var person = new Person { Id = Guid.NewGuid(), Email = $"p{i}@bench.example", Name = $"Person {i:D5}", EmploymentStart = start, EmploymentEnd = end,
        Location = locations[random.Next(locations.Length)], Discipline = disciplines[random.Next(disciplines.Length)] };
    people.Add(person);
    var last = end ?? today;
    // A squad from the start; half the people move to another squad (often in another tribe) once.
    DateOnly? move = random.Next(2) == 0 && last.DayNumber - start.DayNumber > 2 ? start.AddDays(random.Next(1, last.DayNumber - start.DayNumber)) : null;
    memberships.Add(new Membership { Id = Guid.NewGuid(), PersonId = person.Id, UnitId = squads[random.Next(squads.Count)].Id, From = start, To = move ?? end });
    if (move is { } moved) memberships.Add(new Membership { Id = Guid.NewGuid(), PersonId = person.Id, UnitId = squads[random.Next(squads.Count)].Id, From = moved, To = end });
    transitions.Add(new Transition { Id = Guid.NewGuid(), PersonId = person.Id, Kind = TransitionKind.Hired, EffectiveOn = start, RecordedAt = now });
    transitions.Add(new Transition { Id = Guid.NewGuid(), PersonId = person.Id, Kind = TransitionKind.JoinedUnit, EffectiveOn = start, RecordedAt = now });
    var span = last.DayNumber - start.DayNumber;
    for (var m = random.Next(2, 9); m > 0 && span > 1; m--)
        transitions.Add(new Transition { Id = Guid.NewGuid(), PersonId = person.Id, Kind = moves[random.Next(moves.Length)], EffectiveOn = start.AddDays(random.Next(1, span)), RecordedAt = now });
    if (end is { } e) transitions.Add(new Transition { Id = Guid.NewGuid(), PersonId = person.Id, Kind = TransitionKind.Left, EffectiveOn = e, RecordedAt = now });
    if (random.Next(20) == 0) continue; // never assigned
    int? previous = null;
    for (var on = start.AddDays(random.Next(30, 120)); on < last; on = on.AddDays(365))
    {
        var level = Math.Min(4, (previous ?? 0) + (random.Next(3) == 0 || previous is null ? 1 : 0));
        steps.Add(new StepRecord
        {
            Id = Guid.NewGuid(), PersonId = person.Id, Level = level, PreviousLevel = previous, EffectiveOn = on, Rationale = "Yearly cycle.",
            DecidedBy = "bench", Source = StepSource.Cycle, RecordedAt = now, EndedOn = end is not null && random.Next(3) > 0 && on.AddDays(365) >= last ? end : null,
        });
        previous = level;
    }
}
var clock = Stopwatch.StartNew();
if (!reuse)
await using (var db = new StepwiseDb(options.Options))
{
    await using var transaction = await db.Database.BeginTransactionAsync();
    await db.BulkInsertAsync(units, default);
    await db.BulkInsertAsync(people, default);
    await db.BulkInsertAsync(memberships, default);
    await db.BulkInsertAsync(transitions, default);
    await db.BulkInsertAsync(steps, default);
    // Bulk inserts bypass the change tracker, so each person's latest step is worked out as the migration backfills it.
    await LatestStepKeeper.RebuildAllAsync(db, default);
    await transaction.CommitAsync();
}
// A running PostgreSQL server has table statistics (autovacuum analyzes a table soon after a bulk load); a bench that
// queries straight after loading would otherwise time plans made without them.
if (postgres is not null)
    await using (var db = new StepwiseDb(options.Options)) await db.Database.ExecuteSqlRawAsync("ANALYZE");
Console.WriteLine(reuse ? $"rows: reused {keep}" : $"rows: {people.Count:N0} people, {memberships.Count:N0} memberships, {transitions.Count:N0} transitions, {steps.Count:N0} step records (inserted in {clock.Elapsed.TotalSeconds:F1} s)");

var settings = Options.Create(new StepRecordsOptions());
var times = new List<double>();
// In-process CPU time per run as well: on SQLite it is the query's own cost, much less inflated than wall time on a busy machine.
var cpuTimes = new List<double>();
var process = Process.GetCurrentProcess();
double Cpu() { process.Refresh(); return process.TotalProcessorTime.TotalMilliseconds; }
DataQualityReport? report = null;
for (var run = 1 - warmup; run <= runs; run++)
{
    await using var db = new StepwiseDb(options.Options);
    var cpu = Cpu();
    clock.Restart();
    report = await new DataQualityService(db, TimeProvider.System, settings).ReportAsync(DataQualityService.DefaultLimit, default);
    clock.Stop();
    if (run > 0) times.Add(clock.Elapsed.TotalMilliseconds);
    if (run > 0) cpuTimes.Add(Cpu() - cpu);
}
if (Environment.GetEnvironmentVariable("PROFILE") == "1")
{
    // One more run with each SQL command's duration printed, to see which query costs what.
    var profiled = new DbContextOptionsBuilder<StepwiseDb>();
    DataServiceCollectionExtensions.Configure(profiled, database);
    profiled.LogTo(line => Console.WriteLine(Environment.GetEnvironmentVariable("PROFILE_SQL") == "1" ? line : string.Join(" ", line.Split("\n").Skip(1).Take(2))), [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted, Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.DataReaderDisposing]);
    await using var db = new StepwiseDb(profiled.Options);
    await new DataQualityService(db, TimeProvider.System, settings).ReportAsync(DataQualityService.DefaultLimit, default);
    Console.WriteLine("-- distribution by tribe:");
    await new CareerReportService(db, new ReportScopes(db, TimeProvider.System, Options.Create(new CareerReportsOptions())), TimeProvider.System,
        Options.Create(new TargetDistributionOptions()), settings).DistributionAsync(
        new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, Stepwise.Identity.Roles.HR)], "bench")), null, Breakdown.Tribe, default);
}
times.Sort();
double At(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
Console.WriteLine($"findings: {string.Join(", ", report!.Groups.Select(g => $"{g.Kind} {g.Total:N0}"))}");
cpuTimes.Sort();
Console.WriteLine($"data-quality report over {runs} runs: p50 {At(0.5):F0} ms, p95 {At(0.95):F0} ms, max {times[^1]:F0} ms (process CPU p50 {cpuTimes[cpuTimes.Count / 2]:F0} ms)");

// The distribution report as HR sees it (no small-group hiding), for the whole organization and by tribe.
var hr = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, Stepwise.Identity.Roles.HR)], "bench"));
foreach (var by in new[] { Breakdown.Organization, Breakdown.Tribe })
{
    var distributionTimes = new List<double>();
    var distributionCpu = new List<double>();
    DistributionReport? distribution = null;
    for (var run = 1 - warmup; run <= runs; run++)
    {
        await using var db = new StepwiseDb(options.Options);
        var service = new CareerReportService(db, new ReportScopes(db, TimeProvider.System, Options.Create(new CareerReportsOptions())), TimeProvider.System,
            Options.Create(new TargetDistributionOptions()), settings);
        var cpu = Cpu();
        clock.Restart();
        distribution = (await service.DistributionAsync(hr, null, by, default)).Value;
        clock.Stop();
        if (run > 0) distributionTimes.Add(clock.Elapsed.TotalMilliseconds);
        if (run > 0) distributionCpu.Add(Cpu() - cpu);
    }
    distributionTimes.Sort();
    double Q(double q) => distributionTimes[Math.Min(distributionTimes.Count - 1, (int)Math.Ceiling(q * distributionTimes.Count) - 1)];
    Console.WriteLine($"distribution ({by.ToString().ToLowerInvariant()}): {distribution!.Overall!.Total:N0} people with a step, {distribution.Groups.Count} groups, " +
                      $"deviation {distribution.Overall.DeviationPoints:F1} points");
    Console.WriteLine($"distribution report ({by.ToString().ToLowerInvariant()}) over {runs} runs: p50 {Q(0.5):F0} ms, p95 {Q(0.95):F0} ms, max {distributionTimes[^1]:F0} ms (process CPU p50 {distributionCpu.Order().ElementAt(distributionCpu.Count / 2):F0} ms)");
}
if (Environment.GetEnvironmentVariable("PROFILE") == "1")
{
    await using var db = new StepwiseDb(options.Options);
    Console.WriteLine(StepQueries.On(db, today).GroupBy(s => s.Level).Select(g => new { g.Key, Count = g.Count() }).ToQueryString());
}
if (postgres is null && keep is null)
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
}
if (Environment.GetEnvironmentVariable("PLAN") is { Length: > 0 } planFile && postgres is null)
{
    await using var db = new StepwiseDb(options.Options);
    var connection = db.Database.GetDbConnection();
    await connection.OpenAsync();
    foreach (var sql in File.ReadAllText(planFile).Split("\n;\n", StringSplitOptions.RemoveEmptyEntries))
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in new[] { "@today", "@today1", "@today2", "@date", "@date1", "@date2", "@date3", "@date10", "@date11" })
            if (sql.Contains(name, StringComparison.Ordinal)) { var p = command.CreateParameter(); p.ParameterName = name; p.Value = today; command.Parameters.Add(p); }
        await using (var reader = await command.ExecuteReaderAsync()) while (await reader.ReadAsync()) Console.WriteLine($"{reader.GetValue(0)} {reader.GetValue(1)} {reader.GetString(3)}");
        command.CommandText = "SELECT sqlite_version()";
        Console.WriteLine(await command.ExecuteScalarAsync());
        for (var i = 0; i < 3; i++)
        {
            command.CommandText = sql;
            var watch = Stopwatch.StartNew();
            var rows = 0;
            await using (var reader = await command.ExecuteReaderAsync()) while (await reader.ReadAsync()) rows++;
            Console.WriteLine($"{rows} rows in {watch.Elapsed.TotalMilliseconds:F0} ms");
        }
    }
}
