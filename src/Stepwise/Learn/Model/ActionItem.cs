namespace Stepwise.Learn.Model;

public enum ActionStatus
{
    Open,
    Done,
    Dropped,
}

/// <summary>A follow-up with an owner and a due date. <see cref="OwnerUnitId"/> copies the retrospective's unit so the
/// unit's open actions can be found quickly when its next retrospective starts.</summary>
public sealed class ActionItem
{
    public Guid Id { get; set; }
    public Guid RetrospectiveId { get; set; }
    public Guid OwnerUnitId { get; set; }
    public required string Text { get; set; }
    public required string Owner { get; set; }
    public DateOnly? DueOn { get; set; }
    public ActionStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    public bool IsOpen => Status == ActionStatus.Open;
}
