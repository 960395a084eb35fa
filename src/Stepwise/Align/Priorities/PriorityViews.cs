using Stepwise.Organization;

namespace Stepwise.Align.Priorities;

public sealed record StackSummary(Guid Id, Guid UnitId, string UnitKey, string UnitName, UnitKind UnitKind, int Version, int ItemCount, string? Top);

public sealed record PriorityItemView(Guid Id, int Rank, string Title, string? Description, DateTimeOffset CreatedAt);

/// <summary>A stack as it stands now or as it stood at <see cref="AsOf"/> (then <see cref="Version"/> is the version at that time).</summary>
public sealed record StackView(Guid Id, Guid UnitId, string UnitKey, string UnitName, UnitKind UnitKind, int Version, DateTimeOffset? AsOf,
    IReadOnlyList<PriorityItemView> Items, bool CanEdit);

public sealed record PriorityChangeView(Guid Id, PriorityChangeKind Kind, Guid ItemId, string ItemTitle, int? FromRank, int? ToRank, string Reason,
    string By, DateTimeOffset At, int VersionAfter);

public sealed record WorkItem(string Kind, string Key, string Title, string Status, string Link, string? Unit);

public sealed record PriorityWork(Guid PriorityItemId, string StackUnit, int Rank, string Title, IReadOnlyList<WorkItem> Work);

/// <summary>The work under each live priority, and the work that serves none.</summary>
public sealed record WorkByPriority(IReadOnlyList<PriorityWork> Priorities, IReadOnlyList<WorkItem> Unaligned);
