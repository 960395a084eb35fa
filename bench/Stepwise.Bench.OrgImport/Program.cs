// Times the CSV import of a 20,000-person organization (units, people with managers, memberships) into a fresh
// database: one dry run and one real import, each a single all-or-nothing call, audit log included.
// Run: dotnet run -c Release --project bench/Stepwise.Bench.OrgImport [-- PEOPLE] [--postgres CONNECTION-STRING | --write DIRECTORY]
// Without --postgres it uses a temporary SQLite file; bench/import-postgres.sh runs it against a throwaway PostgreSQL cluster.
// --write only writes units.csv, people.csv and memberships.csv to DIRECTORY, for benches that import through the server.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Stepwise.Auditing;
using Stepwise.Data;
using Stepwise.Organization.Csv;

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var postgres = Option("--postgres");
var people = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).DefaultIfEmpty(20_000).First();
var (units, peopleCsv, memberships) = Generate(people);
if (Option("--write") is { } directory)
{
    Directory.CreateDirectory(directory);
    await File.WriteAllTextAsync(Path.Combine(directory, "units.csv"), units);
    await File.WriteAllTextAsync(Path.Combine(directory, "people.csv"), peopleCsv);
    await File.WriteAllTextAsync(Path.Combine(directory, "memberships.csv"), memberships);
    return;
}
var path = Path.Combine(Path.GetTempPath(), $"stepwise-bench-{Guid.NewGuid():N}.db");
var database = postgres is null
    ? new DatabaseOptions { ConnectionString = $"Data Source={path}" }
    : new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = postgres };
var options = new DbContextOptionsBuilder<StepwiseDb>();
DataServiceCollectionExtensions.Configure(options, database);
options.AddInterceptors(new AuditingInterceptor(SystemAuditActor.Instance, TimeProvider.System));
await using (var db = new StepwiseDb(options.Options)) await DatabaseMigrator.MigrateAsync(db);
Console.WriteLine($"database: {database.Provider}");

foreach (var dryRun in new[] { true, false })
{
    await using var db = new StepwiseDb(options.Options);
    var clock = Stopwatch.StartNew();
    var result = await new OrgCsvImporter(db, TimeProvider.System, SystemAuditActor.Instance).ImportAsync(new OrgImportRequest(units, peopleCsv, memberships), dryRun);
    clock.Stop();
    Console.WriteLine($"{(dryRun ? "dry run" : "import "),-8} {people:N0} people, {result.Memberships.Created:N0} memberships: {clock.Elapsed.TotalSeconds:F2} s " +
        $"(errors: {result.ErrorCount}, people created: {result.People.Created:N0})");
}
await using (var db = new StepwiseDb(options.Options))
    Console.WriteLine($"rows: {await db.People.CountAsync():N0} people, {await db.Memberships.CountAsync():N0} memberships, {await db.Transitions.CountAsync():N0} transitions, {await db.AuditLog.CountAsync():N0} audit entries");
if (postgres is null)
{
    // Pooled connections keep the write-ahead log open; close them so that no -wal or -shm file is left behind.
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
}

static (string Units, string People, string Memberships) Generate(int count)
{
    var u = new StringBuilder("key,name,kind,parent_key,discipline\nco,Company,company,,\n");
    string[] disciplines = ["backend", "frontend", "mobile", "data", "design"];
    var tribes = Math.Max(1, count / 2000);
    for (var t = 0; t < tribes; t++)
    {
        u.Append(CultureInfo.InvariantCulture, $"t{t},Tribe {t},tribe,co,\n");
        foreach (var d in disciplines) u.Append(CultureInfo.InvariantCulture, $"t{t}-{d},{d} chapter {t},chapter,t{t},{d}\n");
    }
    var squads = Math.Max(1, count / 8);
    for (var s = 0; s < squads; s++) u.Append(CultureInfo.InvariantCulture, $"s{s},Squad {s},squad,t{s % tribes},\n");
    var p = new StringBuilder("email,name,employment_start,title,discipline,location,track,employment_end,manager_email\n");
    var m = new StringBuilder("email,unit_key,from,role,to\n");
    for (var i = 0; i < count; i++)
    {
        var discipline = disciplines[i % disciplines.Length];
        var squad = i / 8;
        var tribe = squad % tribes;
        var manager = i % 8 == 0 ? (i == 0 ? "" : "p0@bench.example") : $"p{i - i % 8}@bench.example";
        p.Append(CultureInfo.InvariantCulture, $"p{i}@bench.example,Person {i},2020-01-01,Engineer,{discipline},Oslo,{(i % 8 == 0 ? "manager" : "ic")},,{manager}\n");
        m.Append(CultureInfo.InvariantCulture, $"p{i}@bench.example,s{squad},2020-01-01,{(i % 8 == 0 ? "lead" : "member")},\n");
        m.Append(CultureInfo.InvariantCulture, $"p{i}@bench.example,t{tribe}-{discipline},2020-01-01,member,\n");
    }
    return (u.ToString(), p.ToString(), m.ToString());
}
