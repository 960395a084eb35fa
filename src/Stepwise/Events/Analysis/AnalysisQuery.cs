using System.Globalization;
using System.Text;
using Stepwise.Events.Metrics;

namespace Stepwise.Events.Analysis;

/// <summary>
/// What to analyse: one experiment's exposures in one environment, metrics from the catalogue, events before <see cref="End"/>;
/// with <see cref="Start"/>, only exposures from then on count (a rollout stage's window).
/// </summary>
public sealed record AnalysisScope(Guid EnvironmentId, string ExperimentKey, IReadOnlyList<ProductMetric> Metrics, DateTime End, DateTime? Start = null)
{
    /// <summary>The extra exposure filter for <see cref="Start"/>, empty without one.</summary>
    internal string StartFilter(SqlDialect d) => Start is { } start ? $" AND ts >= {d.Timestamp(start)}" : "";
}

/// <summary>One metric's sufficient statistics in one variation: units, Σy, Σy², Σx, Σx², Σxy.</summary>
public readonly record struct MetricSums(long Units, double SumY, double SumYY, double SumX, double SumXX, double SumXY);

/// <summary>
/// Generates the warehouse-native analysis: one query that reduces raw events to per-variation sufficient
/// statistics inside the store. y is the metric (a ratio's numerator), x the CUPED pre-period covariate (a ratio's
/// denominator, a mean's event count). Stepwise.Stats does the rest.
/// <para>
/// Shape (it decides the speed): (1) first exposure per unit; (2) one row per unit and source event with that
/// unit's sums in every window the metrics need (post-exposure, each CUPED pre-period, each retention day);
/// (3) per variation and source event, plain sums of those columns and of the products the metrics need — no
/// per-metric pivot, so the cost grows with events, not with events × metrics; units without events add zeros;
/// (4) a ratio's Σ numerator × denominator from a join of its two events per unit. Every result row has the same
/// columns: <c>kind, variation, metric, eligible, v0…vN</c>; <see cref="Read"/> assembles them.
/// </para>
/// </summary>
public sealed class AnalysisQuery
{
    private readonly SqlDialect _d;
    private readonly AnalysisScope _scope;
    private readonly int[] _preDays;
    private readonly int[] _retentionDays;
    private readonly List<string> _columns = [];

    private readonly AnalysisState? _state;

    /// <summary>The query over raw events, or with <paramref name="state"/> over that per-unit state (same result).</summary>
    public AnalysisQuery(SqlDialect dialect, AnalysisScope scope, AnalysisState? state = null)
    {
        _d = dialect;
        _scope = scope;
        _state = state;
        _preDays = scope.Metrics.Where(m => m.UsesCuped).Select(m => m.CupedPrePeriodDays).Distinct().Order().ToArray();
        _retentionDays = scope.Metrics.Where(m => m.Kind == MetricKind.Retention).Select(m => m.RetentionDays ?? 1).Distinct().Order().ToArray();
        Sql = Build();
    }

    /// <summary>The statistics query, exactly as it runs.</summary>
    public string Sql { get; }

    public static string Statistics(SqlDialect dialect, AnalysisScope scope) => new AnalysisQuery(dialect, scope).Sql;

    /// <summary>The names of <see cref="WindowColumns"/>, in the same order.</summary>
    public static List<string> WindowColumnNames(IReadOnlyList<int> preDays, IReadOnlyList<int> retentionDays) =>
        ["post_sum", "post_count", .. preDays.SelectMany(p => new[] { $"pre{p}_sum", $"pre{p}_count" }), .. retentionDays.Select(n => $"day{n}_count")];

