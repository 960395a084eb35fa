namespace Stepwise.Data;

/// <summary>Which database Stepwise keeps its records in. Bound from the <c>Database</c> configuration section
/// (environment: <c>Database__Provider</c>, <c>Database__ConnectionString</c>).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    /// <summary>When empty with SQLite, the embedded default <c>./data/stepwise.db</c> is used.</summary>
    public string? ConnectionString { get; set; }

    public const string DefaultSqliteConnection = "Data Source=data/stepwise.db";
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
