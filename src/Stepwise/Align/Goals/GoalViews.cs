namespace Stepwise.Align.Goals;

public sealed record GoalSummary(Guid Id, GoalKind Kind, string Title, string Statement, Guid UnitId, string UnitKey, string UnitName, Guid? ParentId,
    Guid? PriorityItemId, GoalStatus Status, double? Latest, double TargetToday, bool? OnTrack, IReadOnlyList<GoalSummary> Children);

public sealed record MeasurementView(DateOnly On, double Value, double Target, string? Note, string RecordedBy);

public sealed record CheckInView(Guid Id, DateOnly WeekOf, IReadOnlyList<string> Commitments, int? PreviousKept, int? PreviousTotal, string? Note,
    string By, DateTimeOffset At);

public sealed record GoalDetails(GoalSummary Goal, string MeasureName, string MeasureUnit, MeasureKind Measure, double FromValue, double ToValue,
    DateOnly StartOn, DateOnly Deadline, string? Parent, Guid? ParentGoalId, string? Priority, IReadOnlyList<MeasurementView> Measurements,
    IReadOnlyList<CheckInView> CheckIns, bool CanEdit, bool CanCheckIn);
