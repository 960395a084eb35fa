namespace Stepwise.Events.Analysis;

/// <summary>
/// Measured overlap: of the units exposed to one experiment (or rollout), how many were also exposed to each other
/// exposure key in the same environment, counted from the exposures themselves rather than from the planned ranges.
/// </summary>
public static class OverlapQuery
{
    public static string Sql(SqlDialect d, Guid environmentId, string key, DateTime end) => $"""
        WITH mine AS (
            SELECT DISTINCT unit_id FROM event_exposures
            WHERE environment_id = {d.Uuid(environmentId)} AND experiment = {SqlDialect.Text(key)} AND ts < {d.Timestamp(end)}
        )
        SELECT e.experiment, COUNT(DISTINCT e.unit_id) AS shared
        FROM event_exposures e JOIN mine m ON e.unit_id = m.unit_id
        WHERE e.environment_id = {d.Uuid(environmentId)} AND e.experiment <> {SqlDialect.Text(key)} AND e.ts < {d.Timestamp(end)}
        GROUP BY e.experiment
        ORDER BY shared DESC
        """;
}
