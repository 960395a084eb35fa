namespace Stepwise.Align.Goals;

/// <summary>
/// A wildly important goal (WIG) or a sub-goal (sWIG), phrased "from X to Y by when". A WIG is tracked by a lag measure
/// (the result) and may align to a WIG of a unit that contains its own; a sWIG is tracked by a lead measure (something the
/// team can move this week) and aligns to exactly one parent goal.
/// </summary>
public sealed class Goal
{
    public Guid Id { get; init; }
    public Guid UnitId { get; init; }
    public Guid? ParentId { get; set; }
    public GoalKind Kind { get; init; }
    public required string Title { get; set; }
    public required string MeasureName { get; set; }
    public string MeasureUnit { get; set; } = "";
    public double FromValue { get; set; }
    public double ToValue { get; set; }
    public DateOnly StartOn { get; set; }
    public DateOnly Deadline { get; set; }
    /// <summary>The priority this goal serves (sWIGs usually inherit their parent's).</summary>
    public Guid? PriorityItemId { get; set; }
    public GoalStatus Status { get; set; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public MeasureKind Measure => Kind == GoalKind.Wig ? MeasureKind.Lag : MeasureKind.Lead;

    /// <summary>True when a higher value is progress.</summary>
    public bool Increasing => ToValue >= FromValue;

    /// <summary>Where the straight line from start to target says the measure should be on <paramref name="day"/>.</summary>
    public double TargetOn(DateOnly day)
    {
        var span = Deadline.DayNumber - StartOn.DayNumber;
        if (span <= 0) return ToValue;
        var progress = Math.Clamp((double)(day.DayNumber - StartOn.DayNumber) / span, 0, 1);
        return FromValue + (ToValue - FromValue) * progress;
    }
}

public enum GoalKind
{
    Wig,
    Swig,
}

public enum MeasureKind
{
    Lag,
    Lead,
}

public enum GoalStatus
{
    Active,
    Achieved,
    Missed,
    Dropped,
}

/// <summary>One reading of a goal's measure on a day.</summary>
public sealed class GoalMeasurement
{
    public Guid Id { get; init; }
    public Guid GoalId { get; init; }
    public DateOnly On { get; init; }
    public double Value { get; init; }
    public string? Note { get; init; }
    public required string RecordedBy { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>
/// A weekly check-in: how last week's commitments went and what the team commits to this week to move the measure.
/// One per goal and week; a second one for the same week is a conflict, not an overwrite.
/// </summary>
public sealed class GoalCheckIn
{
    public Guid Id { get; init; }
    public Guid GoalId { get; init; }
    /// <summary>The Monday of the week.</summary>
    public DateOnly WeekOf { get; init; }
    public List<string> Commitments { get; init; } = [];
    /// <summary>How many of the previous week's commitments were kept (null for the first check-in).</summary>
    public int? PreviousKept { get; init; }
    public int? PreviousTotal { get; init; }
    public string? Note { get; init; }
    public required string By { get; init; }
    public DateTimeOffset At { get; init; }
}