    /// <summary>
    /// Stage 2 columns: a unit's sums per window (post-exposure, each pre-period, each retention day) over its
    /// events joined as <c>e</c> to its unit <c>u</c>; the WHERE clause already bounds <c>e.ts</c> below by the
    /// longest pre-period.
    /// </summary>
    public static List<string> WindowColumns(SqlDialect d, IReadOnlyList<int> preDays, IReadOnlyList<int> retentionDays)
    {
        var maxPre = preDays.DefaultIfEmpty(0).Max();
        var window = new List<string>
        {
            $"{d.SumIf("e.value", "e.ts >= u.first_seen")} AS post_sum",
            $"{d.CountIf("e.ts >= u.first_seen")} AS post_count",
        };
        foreach (var p in preDays)
        {
            var pre = p == maxPre ? "e.ts < u.first_seen" : $"e.ts < u.first_seen AND e.ts >= {d.AddDays("u.first_seen", -p)}";
            window.Add($"{d.SumIf("e.value", pre)} AS pre{p}_sum");
            window.Add($"{d.CountIf(pre)} AS pre{p}_count");
        }
        foreach (var n in retentionDays)
            window.Add($"{d.CountIf($"e.ts >= {d.AddDays("u.first_seen", n)} AND e.ts < {d.AddDays("u.first_seen", n + 1)}")} AS day{n}_count");
        return window;
    }

    private string Build()
    {
        var d = _d;
        var end = d.Timestamp(_scope.End);
        var env = d.Uuid(_scope.EnvironmentId);
        var names = _scope.Metrics.SelectMany(m => m.Kind == MetricKind.Ratio ? new[] { m.EventName, m.DenominatorEventName! } : [m.EventName])
            .Distinct(StringComparer.Ordinal).ToList();
        var maxPre = _preDays.DefaultIfEmpty(0).Max();

        // Stage 3 columns: Σ of each feature and of the products the metrics need.
        const string postAny = "CASE WHEN post_count > 0 THEN 1.0 ELSE 0.0 END";
        Column("post_sum", d.AsDouble("post_sum"));
        Column("post_sum2", $"{d.AsDouble("post_sum")} * post_sum");
        Column("post_count", d.AsDouble("post_count"));
        Column("post_count2", $"{d.AsDouble("post_count")} * post_count");
        Column("post_sum_count", $"{d.AsDouble("post_sum")} * post_count");
        Column("post_any", postAny);
        foreach (var p in _preDays)
        {
            var preAny = $"CASE WHEN pre{p}_count > 0 THEN 1.0 ELSE 0.0 END";
            Column($"pre{p}_sum", d.AsDouble($"pre{p}_sum"));
            Column($"pre{p}_sum2", $"{d.AsDouble($"pre{p}_sum")} * pre{p}_sum");
            Column($"post_pre{p}_sum", $"{d.AsDouble("post_sum")} * pre{p}_sum");
            Column($"pre{p}_any", preAny);
            Column($"post_pre{p}_any", $"{postAny} * {preAny}");
            foreach (var n in _retentionDays) Column($"day{n}_pre{p}_any", $"CASE WHEN day{n}_count > 0 THEN 1.0 ELSE 0.0 END * {preAny}");
        }
        foreach (var n in _retentionDays) Column($"day{n}_any", $"CASE WHEN day{n}_count > 0 THEN 1.0 ELSE 0.0 END");

        var eligible = _retentionDays.Length == 0 ? "0" : string.Join(" + ",
            _retentionDays.Select((n, k) => $"CASE WHEN {d.AddDays("first_seen", n + 1)} <= {end} THEN {1 << k} ELSE 0 END"));
        var groupEligible = _retentionDays.Length == 0 ? "" : ", " + eligible;
        var zeros = (int count) => string.Concat(Enumerable.Repeat(", 0.0", count));

        var sql = new StringBuilder();
        if (_state is { } state)
        {
            // Stages 1 and 2 are the state's tables (kept exact by the store's refresh).
            sql.Append(state.Explanation());
            sql.Append($"""
                WITH units AS (SELECT unit_key AS unit_id, first_seen, variation FROM {state.UnitsTable} WHERE variation = last_variation),
                unit_events AS (SELECT unit_key AS unit_id, metric, variation, first_seen, {string.Join(", ", state.WindowSums)} FROM {state.EventsTable})
                """);
        }
        else sql.Append($"""
            WITH assigned AS (
                -- first exposure per unit; units that saw more than one variation (MIN <> MAX: cheaper than COUNT DISTINCT)
                -- are left out (and counted apart)
                SELECT unit_id, MIN(ts) AS first_seen, MIN(variation) AS variation, MAX(variation) AS last_variation
                FROM event_exposures
                WHERE environment_id = {env} AND experiment = {SqlDialect.Text(_scope.ExperimentKey)} AND ts < {end}{_scope.StartFilter(d)}
                GROUP BY unit_id
            ),
            units AS (SELECT unit_id, first_seen, variation FROM assigned WHERE variation = last_variation),
            unit_events AS (
                -- one row per unit and source event: the unit's sums in each window the metrics use; grouped by the
                -- two keys only (a unit has one variation and one first exposure, carried with MIN)
                SELECT e.unit_id, e.metric, MIN(u.variation) AS variation{(_retentionDays.Length > 0 ? ", MIN(u.first_seen) AS first_seen" : "")},
                    {string.Join(",\n        ", WindowColumns(d, _preDays, _retentionDays))}
                FROM event_metrics e
                JOIN units u ON e.unit_id = u.unit_id
                WHERE e.environment_id = {env} AND {SqlDialect.In("e.metric", names)}
                    AND e.ts >= {d.AddDays("u.first_seen", -maxPre)} AND e.ts < {end}
                GROUP BY e.unit_id, e.metric
            )
            """);
        sql.Append($"""

            SELECT 'units' AS kind, variation, '' AS metric, {eligible} AS eligible, {d.AsDouble("COUNT(*)")} AS v0{zeros(_columns.Count - 1)}
            FROM units GROUP BY variation{groupEligible}
            UNION ALL
            SELECT 'events', variation, metric, {eligible},
                {string.Join(",\n    ", _columns)}
            FROM unit_events GROUP BY variation, metric{groupEligible}
            """);
        for (var i = 0; i < _scope.Metrics.Count; i++)
        {
            var m = _scope.Metrics[i];
            if (m.Kind != MetricKind.Ratio) continue;
            sql.Append($"""

                UNION ALL
                SELECT 'ratio', a.variation, {SqlDialect.Text(i.ToString(CultureInfo.InvariantCulture))}, 0, {d.AsDouble("SUM(a.post_sum * b.post_sum)")}{zeros(_columns.Count - 1)}
                FROM unit_events a JOIN unit_events b ON a.unit_id = b.unit_id
                WHERE a.metric = {SqlDialect.Text(m.EventName)} AND b.metric = {SqlDialect.Text(m.DenominatorEventName!)}
                GROUP BY a.variation
                """);
        }
        return sql.ToString();
    }

    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    private void Column(string name, string expression)
    {
        _index[name] = _columns.Count;
        _columns.Add($"SUM({expression}) AS {name}");
    }

