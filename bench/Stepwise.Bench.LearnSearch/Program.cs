// Times the retrospective repository's search over 50,000 retrospectives and 500,000 lessons (550,000 search documents):
// seeds them with bulk inserts into a fresh database, then runs a mix of searches through LearnSearch, as a non-admin
// viewer (so the private-visibility filter applies), and prints p50/p95/p99 per kind of query and overall.
// Run: dotnet run -c Release --project bench/Stepwise.Bench.LearnSearch [-- RETROS [LESSONS-PER-RETRO]] [--postgres CONNECTION-STRING] [--keep FILE]
// bench/learn-search-postgres.sh runs it against a throwaway PostgreSQL cluster.
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Stepwise.Auditing;
using Stepwise.Data;
using Stepwise.Data.Bulk;
using Stepwise.Learn;
using Stepwise.Learn.Model;
using Stepwise.Learn.Search;
using Stepwise.Organization;

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var numbers = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToList();
var retroCount = numbers.ElementAtOrDefault(0) is > 0 and var r ? r : 50_000;
var lessonsPerRetro = numbers.ElementAtOrDefault(1) is > 0 and var l ? l : 10;
var postgres = Option("--postgres");
var path = Option("--keep") ?? Path.Combine(Path.GetTempPath(), $"stepwise-bench-learn-{Guid.NewGuid():N}.db");
var database = postgres is null
    ? new DatabaseOptions { ConnectionString = $"Data Source={path}" }
    : new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = postgres };
var options = new DbContextOptionsBuilder<StepwiseDb>();
DataServiceCollectionExtensions.Configure(options, database);
options.AddInterceptors(new AuditingInterceptor(SystemAuditActor.Instance, TimeProvider.System));
await using (var db = new StepwiseDb(options.Options)) await DatabaseMigrator.MigrateAsync(db);
Console.WriteLine($"database: {database.Provider}");

var random = new Random(42);
var vocabulary = Vocabulary.Build(random);
List<Guid> squads;
await using (var db = new StepwiseDb(options.Options))
{
    var seeded = await db.Retrospectives.AnyAsync();
    squads = seeded
        ? await db.Units.Where(u => u.Kind == UnitKind.Squad).Select(u => u.Id).ToListAsync()
        : await SeedAsync(db, random, vocabulary, retroCount, lessonsPerRetro);
    Console.WriteLine($"rows: {await db.Retrospectives.CountAsync():N0} retrospectives, {await db.Lessons.CountAsync():N0} lessons, " +
        $"{await db.LearnSearchDocuments.CountAsync():N0} search documents");
}

// A member of two squads: sees everything public plus those squads' private retrospectives.
var viewer = new LearnViewer(Guid.NewGuid(), "bench", false, new HashSet<Guid>(squads.Take(2)));
var queries = Queries(new Random(7), vocabulary, squads).ToList();
var timings = new Dictionary<string, List<double>>();
// CPU time of this process per query: what the query costs without the wait for a core on a busy machine.
var cpuTimings = new Dictionary<string, List<double>>();
var process = Process.GetCurrentProcess();
await using (var db = new StepwiseDb(options.Options))
{
    var search = new LearnSearch(db);
    foreach (var (kind, run) in queries.Take(60)) await run(search, viewer); // warm-up: caches, compiled queries
    foreach (var (kind, run) in queries.Skip(60))
    {
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await run(search, viewer);
        clock.Stop();
        process.Refresh();
        if (!timings.TryGetValue(kind, out var list)) timings[kind] = list = [];
        list.Add(clock.Elapsed.TotalMilliseconds);
        if (!cpuTimings.TryGetValue(kind, out var cpu)) cpuTimings[kind] = cpu = [];
        cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
    }
}
Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
Console.WriteLine($"{"query",-28} {"n",5} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"cpu p50",8} {"cpu p95",8}");
foreach (var kind in timings.Keys.Order().Append("all"))
{
    var list = kind == "all" ? timings.Values.SelectMany(v => v).ToList() : timings[kind];
    var cpu = kind == "all" ? cpuTimings.Values.SelectMany(v => v).ToList() : cpuTimings[kind];
    list.Sort();
    cpu.Sort();
    static double P(List<double> values, double q) => values[Math.Min(values.Count - 1, (int)Math.Ceiling(q * values.Count) - 1)];
    Console.WriteLine($"{kind,-28} {list.Count,5} {P(list, 0.5),8:F1} {P(list, 0.95),8:F1} {P(list, 0.99),8:F1} {list[^1],8:F1} {P(cpu, 0.5),8:F1} {P(cpu, 0.95),8:F1}");
}
if (postgres is null && Option("--keep") is null)
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
}

