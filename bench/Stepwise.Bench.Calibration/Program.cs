// Times the calibration session of one tribe (default 500 people, 50 managers, 25 squads) in an assessment cycle:
// the view the tribe lead and HR open, with every proposal, the distribution against the target and the manager
// patterns. Rows are inserted into a fresh database; the view is computed RUNS times (after one warm-up) as HR and as
// the tribe lead, and p50/p95/max are printed.
// Run: dotnet run -c Release --project bench/Stepwise.Bench.Calibration [-- PEOPLE] [--postgres CONNECTION-STRING]
using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stepwise.Auditing;
using Stepwise.Careers.Cycles;
using Stepwise.Careers.Distribution;
using Stepwise.Data;
using Stepwise.Data.Bulk;
using Stepwise.Identity;
using Stepwise.Organization;

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var postgres = Option("--postgres");
var count = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).DefaultIfEmpty(500).First();
var runs = int.Parse(Environment.GetEnvironmentVariable("RUNS") ?? "50", CultureInfo.InvariantCulture);
var path = Path.Combine(Path.GetTempPath(), $"stepwise-bench-calibration-{Guid.NewGuid():N}.db");
var database = postgres is null
    ? new DatabaseOptions { ConnectionString = $"Data Source={path}" }
    : new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = postgres };
var options = new DbContextOptionsBuilder<StepwiseDb>();
DataServiceCollectionExtensions.Configure(options, database);
await using (var db = new StepwiseDb(options.Options)) await DatabaseMigrator.MigrateAsync(db);
Console.WriteLine($"database: {database.Provider}");

var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
var now = TimeProvider.System.GetUtcNow();
var random = new Random(20261124);
var company = new OrgUnit { Id = Guid.NewGuid(), Key = "co", Name = "Company", Kind = UnitKind.Company };
var tribe = new OrgUnit { Id = Guid.NewGuid(), Key = "tribe", Name = "Tribe", Kind = UnitKind.Tribe, ParentId = company.Id };
var squads = Enumerable.Range(0, 25).Select(i => new OrgUnit { Id = Guid.NewGuid(), Key = $"squad-{i}", Name = $"Squad {i:D2}", Kind = UnitKind.Squad, ParentId = tribe.Id }).ToList();
var people = Enumerable.Range(0, count + 1).Select(i => new Person
{
    Id = Guid.NewGuid(), Email = $"p{i}@bench.example", Name = $"Person {i:D4}", Discipline = i % 3 == 0 ? "frontend" : "backend", Location = "Oslo",
    EmploymentStart = today.AddYears(-2),
}).ToList();
var lead = people[^1];
var memberships = people.Take(count).Select((p, i) => new Membership { Id = Guid.NewGuid(), PersonId = p.Id, UnitId = squads[i % squads.Count].Id, From = today.AddYears(-2) })
    .Append(new Membership { Id = Guid.NewGuid(), PersonId = lead.Id, UnitId = tribe.Id, Role = MembershipRole.Lead, From = today.AddYears(-2) }).ToList();
var managers = people.Take(count).Where((_, i) => i % 10 == 0).ToList();
var cycle = new AssessmentCycle
{
    Id = Guid.NewGuid(), Name = "Bench cycle", FrameworkKey = "default", FrameworkVersion = "1.0.0", StepCount = 4,
    Characteristics = [new("impact", "Impact"), new("ownership", "Ownership")], SelfDue = today, ManagerDue = today.AddDays(7), CalibrationDue = today.AddDays(14),
    FunctionalSyncDue = today.AddDays(21), LeadershipReviewDue = today.AddDays(28), FinalizeDue = today.AddDays(35), OpenedAt = now, OpenedBy = "bench",
};
var participants = people.Take(count).Select((p, i) =>
{
    var current = 1 + random.Next(3);
    var manager = i % 10 == 0 ? lead.Id : managers[i / 10].Id;
    var proposed = Math.Min(4, current + (manager == managers[0].Id ? 2 : random.Next(2)));
    return new CycleParticipant
    {
        Id = Guid.NewGuid(), CycleId = cycle.Id, PersonId = p.Id, ManagerId = manager, TribeId = tribe.Id, TeamId = squads[i % squads.Count].Id,
        Discipline = p.Discipline, CurrentLevel = current, Stage = ParticipantStage.Discussed, SelfLevel = current, ManagerLevel = proposed, AgreedLevel = proposed,
        ProposedLevel = proposed, SelfSubmittedAt = now, ManagerSubmittedAt = now, DiscussedAt = now,
    };
}).ToList();
var adjustments = participants.Where((_, i) => i % 5 == 0).Select(p => new CycleAdjustment
{
    Id = Guid.NewGuid(), CycleId = cycle.Id, ParticipantId = p.Id, Stage = AdjustmentStage.Calibration, FromLevel = p.ProposedLevel, ToLevel = p.ProposedLevel!.Value,
    Reason = "Matches the tribe's reading of the expectations.", By = "Lead", At = now,
}).ToList();
await using (var db = new StepwiseDb(options.Options))
{
    db.AssessmentCycles.Add(cycle);
    await db.SaveChangesAsync();
    await using var transaction = await db.Database.BeginTransactionAsync();
    await db.BulkInsertAsync(new[] { company, tribe }.Concat(squads), default);
    await db.BulkInsertAsync(people, default);
    await db.BulkInsertAsync(memberships, default);
    await db.BulkInsertAsync(participants, default);
    await db.BulkInsertAsync(adjustments, default);
    await transaction.CommitAsync();
}
Console.WriteLine($"rows: {participants.Count:N0} participants in one tribe, {managers.Count} managers, {adjustments.Count} logged changes");

ClaimsPrincipal User(Guid? person, params string[] roles) => new(new ClaimsIdentity(
    roles.Select(r => new Claim(ClaimTypes.Role, r)).Concat(person is { } id ? [new Claim(StepwiseClaims.PersonId, id.ToString())] : []), "bench"));
var target = Options.Create(new TargetDistributionOptions());
foreach (var (label, user) in new[] { ("HR", User(null, Roles.HR)), ("tribe lead", User(lead.Id)) })
{
    var times = new List<double>();
    CalibrationView? view = null;
    for (var run = 0; run <= runs; run++)
    {
        await using var db = new StepwiseDb(options.Options);
        var clock = Stopwatch.StartNew();
        var service = new CalibrationService(db, new CycleAccess(db, new OrgRelationships(db, TimeProvider.System), TimeProvider.System),
            SystemAuditActor.Instance, TimeProvider.System, target);
        view = (await service.SessionAsync(user, cycle.Id, tribe.Id, default)).Value ?? throw new InvalidOperationException("The session was refused.");
        clock.Stop();
        if (run > 0) times.Add(clock.Elapsed.TotalMilliseconds); // the first run warms up EF's query cache
    }
    times.Sort();
    double At(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
    Console.WriteLine($"calibration view as {label}, {view!.People.Count} people, {view.Managers.Count(m => m.Leaning != ManagerLeaning.InLine)} flagged managers, over {runs} runs: " +
        $"p50 {At(0.5):F1} ms, p95 {At(0.95):F1} ms, max {times[^1]:F1} ms");
}
if (postgres is null)
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
}