    /// <summary>Per variation index: analysed units and, per metric (in scope order), its sufficient statistics.</summary>
    public (long[] Units, MetricSums[][] Metrics) Read(IReadOnlyList<object?[]> rows, int variations)
    {
        const int values = 4;
        double V(object?[] row, string column) => row[values + _index[column]] is { } v ? Convert.ToDouble(v, CultureInfo.InvariantCulture) : 0;
        static int Int(object? v) => Convert.ToInt32(v, CultureInfo.InvariantCulture);
        var units = new long[variations];
        var eligibleUnits = new long[variations, Math.Max(1, _retentionDays.Length)];
        var result = new MetricSums[variations][];
        for (var v = 0; v < variations; v++) result[v] = new MetricSums[_scope.Metrics.Count];
        var events = new List<object?[]>();
        var ratios = new Dictionary<(int Variation, int Metric), double>();
        foreach (var row in rows)
        {
            var variation = Int(row[1]);
            if (variation < 0 || variation >= variations) continue;
            switch ((string)row[0]!)
            {
                case "units":
                    var count = (long)Convert.ToDouble(row[values], CultureInfo.InvariantCulture);
                    units[variation] += count;
                    for (var k = 0; k < _retentionDays.Length; k++)
                        if ((Int(row[3]) & (1 << k)) != 0) eligibleUnits[variation, k] += count;
                    break;
                case "events":
                    events.Add(row);
                    break;
                case "ratio":
                    ratios[(variation, int.Parse((string)row[2]!, CultureInfo.InvariantCulture))] = Convert.ToDouble(row[values], CultureInfo.InvariantCulture);
                    break;
            }
        }
        for (var i = 0; i < _scope.Metrics.Count; i++)
        {
            var m = _scope.Metrics[i];
            var retention = Array.IndexOf(_retentionDays, m.RetentionDays ?? 1);
            for (var v = 0; v < variations; v++)
            {
                double S(string eventName, string column) => events
                    .Where(r => Int(r[1]) == v && (string)r[2]! == eventName && (m.Kind != MetricKind.Retention || (Int(r[3]) & (1 << retention)) != 0))
                    .Sum(r => V(r, column));
                var p = m.CupedPrePeriodDays;
                var e = m.EventName;
                result[v][i] = m.Kind switch
                {
                    MetricKind.Conversion => new(units[v], S(e, "post_any"), S(e, "post_any"),
                        m.UsesCuped ? S(e, $"pre{p}_any") : 0, m.UsesCuped ? S(e, $"pre{p}_any") : 0, m.UsesCuped ? S(e, $"post_pre{p}_any") : 0),
                    MetricKind.Sum => new(units[v], S(e, "post_sum"), S(e, "post_sum2"),
                        m.UsesCuped ? S(e, $"pre{p}_sum") : 0, m.UsesCuped ? S(e, $"pre{p}_sum2") : 0, m.UsesCuped ? S(e, $"post_pre{p}_sum") : 0),
                    MetricKind.Mean => new(units[v], S(e, "post_sum"), S(e, "post_sum2"), S(e, "post_count"), S(e, "post_count2"), S(e, "post_sum_count")),
                    MetricKind.Ratio => new(units[v], S(e, "post_sum"), S(e, "post_sum2"),
                        S(m.DenominatorEventName!, "post_sum"), S(m.DenominatorEventName!, "post_sum2"), ratios.GetValueOrDefault((v, i))),
                    MetricKind.Retention => new(eligibleUnits[v, retention], S(e, $"day{m.RetentionDays ?? 1}_any"), S(e, $"day{m.RetentionDays ?? 1}_any"),
                        m.UsesCuped ? S(e, $"pre{p}_any") : 0, m.UsesCuped ? S(e, $"pre{p}_any") : 0,
                        m.UsesCuped ? S(e, $"day{m.RetentionDays ?? 1}_pre{p}_any") : 0),
                    _ => throw new InvalidOperationException($"Unknown metric kind {m.Kind}."),
                };
            }
        }
        return (units, result);
    }

    /// <summary>The exposure health from a state's units table (same rows as <see cref="ExposureHealth(SqlDialect, AnalysisScope)"/>).</summary>
    public static string ExposureHealth(AnalysisState state, SqlDialect d) => $"""
        SELECT variation, COUNT(*) AS units, {d.CountIf("variation <> last_variation")} AS multiple
        FROM {state.UnitsTable}
        GROUP BY variation
        ORDER BY variation
        """;

    /// <summary>Per variation (by first exposure): all units, and units that also saw another variation.</summary>
    public static string ExposureHealth(SqlDialect d, AnalysisScope scope) => $"""
        WITH assigned AS (
            SELECT unit_id, MIN(variation) AS variation, MAX(variation) AS last_variation
            FROM event_exposures
            WHERE environment_id = {d.Uuid(scope.EnvironmentId)} AND experiment = {SqlDialect.Text(scope.ExperimentKey)} AND ts < {d.Timestamp(scope.End)}{scope.StartFilter(d)}
            GROUP BY unit_id
        )
        SELECT variation, COUNT(*) AS units, {d.CountIf("variation <> last_variation")} AS multiple
        FROM assigned
        GROUP BY variation
        ORDER BY variation
        """;
}