static async Task<List<Guid>> SeedAsync(StepwiseDb db, Random random, Vocabulary words, int retroCount, int lessonsPerRetro)
{
    var clock = Stopwatch.StartNew();
    var company = new OrgUnit { Id = Guid.NewGuid(), Key = "co", Name = "Company", Kind = UnitKind.Company };
    var tribes = Enumerable.Range(0, 10).Select(t => new OrgUnit { Id = Guid.NewGuid(), Key = $"t{t}", Name = $"Tribe {t}", Kind = UnitKind.Tribe, ParentId = company.Id }).ToList();
    var squads = tribes.SelectMany(t => Enumerable.Range(0, 10).Select(s => new OrgUnit { Id = Guid.NewGuid(), Key = $"{t.Key}-s{s}", Name = $"{t.Name} squad {s}", Kind = UnitKind.Squad, ParentId = t.Id })).ToList();
    db.Units.Add(company);
    db.Units.AddRange(tribes);
    db.Units.AddRange(squads);
    await db.SaveChangesAsync();
    var owners = tribes.Concat(squads).Select(u => u.Id).ToList();
    var start = new DateOnly(2018, 1, 1);
    var sources = Enum.GetValues<LessonSource>();
    const int batch = 5_000;
    for (var first = 0; first < retroCount; first += batch)
    {
        var retros = new List<Retrospective>();
        var lessons = new List<Lesson>();
        for (var i = first; i < Math.Min(retroCount, first + batch); i++)
        {
            var created = new DateTimeOffset(2018, 1, 1, 12, 0, 0, TimeSpan.Zero).AddHours(i);
            var retro = new Retrospective
            {
                Id = Guid.CreateVersion7(created), Title = words.Sentence(random, 4), SubjectKind = (SubjectKind)random.Next(5), OwnerUnitId = owners[random.Next(owners.Count)],
                Outcome = (RetroOutcome)random.Next(3), Summary = words.Sentence(random, 30), Tags = [words.Tag(random), words.Tag(random)],
                IsPrivate = random.NextDouble() < 0.05, Status = RetroStatus.Closed, HeldOn = start.AddDays(random.Next(3000)), CreatedAt = created, ClosedAt = created,
            };
            retros.Add(retro);
            for (var k = 0; k < lessonsPerRetro; k++)
                lessons.Add(new Lesson { Id = Guid.CreateVersion7(created), RetrospectiveId = retro.Id, Source = sources[random.Next(sources.Length)], Text = words.Sentence(random, 18), CreatedAt = created });
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.BulkInsertAsync(retros, default);
        await db.BulkInsertAsync(lessons, default);
        var byRetro = lessons.ToLookup(x => x.RetrospectiveId);
        await db.BulkInsertAsync(retros.SelectMany(x => SearchIndexer.DocumentsFor(x, byRetro[x.Id])), default);
        await transaction.CommitAsync();
    }
    if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("""ANALYZE "LearnSearchDocuments";""");
    else await db.Database.ExecuteSqlRawAsync("ANALYZE; INSERT INTO LearnSearchFts(LearnSearchFts) VALUES ('optimize');");
    Console.WriteLine($"seeded in {clock.Elapsed.TotalSeconds:F1} s (bulk insert, search index built by the database)");
    return squads.Select(s => s.Id).ToList();
}

static IEnumerable<(string Kind, Func<LearnSearch, LearnViewer, Task> Run)> Queries(Random random, Vocabulary words, List<Guid> squads)
{
    var sources = Enum.GetValues<LessonSource>();
    for (var i = 0; i < 1_260; i++)
    {
        var common = words.Common(random);
        var rare = words.Rare(random);
        var text = i % 2 == 0 ? common : $"{common} {words.Any(random)}";
        yield return (i % 6) switch
        {
            0 => ("one common word", (s, v) => s.SearchAsync(v, new SearchFilters(common), 1, 25, default)),
            1 => ("two words", (s, v) => s.SearchAsync(v, new SearchFilters($"{common} {words.Any(random)}"), 1, 25, default)),
            2 => ("rare word", (s, v) => s.SearchAsync(v, new SearchFilters(rare), 1, 25, default)),
            3 => ("words + source + outcome", (s, v) => s.SearchAsync(v, new SearchFilters(text, Source: sources[random.Next(sources.Length)], Outcome: RetroOutcome.Failed), 1, 25, default)),
            4 => ("words + unit + dates", (s, v) => s.SearchAsync(v, new SearchFilters(text, UnitId: squads[random.Next(squads.Count)], From: new DateOnly(2020, 1, 1), To: new DateOnly(2023, 12, 31)), 1, 25, default)),
            _ => ("related lessons", (s, v) => s.RelatedLessonsAsync(v, words.Sentence(random, 25), 10, default)),
        };
    }
}

/// <summary>Made-up words with a Zipf-like frequency, so a few words are very common and most are rare, as in real text.</summary>
internal sealed class Vocabulary
{
    private readonly string[] _words;
    private readonly double[] _cumulative;

    private Vocabulary(string[] words)
    {
        _words = words;
        _cumulative = new double[words.Length];
        var total = 0.0;
        for (var i = 0; i < words.Length; i++) _cumulative[i] = total += 1.0 / (i + 1);
        for (var i = 0; i < words.Length; i++) _cumulative[i] /= total;
    }

    public static Vocabulary Build(Random random)
    {
        const string consonants = "bcdfghklmnprstvz", vowels = "aeiou";
        var words = new HashSet<string>();
        while (words.Count < 20_000)
        {
            var length = random.Next(2, 5);
            var word = string.Concat(Enumerable.Range(0, length).Select(_ => $"{consonants[random.Next(consonants.Length)]}{vowels[random.Next(vowels.Length)]}"));
            words.Add(word);
        }
        return new Vocabulary([.. words]);
    }

    public string Word(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble());
        return _words[index < 0 ? ~index : index];
    }

    public string Sentence(Random random, int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => Word(random)));

    public string Tag(Random random) => _words[random.Next(50)];

    /// <summary>One of the 200 most frequent words (each in roughly 1–20% of documents).</summary>
    public string Common(Random random) => _words[random.Next(5, 200)];

    public string Rare(Random random) => _words[random.Next(5_000, _words.Length)];

    public string Any(Random random) => Word(random);
}
