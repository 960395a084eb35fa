namespace Stepwise.Align.Goals;

public sealed record CreateGoalRequest(Guid UnitId, GoalKind Kind, string Title, string MeasureName, string? MeasureUnit, double FromValue,
    double ToValue, DateOnly? StartOn, DateOnly Deadline, Guid? ParentId, IReadOnlyList<Guid>? ParentIds, Guid? PriorityItemId);

/// <summary>Moves a goal under another parent (or none, for a WIG).</summary>
public sealed record AlignGoalRequest(Guid? ParentId);

public sealed record RecordMeasurementRequest(DateOnly On, double Value, string? Note);

public sealed record CheckInRequest(DateOnly? WeekOf, IReadOnlyList<string> Commitments, int? PreviousKept, double? Value, string? Note);

public sealed record GoalStatusRequest(GoalStatus Status);
