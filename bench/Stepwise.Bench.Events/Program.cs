using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using DuckDB.NET.Data;
using Stepwise.Events.Analysis;
using Stepwise.Events.Metrics;
using Stepwise.Events.Storage;
using Stepwise.Stats;
using Stepwise.Stats.Analysis;

// Event ingestion and warehouse-native analysis benchmarks (see bench/events.sh and bench/README.md).
//   ingest   URL KEY BATCHES CONNECTIONS   batches of 1,000 metric events through POST /api/events
//   appender FILE EVENTS                   the same rows straight into DuckDB's appender (the ceiling)
//   analyze  FILE [EXPOSURES] [EVENTS]     generate an experiment in DuckDB with SQL, then time the analysis
var mode = args.ElementAtOrDefault(0);
return mode switch
{
    "ingest" => await Ingest.RunAsync(new Uri(args[1]), args[2], int.Parse(args[3], CultureInfo.InvariantCulture), int.Parse(args[4], CultureInfo.InvariantCulture)),
    "appender" => Appender.Run(args[1], int.Parse(args[2], CultureInfo.InvariantCulture)),
    "stages" => await Stages.RunAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture)),
    "printsql" => Analyze.PrintSql(),
    "sql" => await Analyze.TimeSqlAsync(args[1], args[2], int.Parse(args.ElementAtOrDefault(3) ?? "1", CultureInfo.InvariantCulture)),
    "analyze" => await Analyze.RunAsync(args[1], long.Parse(args.ElementAtOrDefault(2) ?? "10000000", CultureInfo.InvariantCulture),
        long.Parse(args.ElementAtOrDefault(3) ?? "100000000", CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ingest URL KEY BATCHES CONNECTIONS | appender FILE EVENTS | analyze FILE [EXPOSURES] [EVENTS]");
    return 2;
}

/// <summary>The rows both ingestion benchmarks use: unit, metric name and value per event, ids fresh per event.</summary>
internal static class Rows
{
    public const int BatchSize = 1000;

    public static (string Unit, string Metric, double Value) At(long i) => ($"u{i % 100_000}", $"m{i % 10}", i % 97 * 0.5);

    public static byte[] Batch(long first, DateTimeOffset at)
    {
        var buffer = new ArrayBufferWriter<byte>(200 * BatchSize);
        using var json = new Utf8JsonWriter(buffer);
        json.WriteStartObject();
        json.WriteStartArray("events");
        for (var i = first; i < first + BatchSize; i++)
        {
            var (unit, metric, value) = At(i);
            json.WriteStartObject();
            json.WriteString("id", Guid.CreateVersion7(at));
            json.WriteString("type", "metric");
            json.WriteString("timestamp", at);
            json.WriteString("unitId", unit);
            json.WriteString("metric", metric);
            json.WriteNumber("value", value);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}

internal static class Ingest
{
    public static async Task<int> RunAsync(Uri server, string key, int batches, int connections)
    {
        var at = TimeProvider.System.GetUtcNow();
        Console.WriteLine($"preparing {batches} batches of {Rows.BatchSize} events…");
        var bodies = Enumerable.Range(0, batches).Select(b => Rows.Batch((long)b * Rows.BatchSize, at)).ToArray();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = server, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        // Warm-up: JIT, the DuckDB file, connection pool.
        for (var i = 0; i < 5; i++) await SendAsync(http, Rows.Batch(-(i + 1) * (long)Rows.BatchSize, at));

        var next = -1;
        long accepted = 0, refused = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            int b;
            while ((b = Interlocked.Increment(ref next)) < bodies.Length)
            {
                var ok = await SendAsync(http, bodies[b]);
                if (ok) Interlocked.Add(ref accepted, Rows.BatchSize);
                else
                {
                    Interlocked.Increment(ref refused);
                    Interlocked.Decrement(ref next);   // 429: send it again
                    await Task.Delay(50);
                }
            }
        })));
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"HTTP ingestion: {accepted:N0} events acknowledged in {seconds:F2} s = {accepted / seconds:N0} events/s ({connections} connections, {refused} batches answered 429 and resent)"));
        return 0;
    }

    private static async Task<bool> SendAsync(HttpClient http, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync("api/events", content);
        if ((int)response.StatusCode == 429) return false;
        response.EnsureSuccessStatusCode();
        return true;
    }
}

