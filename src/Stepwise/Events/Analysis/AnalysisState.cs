using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Stepwise.Events.Analysis;

/// <summary>
/// The per-unit analysis state of one definition: what an analysis of <see cref="AnalysisScope"/> needs from the raw
/// events, kept per unit so that an analysis aggregates unit rows instead of re-reading every event.
/// <para>
/// Two tables per definition. <c>units</c>: one row per exposed unit with its first exposure and the lowest and
/// highest variation it saw (exactly stage 1 of <see cref="AnalysisQuery"/>, without the time cutoff).
/// <c>events</c>: one row per single-variation unit and source event with the unit's sums in every window the
/// metrics need (exactly stage 2), carrying the unit's variation and first exposure.
/// </para>
/// <para>
/// The definition (environment, exposure key, stage start, source events, CUPED pre-periods, retention days) names
/// the tables, so a metric whose event or pre-period changes in the catalogue gets a new state instead of a stale one.
/// </para>
/// </summary>
public sealed class AnalysisState
{
    /// <summary>Bump when the tables' meaning changes: every state is then rebuilt under a new name.</summary>
    private const int Version = 1;

    private readonly SqlDialect _d;
    private readonly AnalysisScope _scope;

    public AnalysisState(SqlDialect dialect, AnalysisScope scope)
    {
        _d = dialect;
        _scope = scope;
        EventNames = scope.Metrics.SelectMany(m => m.Kind == Metrics.MetricKind.Ratio ? new[] { m.EventName, m.DenominatorEventName! } : [m.EventName])
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        PreDays = scope.Metrics.Where(m => m.UsesCuped).Select(m => m.CupedPrePeriodDays).Distinct().Order().ToArray();
        RetentionDays = scope.Metrics.Where(m => m.Kind == Metrics.MetricKind.Retention).Select(m => m.RetentionDays ?? 1).Distinct().Order().ToArray();
        Definition = string.Join("\n",
            $"v{Version}", scope.EnvironmentId.ToString("D"), scope.ExperimentKey,
            scope.Start?.ToString("O", CultureInfo.InvariantCulture) ?? "-",
            string.Join(",", EventNames.Select(SqlDialect.Text)),
            string.Join(",", PreDays), string.Join(",", RetentionDays));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Definition)))[..20];
        UnitsTable = $"analysis_state_{hash}_units";
        EventsTable = $"analysis_state_{hash}_events";
    }

    /// <summary>Everything the state's rows depend on besides the events themselves.</summary>
    public string Definition { get; }

    public string UnitsTable { get; }

    public string EventsTable { get; }

    public IReadOnlyList<string> EventNames { get; }

    public IReadOnlyList<int> PreDays { get; }

    public IReadOnlyList<int> RetentionDays { get; }

    private int MaxPre => PreDays.DefaultIfEmpty(0).Max();

    private string ExposureFilter => $"environment_id = {_d.Uuid(_scope.EnvironmentId)} AND experiment = {SqlDialect.Text(_scope.ExperimentKey)}"
        + (_scope.Start is { } start ? $" AND ts >= {_d.Timestamp(start)}" : "");

    private string MetricFilter(string alias) =>
        $"{alias}.environment_id = {_d.Uuid(_scope.EnvironmentId)} AND {alias}.metric IN ({string.Join(", ", EventNames.Select(SqlDialect.Text))})";

    /// <summary>Per unit: first exposure, lowest and highest variation, over the exposures <paramref name="where"/> selects.</summary>
    public string UnitsFrom(string where) => $"""
        SELECT unit_id, MIN(ts) AS first_seen, MIN(variation) AS variation, MAX(variation) AS last_variation
        FROM event_exposures
        WHERE {ExposureFilter}{where}
        GROUP BY unit_id
        """;

    /// <summary>
    /// Per unit of <paramref name="unitsTable"/> (unit_id, first_seen, variation; single-variation units only) and
    /// source event: the unit's sums in each window, over all its stored events.
    /// </summary>
    public string EventsFor(string unitsTable) => $"""
        SELECT e.unit_id, e.metric, MIN(u.variation) AS variation, MIN(u.first_seen) AS first_seen,
            {string.Join(",\n    ", AnalysisQuery.WindowColumns(_d, PreDays, RetentionDays))}
        FROM event_metrics e
        JOIN {unitsTable} u ON e.unit_id = u.unit_id
        WHERE {MetricFilter("e")} AND e.ts >= {_d.AddDays("u.first_seen", -MaxPre)}
        GROUP BY e.unit_id, e.metric
        """;

    /// <summary>The latest timestamp among the exposures and source events the two filters select (NULL when none).</summary>
    public string LatestTimestamp(string exposuresWhere, string metricsWhere) => $"""
        SELECT MAX(latest) FROM (
            SELECT MAX(ts) AS latest FROM event_exposures WHERE {ExposureFilter}{exposuresWhere}
            UNION ALL
            SELECT MAX(e.ts) FROM event_metrics e WHERE {MetricFilter("e")}{metricsWhere}) t
        """;

    /// <summary>
    /// A SQL comment saying what the state's tables hold (shown above the statistics query on the result page, so
    /// what ran can still be traced to the raw events).
    /// </summary>
    public string Explanation()
    {
        var text = $"""
            Read from the per-unit analysis state, kept equal to these queries over all stored events (refreshed just before):
            {UnitsTable} =
            {UnitsFrom("")}
            {EventsTable} =
            {EventsFor($"(SELECT unit_id, first_seen, variation FROM {UnitsTable} WHERE variation = last_variation)")}
            """;
        return string.Concat(text.ReplaceLineEndings("\n").Split('\n').Select(line => "-- " + line + "\n"));
    }

    /// <summary>Units whose source events appear among the metric rows <paramref name="where"/> selects.</summary>
    public string UnitsWithEvents(string where) => $"SELECT DISTINCT e.unit_id FROM event_metrics e WHERE {MetricFilter("e")}{where}";
}
