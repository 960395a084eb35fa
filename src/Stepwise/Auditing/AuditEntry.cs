namespace Stepwise.Auditing;

/// <summary>One write, as it happened. Rows are only ever inserted: the database refuses updates and deletes (see the migrations' triggers).</summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    /// <summary>The user who made the change, or null for the system (seeding, migrations).</summary>
    public Guid? ActorId { get; init; }
    public required string ActorName { get; init; }
    public required string Action { get; init; }
    public required string EntityType { get; init; }
    public required string EntityId { get; init; }
    /// <summary>JSON of the changed properties before the write; null for inserts.</summary>
    public string? Before { get; init; }
    /// <summary>JSON of the changed properties after the write; null for deletes.</summary>
    public string? After { get; init; }
}
