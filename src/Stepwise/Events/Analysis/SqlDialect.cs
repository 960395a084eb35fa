using System.Globalization;

namespace Stepwise.Events.Analysis;

/// <summary>
/// The few SQL spellings that differ between stores. The analysis query is written once against this
/// class, so another store (ClickHouse: <c>sumIf</c>, <c>countIf</c>, <c>addDays</c>, <c>toUUID</c>) is one
/// more subclass. Values are inlined as escaped literals so the query shown on the result page is exactly
/// the query that ran and can be pasted into the store's shell.
/// </summary>
public abstract class SqlDialect
{
    public abstract string Name { get; }

    public abstract string TimestampType { get; }

    public static string Text(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary><c>column IN (values)</c>; FALSE for no values (an analysis of exposures alone), which SQL cannot write as <c>IN ()</c>.</summary>
    public static string In(string column, IEnumerable<string> values)
    {
        var list = values.Select(Text).ToList();
        return list.Count == 0 ? "FALSE" : $"{column} IN ({string.Join(", ", list)})";
    }

    public virtual string Uuid(Guid value) => $"CAST('{value:D}' AS UUID)";

    public virtual string Timestamp(DateTime utc) =>
        $"CAST('{utc.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}' AS {TimestampType})";

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary><paramref name="timestamp"/> moved by a whole number of days.</summary>
    public virtual string AddDays(string timestamp, int days) => days == 0 ? timestamp : $"({timestamp} + INTERVAL '{days} days')";

    /// <summary>Σ expression over the rows where the condition holds (0 when none).</summary>
    public virtual string SumIf(string expression, string condition) => $"COALESCE(SUM({expression}) FILTER (WHERE {condition}), 0)";

    /// <summary>Rows where the condition holds.</summary>
    public virtual string CountIf(string condition) => $"COUNT(*) FILTER (WHERE {condition})";

    /// <summary>1 when any row satisfies the condition, else 0.</summary>
    public virtual string AnyIf(string condition) => $"COALESCE(MAX(CASE WHEN {condition} THEN 1 ELSE 0 END), 0)";

    /// <summary>The double-precision cast (aggregates of integers must not overflow or truncate).</summary>
    public virtual string AsDouble(string expression) => $"CAST({expression} AS DOUBLE PRECISION)";
}

/// <summary>DuckDB (the embedded default).</summary>
public sealed class DuckDbDialect : SqlDialect
{
    public static readonly DuckDbDialect Instance = new();

    public override string Name => "DuckDB";

    public override string TimestampType => "TIMESTAMP";
}

/// <summary>PostgreSQL (when the application runs on it).</summary>
public sealed class PostgresDialect : SqlDialect
{
    public static readonly PostgresDialect Instance = new();

    public override string Name => "PostgreSQL";

    public override string TimestampType => "TIMESTAMPTZ";

    public override string Timestamp(DateTime utc) =>
        $"CAST('{utc.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}+00' AS TIMESTAMPTZ)";
}