/// <summary>Where the HTTP path's time goes: parsing alone, then the store's group commits alone, on the same bodies.</summary>
internal static class Stages
{
    public static async Task<int> RunAsync(string file, int batches)
    {
        File.Delete(file);
        File.Delete(file + ".wal");
        var at = TimeProvider.System.GetUtcNow();
        var bodies = Enumerable.Range(0, batches).Select(b => Rows.Batch((long)b * Rows.BatchSize, at)).ToArray();
        var environment = Guid.NewGuid();
        for (var i = 0; i < 3; i++) Stepwise.Events.Ingestion.EventBatchParser.Parse(bodies[i], environment, at, 5000, out _, out _);
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var parsed = bodies.Select(b => Stepwise.Events.Ingestion.EventBatchParser.Parse(b, environment, at, 5000, out _, out _)!).ToList();
        var parse = clock.Elapsed.TotalSeconds;
        var events = (long)batches * Rows.BatchSize;
        string Cpu() => string.Create(CultureInfo.InvariantCulture, $"{(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / events:F2} µs CPU per event");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"parse + validate (1 thread): {events / parse:N0} events/s, {Cpu()}"));
        await using var store = new DuckDbEventStore(file);
        clock.Restart();
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var g = 0; g < parsed.Count; g += 50)
        {
            var group = parsed.Skip(g).Take(50).ToList();
            await store.WriteAsync(group, CancellationToken.None);
        }
        var write = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store group commits of 50,000 (1 thread): {events / write:N0} events/s, {Cpu()}"));
        clock.Restart();
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var g = 0; g < parsed.Count; g += 50)
        {
            var group = parsed.Skip(g).Take(50).ToList();
            await store.WriteAsync(group, CancellationToken.None);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the same again (all replays): {events / clock.Elapsed.TotalSeconds:N0} events/s, {Cpu()}"));
        var stored = await store.QueryAsync("SELECT COUNT(*), COUNT(DISTINCT event_id) FROM event_metrics", CancellationToken.None);
        Console.WriteLine($"stored {stored[0][0]} rows, {stored[0][1]} distinct ids (expected {events})");
        return 0;
    }
}

internal static class Appender
{
    public static int Run(string file, int events)
    {
        File.Delete(file);
        File.Delete(file + ".wal");
        using var connection = new DuckDBConnection($"Data Source={file}");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            // The table as the store creates it; KEYED=1 gives the per-event primary key of the earlier store.
            create.CommandText = Schema.Create(DuckDbDialect.Instance, keyEachEvent: System.Environment.GetEnvironmentVariable("KEYED") == "1");
            create.ExecuteNonQuery();
        }
        var environment = Guid.NewGuid();
        var at = TimeProvider.System.GetUtcNow();
        var ts = at.UtcDateTime;
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        // One appender flush + commit per 50,000 rows: the same group size the server commits at most.
        for (var start = 0; start < events; start += 50_000)
        {
            using var appender = connection.CreateAppender("event_metrics");
            for (long i = start; i < Math.Min(events, start + 50_000); i++)
            {
                var (unit, metric, value) = Rows.At(i);
                appender.CreateRow().AppendValue(environment).AppendValue(Guid.CreateVersion7(at)).AppendValue(ts).AppendValue(unit)
                    .AppendValue(metric).AppendValue(value).EndRow();
            }
        }
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"DuckDB appender (same rows, same table as the store): {events:N0} events in {seconds:F2} s = {events / seconds:N0} events/s, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s CPU"));
        return 0;
    }
}

