namespace Stepwise.Organization;

/// <summary>A recorded change in someone's working life: the history shown on a person's page and read by Career Steps' data-quality checks.</summary>
public sealed class Transition
{
    public Guid Id { get; init; }
    public Guid PersonId { get; init; }
    public TransitionKind Kind { get; init; }
    public DateOnly EffectiveOn { get; init; }
    public string? FromValue { get; init; }
    public string? ToValue { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

public enum TransitionKind
{
    Hired,
    JoinedUnit,
    LeftUnit,
    BecameLead,
    TitleChanged,
    DisciplineChanged,
    TrackChanged,
    LocationChanged,
    ManagerChanged,
    Left,
}
