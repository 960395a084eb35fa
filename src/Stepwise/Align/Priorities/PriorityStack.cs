namespace Stepwise.Align.Priorities;

/// <summary>
/// A unit's ranked list of what matters most (the company's, a tribe's, a journey team's). Priorities are ranked, not
/// weighted: the order is the message. <see cref="Version"/> goes up with every change so two people reordering the same
/// stack cannot silently overwrite each other.
/// </summary>
public sealed class PriorityStack
{
    public Guid Id { get; init; }
    public Guid UnitId { get; init; }
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public List<PriorityItem> Items { get; set; } = [];

    /// <summary>The live items in rank order (rank 1 first).</summary>
    public IEnumerable<PriorityItem> Ranked => Items.Where(i => i.RetiredAt is null).OrderBy(i => i.Rank);
}

/// <summary>One priority. Items are never deleted: a retired item keeps its history and the work that served it.</summary>
public sealed class PriorityItem
{
    public Guid Id { get; init; }
    public Guid StackId { get; init; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public int Rank { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RetiredAt { get; set; }
}

/// <summary>
/// An append-only entry in a stack's history: what changed, who did it, when and why, and the full order right after it,
/// so the stack can be replayed as of any moment by reading one row.
/// </summary>
public sealed class PriorityChange
{
    public Guid Id { get; init; }
    public Guid StackId { get; init; }
    public Guid ItemId { get; init; }
    public PriorityChangeKind Kind { get; init; }
    public required string ItemTitle { get; init; }
    public int? FromRank { get; init; }
    public int? ToRank { get; init; }
    public required string Reason { get; init; }
    public required string By { get; init; }
    public Guid? ByPersonId { get; init; }
    public DateTimeOffset At { get; init; }
    public int VersionAfter { get; init; }
    /// <summary>Item ids in rank order after this change.</summary>
    public List<Guid> OrderAfter { get; init; } = [];
}

public enum PriorityChangeKind
{
    Added,
    Moved,
    Retired,
    Edited,
}

/// <summary>A feature serving a priority. One priority per feature: work that serves everything serves nothing.</summary>
public sealed class FeaturePriority
{
    public Guid FeatureId { get; init; }
    public Guid PriorityItemId { get; set; }
    public DateTimeOffset LinkedAt { get; set; }
    public required string LinkedBy { get; set; }
}