internal static class Analyze
{
    private static readonly Guid Environment = Guid.Parse("0191e2a0-0000-7000-8000-000000000001");
    private const string Experiment = "bench-checkout";

    public static int PrintSql()
    {
        var metrics = Catalogue();
        var end = new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);
        var scope = new AnalysisScope(Environment, Experiment, metrics, end);
        Console.WriteLine(new AnalysisQuery(DuckDbDialect.Instance, scope).Sql + ";");
        Console.WriteLine("-- health");
        Console.WriteLine(AnalysisQuery.ExposureHealth(DuckDbDialect.Instance, scope) + ";");
        Console.WriteLine("-- hand");
        Console.WriteLine(HandWritten(metrics, end) + ";");
        return 0;
    }

    /// <summary>Times a SQL file against an existing data set (for trying query shapes).</summary>
    public static async Task<int> TimeSqlAsync(string file, string sqlFile, int runs)
    {
        var sql = await File.ReadAllTextAsync(sqlFile);
        await using var store = new DuckDbEventStore(file);
        for (var run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var rows = await store.QueryAsync(sql, CancellationToken.None);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{clock.Elapsed.TotalSeconds:F2} s wall, {(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s CPU, {rows.Count} rows"));
            if (run == runs - 1)
                foreach (var row in rows.Take(40)) Console.WriteLine(string.Join(" | ", row.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
        }
        return 0;
    }

    public static async Task<int> RunAsync(string file, long exposures, long events)
    {
        if (System.Environment.GetEnvironmentVariable("GENERATE_ONLY") == "1")
        {
            Generate(file, exposures, events);
            return 0;
        }
        if (!File.Exists(file)) Generate(file, exposures, events);
        var metrics = Catalogue();
        var end = new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);
        var scope = new AnalysisScope(Environment, Experiment, metrics, end);
        var store = new DuckDbEventStore(file);
        await using (store)
        {
            var ct = CancellationToken.None;
            var runs = int.Parse(System.Environment.GetEnvironmentVariable("RUNS") ?? "3", CultureInfo.InvariantCulture);
            double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
            string F(IEnumerable<double> values, string format) => string.Join(", ", values.Select(s => s.ToString(format, CultureInfo.InvariantCulture)));
            var state = new AnalysisState(DuckDbDialect.Instance, scope);

            if (System.Environment.GetEnvironmentVariable("STATE_ONLY") == "1")
            {
                // Re-time the state analysis alone on the state a previous run left (cheap; for a quieter moment).
                for (var run = 0; run < runs; run++)
                {
                    // INCREMENT=1: 0.1% new rows before each run (new ones each time: late exposures further back).
                    if (System.Environment.GetEnvironmentVariable("INCREMENT") == "1")
                        await store.QueryAsync(Increment(exposures / 1000, events / 1000, exposures, salt: await FreshSaltAsync(store, ct)), ct);
                    // BACKGROUND=1: the background refresher's pass runs (timed apart) before the analysis a person opens.
                    if (System.Environment.GetEnvironmentVariable("BACKGROUND") == "1")
                    {
                        var (wall, cpuBefore) = (Stopwatch.StartNew(), Cpu());
                        var passes = await store.RefreshRecentAsync(TimeSpan.FromDays(1), ct);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  background refresh: {wall.Elapsed.TotalSeconds:F2} s wall, CPU {Cpu() - cpuBefore:F1} s ({string.Join("; ", passes.Select(p => $"{p.Refresh.RecomputedUnits:N0} units recomputed, {p.Refresh.UpdatedUnits:N0} updated"))})"));
                    }
                    var c = Stopwatch.StartNew();
                    var before = Cpu();
                    var (q, _, r, _) = await ExperimentAnalysisService.QueryAsync(store, store, scope, ct);
                    var report = ExperimentAnalysis.Analyze(ExperimentAnalysisService.ToExperimentData(q, ["control", "treatment"], metrics, metrics.Select(m => m.Key).ToList(), r),
                        new AnalysisOptions { AlwaysValidPlannedUnits = exposures });
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  state: {c.Elapsed.TotalSeconds:F2} s wall, CPU {Cpu() - before:F1} s (load {File.ReadAllText("/proc/loadavg")[..14]}), {report.Results.Count} metrics"));
                }
                return 0;
            }

            // The one-off cost: build the per-unit state from every stored event (dropping any earlier one).
            await store.QueryAsync($"DELETE FROM analysis_states WHERE name = '{state.UnitsTable}'", ct);
            var clock = Stopwatch.StartNew();
            var cpu = Cpu();
            var built = await store.RefreshStateAsync(state, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"state built from scratch: {clock.Elapsed.TotalSeconds:F2} s wall, CPU {Cpu() - cpu:F1} s ({built.RecomputedUnits:N0} units; load {File.ReadAllText("/proc/loadavg")[..14]})"));

            async Task<ExperimentReport> FullAsync(IAnalysisStateStore? states)
            {
                var (query, health, rows, _) = await ExperimentAnalysisService.QueryAsync(store, states, scope, ct);
                _ = health;
                var data = ExperimentAnalysisService.ToExperimentData(query, ["control", "treatment"], metrics, metrics.Select(m => m.Key).ToList(), rows);
                return ExperimentAnalysis.Analyze(data, new AnalysisOptions { AlwaysValidPlannedUnits = exposures });
            }
            var handSql = HandWritten(metrics, end);
            var times = new Dictionary<string, (List<double> Wall, List<double> Cpu)> { ["state"] = ([], []), ["raw"] = ([], []), ["hand"] = ([], []) };
            ExperimentReport? fromState = null, fromRaw = null;
            async Task TimeAsync(string name, Func<Task> run)
            {
                var c = Stopwatch.StartNew();
                var before = Cpu();
                await run();
                times[name].Wall.Add(c.Elapsed.TotalSeconds);
                times[name].Cpu.Add(Cpu() - before);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {name}: {c.Elapsed.TotalSeconds:F2} s wall, CPU {Cpu() - before:F1} s (load {File.ReadAllText("/proc/loadavg")[..14]})"));
            }
            // Alternate the three; the first state run is warm (the build just read everything), the raw ones read the file.
            for (var run = 0; run < runs; run++)
            {
                await TimeAsync("state", async () => fromState = await FullAsync(store));
                await TimeAsync("raw", async () => fromRaw = await FullAsync(null));
                await TimeAsync("hand", () => store.QueryAsync(handSql, ct));
            }
            // More state runs (cheap next to the raw ones), so its median does not rest on one run on a busy machine.
            var extra = int.Parse(System.Environment.GetEnvironmentVariable("STATE_RUNS") ?? "2", CultureInfo.InvariantCulture);
            for (var run = 0; run < extra; run++) await TimeAsync("state", async () => fromState = await FullAsync(store));
            string Line(string name) => string.Create(CultureInfo.InvariantCulture,
                $"runs {F(times[name].Wall, "F2")} s; median {times[name].Wall.Order().ElementAt(times[name].Wall.Count / 2):F2} s; CPU {F(times[name].Cpu, "F1")} s");
            Console.WriteLine($"full analysis from the per-unit state (refresh + health + statistics + Stepwise.Stats), 10 metrics, CUPED: {Line("state")}");
            Console.WriteLine($"full analysis from the raw events (exposure health + generated SQL + Stepwise.Stats): {Line("raw")}");
            Console.WriteLine($"hand-written DuckDB aggregation of the same sums: {Line("hand")}");
            double Median(string name, bool wall) => (wall ? times[name].Wall : times[name].Cpu).Order().ElementAt(times[name].Wall.Count / 2);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio state / hand-written (medians): {Median("state", true) / Median("hand", true):F3} wall, {Median("state", false) / Median("hand", false):F3} CPU; raw / hand-written: {Median("raw", true) / Median("hand", true):F2} wall, {Median("raw", false) / Median("hand", false):F2} CPU"));
            for (var i = 0; i < 10; i++)
            {
                var (s, r) = (fromState!.Results[i], fromRaw!.Results[i]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {s.Metric,-4} {s.Method,-28} n={s.ControlUnits}/{s.VariantUnits} effect={s.AbsoluteEffect:G6} [{s.CiLow:G6}, {s.CiHigh:G6}] cuped={s.Cuped} | raw: n={r.ControlUnits}/{r.VariantUnits} effect={r.AbsoluteEffect:G6} [{r.CiLow:G6}, {r.CiHigh:G6}]"));
            }

            // Incremental: new rows arrive (late exposures dated before the units' first, new units, events), then one analysis.
            var (newExposures, newEvents) = (exposures / 1000, events / 1000);
            await store.QueryAsync(Increment(newExposures, newEvents, exposures, await FreshSaltAsync(store, ct)), ct);
            await TimeAsync("state", async () => fromState = await FullAsync(store));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"state analysis after {newExposures:N0} new exposures (half late, for existing units) and {newEvents:N0} new events: {times["state"].Wall[^1]:F2} s wall, CPU {times["state"].Cpu[^1]:F1} s"));
        }
        return 0;
    }

    /// <summary>A row-number offset no earlier increment used (so every increment brings new units and new late exposures).</summary>
    private static async Task<long> FreshSaltAsync(DuckDbEventStore store, CancellationToken ct) =>
        Convert.ToInt64((await store.QueryAsync("SELECT COUNT(*) FROM event_exposures", ct))[0][0], CultureInfo.InvariantCulture) * 1000;

    /// <summary>
    /// New rows after the state was built: exposures (half of them late, dated up to a day before every existing unit's
    /// first exposure, for existing units; half for new units) and events for existing units.
    /// </summary>
    private static string Increment(long newExposures, long newEvents, long units, long salt = 0) => $"""
        INSERT INTO event_exposures
        SELECT CAST('{Environment}' AS UUID), uuid(), TIMESTAMP '2026-11-09' - to_seconds(CAST(hash(i, 1) % 86400 AS BIGINT)),
               CASE WHEN i % 2 = 0 THEN 'u' || (hash(i, 2) % {units}) ELSE 'n' || i END, '{Experiment}', CAST(hash(i, 3) % 2 AS INTEGER), 'id', NULL
        FROM range({salt}, {salt} + {newExposures}) t(i);
        INSERT INTO event_metrics
        SELECT CAST('{Environment}' AS UUID), uuid(), TIMESTAMP '2026-11-18' + to_seconds(CAST(hash(i, 4) % 86400 AS BIGINT)),
               'u' || (hash(i, 5) % {units}), 'm' || (i % 10), round((hash(i, 6) % 10000) / 100.0, 2)
        FROM range({salt}, {salt} + {newEvents}) t(i);
        """;

    /// <summary>Ten metrics on m0…m9: four sums and three conversions with a 7-day CUPED pre-period, two means, one ratio.</summary>
    private static List<ProductMetric> Catalogue()
    {
        var list = new List<ProductMetric>();
        for (var i = 0; i < 10; i++)
        {
            var kind = i switch { < 4 => MetricKind.Sum, < 7 => MetricKind.Conversion, < 9 => MetricKind.Mean, _ => MetricKind.Ratio };
            list.Add(new ProductMetric
            {
                Key = $"m{i}", Name = $"m{i}", EventName = $"m{i}", Kind = kind, DenominatorEventName = kind == MetricKind.Ratio ? "m0" : null,
                CupedPrePeriodDays = kind is MetricKind.Sum or MetricKind.Conversion ? 7 : 0, Direction = Direction.Increase,
            });
        }
        return list;
    }

    /// <summary>
    /// What an analyst would write by hand for the same numbers: first exposure per unit, then per (unit, metric)
    /// post- and pre-period sums in one GROUP BY, then per (variation, metric) sums; units without events add zeros.
    /// </summary>
    private static string HandWritten(List<ProductMetric> metrics, DateTime end) => $"""
        WITH u AS (
            SELECT unit_id, MIN(ts) AS first_seen, MIN(variation) AS variation
            FROM event_exposures WHERE environment_id = '{Environment}' AND experiment = '{Experiment}' AND ts < '{end:yyyy-MM-dd HH:mm:ss}'
            GROUP BY unit_id HAVING COUNT(DISTINCT variation) = 1
        ),
        per_unit AS (
            SELECT u.variation, e.unit_id, e.metric,
                   SUM(e.value) FILTER (WHERE e.ts >= u.first_seen) AS post_sum,
                   COUNT(*) FILTER (WHERE e.ts >= u.first_seen) AS post_count,
                   SUM(e.value) FILTER (WHERE e.ts < u.first_seen) AS pre_sum
            FROM event_metrics e JOIN u ON e.unit_id = u.unit_id
            WHERE e.environment_id = '{Environment}' AND e.ts >= u.first_seen - INTERVAL 7 DAY AND e.ts < '{end:yyyy-MM-dd HH:mm:ss}'
            GROUP BY ALL
        )
        SELECT variation, metric, COUNT(*) AS units_with_events,
               SUM(post_sum), SUM(post_sum * post_sum), SUM(post_count), SUM(post_count * post_count), SUM(post_sum * post_count),
               SUM(pre_sum), SUM(pre_sum * pre_sum), SUM(pre_sum * post_sum),
               SUM(CASE WHEN post_count > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN pre_sum IS NOT NULL THEN 1 ELSE 0 END)
        FROM per_unit GROUP BY ALL
        """;

    private static void Generate(string file, long exposures, long events)
    {
        Console.WriteLine($"generating {exposures:N0} exposures and {events:N0} metric events in {file}…");
        var clock = Stopwatch.StartNew();
        using var connection = new DuckDBConnection($"Data Source={file}");
        connection.Open();
        using var command = connection.CreateCommand();
        // No primary key here: the analysis never reads it, and a 100M-row index would only measure memory.
        command.CommandText = $"""
            SET preserve_insertion_order = false;
            CREATE TABLE event_exposures AS
            SELECT CAST('{Environment}' AS UUID) AS environment_id, uuid() AS event_id,
                   TIMESTAMP '2026-11-10' + to_seconds(CAST(hash(i) % (7 * 86400) AS BIGINT)) AS ts,
                   'u' || i AS unit_id, '{Experiment}' AS experiment, CAST(hash(i * 7 + 1) % 2 AS INTEGER) AS variation,
                   'id' AS hash_attribute, CAST(NULL AS VARCHAR) AS feature
            FROM range({exposures}) t(i);
            CREATE TABLE event_metrics AS
            SELECT CAST('{Environment}' AS UUID) AS environment_id, uuid() AS event_id,
                   TIMESTAMP '2026-11-03' + to_seconds(CAST(hash(i * 3) % (16 * 86400) AS BIGINT)) AS ts,
                   'u' || (hash(i * 5 + 2) % {exposures}) AS unit_id, 'm' || (i % 10) AS metric,
                   round((hash(i * 11) % 10000) / 100.0, 2) AS value
            FROM range({events}) t(i);
            CHECKPOINT;
            """;
        command.ExecuteNonQuery();
        Console.WriteLine($"generated in {clock.Elapsed.TotalSeconds:F0} s ({new FileInfo(file).Length / 1e9:F1} GB)");
    }
}
