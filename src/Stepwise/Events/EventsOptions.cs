namespace Stepwise.Events;

/// <summary>Where events are stored.</summary>
public enum EventStoreKind
{
    /// <summary>PostgreSQL when the application database is PostgreSQL, DuckDB otherwise.</summary>
    Auto,
    DuckDb,
    Postgres,
}

/// <summary>Settings of the <c>Events</c> configuration section.</summary>
public sealed class EventsOptions
{
    public const string Section = "Events";

    public EventStoreKind Store { get; set; } = EventStoreKind.Auto;

    /// <summary>The embedded DuckDB file (relative to the working directory).</summary>
    public string DuckDbPath { get; set; } = "data/events.duckdb";

    /// <summary>Largest request body of <c>POST /api/events</c>; bigger bodies get 413.</summary>
    public int MaxBatchBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Most events in one request; more get 413.</summary>
    public int MaxBatchEvents { get; set; } = 5000;

    /// <summary>Accepted events waiting for their durable write at most; a batch that does not fit gets 429. Keep it ≥ <see cref="MaxBatchEvents"/>.</summary>
    public int MaxPendingEvents { get; set; } = 200_000;

    /// <summary>Most events written in one commit (group commit of many requests).</summary>
    public int MaxEventsPerCommit { get; set; } = 50_000;

    /// <summary>
    /// Analyse from the per-unit analysis state (kept up to date at each analysis) instead of re-reading every raw
    /// event. Only the DuckDB store has it; the results are the same either way.
    /// </summary>
    public bool AnalysisState { get; set; } = true;

    /// <summary>
    /// How often the states of recently used analyses are brought up to date in the background, so an analysis only
    /// folds in what arrived since; zero turns it off (analyses still refresh what they read, so results stay current).
    /// </summary>
    public TimeSpan StateRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>States no analysis used for this long are not refreshed in the background (an experiment that ended).</summary>
    public TimeSpan StateRefreshUsedWithin { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Seconds a client is told to wait (<c>Retry-After</c>) when the queue is full or the store failed.</summary>
    public int RetryAfterSeconds { get; set; } = 1;
}
