using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Stepwise.Events.Analysis;

/// <summary>
/// The per-unit analysis state of one definition: what an analysis of <see cref="AnalysisScope"/> needs from the raw
/// events, kept per unit so that an analysis aggregates unit rows instead of re-reading every event.
/// <para>
/// Two tables per definition. <c>units</c>: one row per exposed unit with its first exposure and the lowest and
/// highest variation it saw (exactly stage 1 of <see cref="AnalysisQuery"/>, without the time cutoff), and a dense
/// integer <c>unit_key</c> given when the unit first appears. <c>events</c>: one row per single-variation unit (by
/// key) and source event with the unit's sums in every window the metrics need (exactly stage 2), carrying the unit's
/// variation and first exposure. Joins between the state's tables (a refresh's merge, a ratio metric's numerator and
/// denominator) compare integers instead of unit id strings, several times faster over tens of millions of rows.
/// </para>
/// <para>
/// The definition (environment, exposure key, stage start, source events, CUPED pre-periods, retention days) names
/// the tables, so a metric whose event or pre-period changes in the catalogue gets a new state instead of a stale one.
/// </para>
/// </summary>
public sealed class AnalysisState
{
    /// <summary>Bump when the tables' meaning changes: every state is then rebuilt under a new name.</summary>
    public const int Version = 2;

    private readonly SqlDialect _d;
    private readonly StateDefinition _definition;

    public AnalysisState(SqlDialect dialect, AnalysisScope scope)
        : this(dialect, new StateDefinition(Version, scope.EnvironmentId, scope.ExperimentKey, scope.Start,
            [.. scope.Metrics.SelectMany(m => m.Kind == Metrics.MetricKind.Ratio ? new[] { m.EventName, m.DenominatorEventName! } : [m.EventName])
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            [.. scope.Metrics.Where(m => m.UsesCuped).Select(m => m.CupedPrePeriodDays).Distinct().Order()],
            [.. scope.Metrics.Where(m => m.Kind == Metrics.MetricKind.Retention).Select(m => m.RetentionDays ?? 1).Distinct().Order()]))
    {
    }

    private AnalysisState(SqlDialect dialect, StateDefinition definition)
    {
        _d = dialect;
        _definition = definition;
        Definition = JsonSerializer.Serialize(definition, DefinitionJson);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Definition)))[..20];
        UnitsTable = $"analysis_state_{hash}_units";
        EventsTable = $"analysis_state_{hash}_events";
    }

    /// <summary>
    /// The state a stored <see cref="Definition"/> describes (what a background refresh uses, without the analysis
    /// that created it); null when it was written by another version or cannot be read.
    /// </summary>
    public static AnalysisState? FromDefinition(SqlDialect dialect, string definition)
    {
        try
        {
            return JsonSerializer.Deserialize<StateDefinition>(definition, DefinitionJson) is { Version: Version } parsed
                && parsed.Events is not null && parsed.PreDays is not null && parsed.RetentionDays is not null && parsed.ExposureKey is not null
                ? new AnalysisState(dialect, parsed) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Everything the state's rows depend on besides the events themselves (JSON; its hash names the tables).</summary>
    public string Definition { get; }

    public string UnitsTable { get; }

    public string EventsTable { get; }

    public IReadOnlyList<string> EventNames => _definition.Events;

    public IReadOnlyList<int> PreDays => _definition.PreDays;

    public IReadOnlyList<int> RetentionDays => _definition.RetentionDays;

    /// <summary>The exposure key (an experiment, or <c>rollout-&lt;id&gt;</c>) the state is about.</summary>
    public string ExposureKey => _definition.ExposureKey;

    private static readonly JsonSerializerOptions DefinitionJson = new(JsonSerializerDefaults.Web);

    private int MaxPre => PreDays.DefaultIfEmpty(0).Max();

    private string ExposureFilter => $"environment_id = {_d.Uuid(_definition.EnvironmentId)} AND experiment = {SqlDialect.Text(_definition.ExposureKey)}"
        + (_definition.Start is { } start ? $" AND ts >= {_d.Timestamp(start)}" : "");

    private string MetricFilter(string alias) =>
        $"{alias}.environment_id = {_d.Uuid(_definition.EnvironmentId)} AND {SqlDialect.In($"{alias}.metric", EventNames)}";

    /// <summary>What a state's rows depend on: the exposures of one key (from a stage start) and the windows of some source events.</summary>
    private sealed record StateDefinition(int Version, Guid EnvironmentId, string ExposureKey, DateTime? Start, string[] Events, int[] PreDays, int[] RetentionDays);

    /// <summary>Per unit: first exposure, lowest and highest variation, over the exposures <paramref name="where"/> selects.</summary>
    public string UnitsFrom(string where) => $"""
        SELECT unit_id, MIN(ts) AS first_seen, MIN(variation) AS variation, MAX(variation) AS last_variation
        FROM event_exposures
        WHERE {ExposureFilter}{where}
        GROUP BY unit_id
        """;

    /// <summary>
    /// Per unit of <paramref name="unitsTable"/> (unit_key, unit_id, first_seen, variation; single-variation units
    /// only) and source event: the unit's sums in each window, over its stored events.
    /// </summary>
    /// <remarks>
    /// <paramref name="metricsWhere"/> narrows the metric rows read (e.g. only the rows stored since the last
    /// refresh, or a lower bound on <c>ts</c> that lets the scan skip old row groups); the window sums are additive,
    /// so the sums over a subset of a unit's events add up to the sums over all of them.
    /// </remarks>
    public string EventsFor(string unitsTable, string metricsWhere = "") => $"""
        SELECT u.unit_key, e.metric, MIN(u.variation) AS variation, MIN(u.first_seen) AS first_seen,
            {string.Join(",\n    ", AnalysisQuery.WindowColumns(_d, PreDays, RetentionDays))}
        FROM event_metrics e
        JOIN {unitsTable} u ON e.unit_id = u.unit_id
        WHERE {MetricFilter("e")}{metricsWhere} AND e.ts >= {_d.AddDays("u.first_seen", -MaxPre)}
        GROUP BY u.unit_key, e.metric
        """;

    /// <summary>The units table built from scratch: <see cref="UnitsFrom"/> over every exposure, numbered.</summary>
    public string NumberedUnits() => $"SELECT row_number() OVER () AS unit_key, * FROM ({UnitsFrom("")}) t";

    /// <summary>The single-variation units of the units table, as <see cref="EventsFor"/> reads them.</summary>
    public string SingleVariationUnits(string except = "") =>
        $"(SELECT unit_key, unit_id, first_seen, variation FROM {UnitsTable} WHERE variation = last_variation{except})";

    /// <summary>The per-window sums of an events row (every column after unit_id, metric, variation, first_seen).</summary>
    public IReadOnlyList<string> WindowSums => AnalysisQuery.WindowColumnNames(PreDays, RetentionDays);

    /// <summary>The earliest metric timestamp the events rows of units first exposed at <paramref name="firstSeen"/> read.</summary>
    public DateTime EarliestEventFor(DateTime firstSeen) => firstSeen.AddDays(-MaxPre);

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
            {NumberedUnits()}
            {EventsTable} =
            {EventsFor(SingleVariationUnits())}
            """;
        return string.Concat(text.ReplaceLineEndings("\n").Split('\n').Select(line => "-- " + line + "\n"));
    }
}
