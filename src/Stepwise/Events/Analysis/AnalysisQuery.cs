using System.Text;
using Stepwise.Events.Metrics;

namespace Stepwise.Events.Analysis;

/// <summary>What to analyse: one experiment's exposures in one environment, metrics from the catalogue, events before <see cref="End"/>.</summary>
public sealed record AnalysisScope(Guid EnvironmentId, string ExperimentKey, IReadOnlyList<ProductMetric> Metrics, DateTime End);

/// <summary>
/// Generates the warehouse-native analysis: one query that turns raw events into per-variant sufficient
/// statistics (per metric: units, Σy, Σy², Σx, Σx², Σxy), computed entirely inside the store. y is the metric
/// (or a ratio's numerator), x the CUPED pre-period covariate (or the denominator). Stepwise.Stats does the rest.
/// </summary>
public static class AnalysisQuery
{
    /// <summary>Columns per metric in the statistics query, after <c>variation</c> and <c>units</c>.</summary>
    public const int ColumnsPerMetric = 6;

    /// <summary>
    /// Per variation: units exposed to that variation only (the analysed population, first exposure per unit),
    /// then <see cref="ColumnsPerMetric"/> columns per metric.
    /// </summary>
    public static string Statistics(SqlDialect d, AnalysisScope scope)
    {
        var end = d.Timestamp(scope.End);
        var names = scope.Metrics.SelectMany(m => m.DenominatorEventName is { } den ? new[] { m.EventName, den } : [m.EventName])
            .Distinct(StringComparer.Ordinal).Select(SqlDialect.Text);
        var maxPre = scope.Metrics.Where(m => m.UsesCuped).Select(m => m.CupedPrePeriodDays).DefaultIfEmpty(0).Max();
        var sql = new StringBuilder();
        sql.Append($"""
            WITH assigned AS (
                -- first exposure per unit; units that saw more than one variation are left out (and counted apart)
                SELECT unit_id, MIN(ts) AS first_seen, MIN(variation) AS variation, COUNT(DISTINCT variation) AS variations
                FROM event_exposures
                WHERE environment_id = {d.Uuid(scope.EnvironmentId)} AND experiment = {SqlDialect.Text(scope.ExperimentKey)} AND ts < {end}
                GROUP BY unit_id
            ),
            units AS (SELECT unit_id, first_seen, variation FROM assigned WHERE variations = 1),
            per_unit AS (
                SELECT u.unit_id, u.variation, u.first_seen
            """);
        for (var i = 0; i < scope.Metrics.Count; i++)
        {
            var (y, x) = PerUnit(d, scope.Metrics[i]);
            sql.Append($",\n        {d.AsDouble(y)} AS y{i},\n        {d.AsDouble(x)} AS x{i}");
        }
        sql.Append($"""

                FROM units u
                LEFT JOIN event_metrics e
                    ON e.environment_id = {d.Uuid(scope.EnvironmentId)} AND e.unit_id = u.unit_id
                    AND e.metric IN ({string.Join(", ", names)})
                    AND e.ts >= {d.AddDays("u.first_seen", -maxPre)} AND e.ts < {end}
                GROUP BY u.unit_id, u.variation, u.first_seen
            )
            SELECT variation, COUNT(*) AS units
            """);
        for (var i = 0; i < scope.Metrics.Count; i++)
        {
            var eligible = Eligible(d, scope.Metrics[i], end);
            sql.Append($",\n    {d.CountIf(eligible)} AS n{i}, {d.SumIf($"y{i}", eligible)} AS sy{i}, {d.SumIf($"y{i} * y{i}", eligible)} AS syy{i}");
            sql.Append($", {d.SumIf($"x{i}", eligible)} AS sx{i}, {d.SumIf($"x{i} * x{i}", eligible)} AS sxx{i}, {d.SumIf($"y{i} * x{i}", eligible)} AS sxy{i}");
        }
        sql.Append("\nFROM per_unit\nGROUP BY variation\nORDER BY variation");
        return sql.ToString();
    }

    /// <summary>Per variation (by first exposure): all units, and units that also saw another variation.</summary>
    public static string ExposureHealth(SqlDialect d, AnalysisScope scope) => $"""
        WITH assigned AS (
            SELECT unit_id, MIN(variation) AS variation, COUNT(DISTINCT variation) AS variations
            FROM event_exposures
            WHERE environment_id = {d.Uuid(scope.EnvironmentId)} AND experiment = {SqlDialect.Text(scope.ExperimentKey)} AND ts < {d.Timestamp(scope.End)}
            GROUP BY unit_id
        )
        SELECT variation, COUNT(*) AS units, {d.CountIf("variations > 1")} AS multiple
        FROM assigned
        GROUP BY variation
        ORDER BY variation
        """;

    /// <summary>The per-unit value (y) and secondary value (x) of a metric, over the unit's joined events <c>e</c>.</summary>
    private static (string Y, string X) PerUnit(SqlDialect d, ProductMetric m)
    {
        var name = $"e.metric = {SqlDialect.Text(m.EventName)}";
        var after = $"{name} AND e.ts >= u.first_seen";
        var pre = $"{name} AND e.ts < u.first_seen AND e.ts >= {d.AddDays("u.first_seen", -m.CupedPrePeriodDays)}";
        var cuped = m.UsesCuped;
        return m.Kind switch
        {
            MetricKind.Conversion => (d.AnyIf(after), cuped ? d.AnyIf(pre) : "0"),
            MetricKind.Sum => (d.SumIf("e.value", after), cuped ? d.SumIf("e.value", pre) : "0"),
            MetricKind.Mean => (d.SumIf("e.value", after), d.CountIf(after)),
            MetricKind.Ratio => (d.SumIf("e.value", after),
                d.SumIf("e.value", $"e.metric = {SqlDialect.Text(m.DenominatorEventName ?? m.EventName)} AND e.ts >= u.first_seen")),
            MetricKind.Retention => (
                d.AnyIf($"{name} AND e.ts >= {d.AddDays("u.first_seen", m.RetentionDays ?? 1)} AND e.ts < {d.AddDays("u.first_seen", (m.RetentionDays ?? 1) + 1)}"),
                cuped ? d.AnyIf(pre) : "0"),
            _ => throw new ArgumentOutOfRangeException(nameof(m), m.Kind, "Unknown metric kind."),
        };
    }

    /// <summary>Retention counts only units whose day N is over; every other metric counts every unit.</summary>
    private static string Eligible(SqlDialect d, ProductMetric m, string end) =>
        m.Kind == MetricKind.Retention ? $"{d.AddDays("first_seen", (m.RetentionDays ?? 1) + 1)} <= {end}" : "1 = 1";
}
